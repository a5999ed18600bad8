package io.drover.master.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.common.json.Json;
import io.drover.common.resources.Attributes;
import io.drover.common.resources.Resources;
import io.drover.common.resources.ResourcesParser;
import io.drover.master.allocator.Quota;
import io.drover.master.cluster.AgentInfo;
import io.drover.master.cluster.AgentStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The JSON form of registry znodes (camelCase, unknown fields ignored so later versions may add some).
 *
 * <ul>
 *   <li>agent: {@code {"agentId":"S1","status":"GONE","hostname":"h","port":5051,"resources":"cpus:4; ports:[1-5]",
 *       "attributes":"rack:r1","timeMs":123}}; hostname/port/resources/attributes are absent when the agent's info
 *       is unknown. Resources and attributes use the Mesos flag text form ({@link ResourcesParser}).
 *   <li>weights: {@code {"web":2.0,"batch":0.5}}.
 *   <li>quota: {@code {"guaranteesMillis":{"cpus":2000},"limitsMillis":{"cpus":4000}}} (scalar millis, exact).
 * </ul>
 *
 * <p>Encoding checks that the text forms parse back to the same values, so what is written is what will be read;
 * values that would not survive (e.g. a TEXT attribute that looks like a number) are refused up front.
 */
final class RegistryCodec {
  /** Refuse values above this size; ZooKeeper's jute.maxbuffer default is 1 MiB. */
  static final int MAX_NODE_BYTES = 512 * 1024;

  private static final ObjectMapper MAPPER = Json.camelCase();

  private RegistryCodec() {}

  record AgentNode(String agentId, AgentStatus status, String hostname, Integer port, String resources,
      String attributes, long timeMs) {}

  record QuotaNode(Map<String, Long> guaranteesMillis, Map<String, Long> limitsMillis) {}

  static byte[] encodeAgent(RegistryEntry e) {
    AgentNode node = e.info()
        .map(i -> new AgentNode(e.agentId(), e.status(), i.hostname(), i.port(), resourcesText(i.resources()),
            attributesText(i.attributes()), e.timeMs()))
        .orElseGet(() -> new AgentNode(e.agentId(), e.status(), null, null, null, null, e.timeMs()));
    return write(node);
  }

  static RegistryEntry decodeAgent(byte[] data) throws IOException {
    AgentNode n = MAPPER.readValue(data, AgentNode.class);
    if (n.agentId() == null || n.status() == null) throw new IOException("agentId or status missing");
    Optional<AgentInfo> info = Optional.empty();
    if (n.hostname() != null) {
      if (n.port() == null) throw new IOException("port missing");
      info = Optional.of(new AgentInfo(n.hostname(), n.port(),
          ResourcesParser.parseResources(n.resources() == null ? "" : n.resources()),
          ResourcesParser.parseAttributes(n.attributes() == null ? "" : n.attributes())));
    }
    return new RegistryEntry(n.agentId(), n.status(), info, n.timeMs());
  }

  static byte[] encodeWeights(Map<String, Double> weights) {
    weights.forEach((role, w) -> {
      if (w == null || !(w > 0) || w.isInfinite()) {
        throw new IllegalArgumentException("weight of role " + role + " must be a finite number > 0, not " + w);
      }
    });
    return write(new TreeMap<>(weights));
  }

  static Map<String, Double> decodeWeights(byte[] data) throws IOException {
    return MAPPER.readValue(data, new TypeReference<TreeMap<String, Double>>() {});
  }

  static byte[] encodeQuota(Quota q) {
    return write(new QuotaNode(new TreeMap<>(q.guaranteesMillis()), new TreeMap<>(q.limitsMillis())));
  }

  static Quota decodeQuota(byte[] data) throws IOException {
    QuotaNode n = MAPPER.readValue(data, QuotaNode.class);
    try {
      return new Quota(n.guaranteesMillis() == null ? Map.of() : n.guaranteesMillis(),
          n.limitsMillis() == null ? Map.of() : n.limitsMillis());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IOException("invalid quota: " + e.getMessage(), e);
    }
  }

  static String resourcesText(Resources r) {
    String text = r.isEmpty() ? "" : r.toString();
    if (!ResourcesParser.parseResources(text).equals(r)) {
      throw new IllegalArgumentException("resources " + r + " do not survive their text form");
    }
    return text;
  }

  static String attributesText(Attributes a) {
    String text = a.toString();
    if (!ResourcesParser.parseAttributes(text).equals(a)) {
      throw new IllegalArgumentException("attributes " + a + " do not survive their text form");
    }
    return text;
  }

  private static byte[] write(Object value) {
    byte[] bytes;
    try {
      bytes = MAPPER.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode registry value " + value, e);
    }
    if (bytes.length > MAX_NODE_BYTES) {
      throw new IllegalArgumentException("registry value of " + bytes.length + " bytes exceeds " + MAX_NODE_BYTES);
    }
    return bytes;
  }
}
