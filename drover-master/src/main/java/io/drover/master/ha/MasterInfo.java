package io.drover.master.ha;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.Inet4Address;
import java.util.List;
import java.util.Objects;

/**
 * Mesos {@code MasterInfo} as a master publishes it in its {@code json.info_<seq>} election znode: the protobuf
 * rendered by stout's {@code JSON::protobuf}, i.e. snake_case field names, keys in alphabetical order (stout's
 * JSON::Object is a sorted map), unset optional fields omitted.
 *
 * @param id unique master id (Mesos: {@code <pid>-<uuid>})
 * @param ip IPv4 address as Mesos writes it: the network-order {@code s_addr} read as a little-endian uint32
 *     (MESOS-1201), so {@code 127.0.0.1} is {@code 16777343}; see {@link #packIp(Inet4Address)}. Deprecated in
 *     Mesos in favour of {@code address.ip} but still written and read by clients.
 * @param port HTTP port (5050 by default)
 * @param pid libprocess pid, {@code master@<ip>:<port>}
 * @param hostname advertised hostname (may be null)
 * @param version software version (may be null)
 * @param address the address proper (may be null only when read from an old master)
 * @param capabilities master capabilities, e.g. {@code AGENT_UPDATE}; never null, omitted from JSON when empty
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder(alphabetic = true)
public record MasterInfo(
    String id, long ip, int port, String pid, String hostname, String version, Address address,
    List<Capability> capabilities) {

  /** Mesos {@code Address}: {@code ip} is the dotted string here, unlike {@link MasterInfo#ip()}. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonPropertyOrder(alphabetic = true)
  public record Address(String hostname, String ip, int port) {}

  /** Mesos {@code MasterInfo.Capability}: {@code {"type":"AGENT_UPDATE"}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Capability(String type) {
    public Capability { Objects.requireNonNull(type, "type"); }
  }

  private static final ObjectMapper JSON = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  public MasterInfo {
    Objects.requireNonNull(id, "id");
    if (ip < 0 || ip > 0xFFFF_FFFFL) throw new IllegalArgumentException("ip is not a uint32: " + ip);
    if (port < 0 || port > 65535) throw new IllegalArgumentException("bad port " + port);
    capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
  }

  /**
   * A master at {@code ip:port} as Mesos builds it: {@code pid = master@ip:port}, {@code address = {hostname, ip,
   * port}} and the packed deprecated {@code ip}.
   */
  public static MasterInfo of(String id, Inet4Address ip, int port, String hostname, String version) {
    String dotted = ip.getHostAddress();
    return new MasterInfo(id, packIp(ip), port, "master@" + dotted + ":" + port, hostname, version,
        new Address(hostname, dotted, port), List.of());
  }

  /** Mesos' packed ip: the four address bytes in network order, read as a little-endian unsigned int. */
  public static long packIp(Inet4Address ip) {
    byte[] b = ip.getAddress();
    return (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16 | (b[3] & 0xFFL) << 24;
  }

  /** The dotted form of a packed {@link #ip()}. */
  public static String unpackIp(long packed) {
    return (packed & 0xFF) + "." + (packed >> 8 & 0xFF) + "." + (packed >> 16 & 0xFF) + "." + (packed >> 24 & 0xFF);
  }

  /** The JSON bytes (UTF-8) a master writes into its election znode. */
  public byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + this, e);
    }
  }

  /**
   * Parses an election znode's content. Unknown fields ({@code domain}, future ones) are ignored.
   *
   * @throws IOException if the bytes are not a JSON MasterInfo (e.g. a legacy binary-protobuf {@code info_} node)
   */
  public static MasterInfo fromJson(byte[] json) throws IOException {
    MasterInfo info = JSON.readValue(json, MasterInfo.class);
    if (info == null) throw new IOException("empty MasterInfo JSON");
    return info;
  }
}
