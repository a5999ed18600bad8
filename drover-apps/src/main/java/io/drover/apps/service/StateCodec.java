package io.drover.apps.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.apps.core.AppSpecs;
import io.drover.apps.core.AppsCore;
import io.drover.apps.core.DeploymentRecord;
import io.drover.apps.deploy.DeploymentPlanner;
import io.drover.apps.deploy.PlanResult;
import io.drover.apps.model.Group;
import io.drover.apps.model.GroupJson;
import io.drover.apps.model.Instance;
import io.drover.apps.model.InstanceId;
import io.drover.apps.model.Parsed;
import io.drover.apps.model.TaskId;
import io.drover.apps.model.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON the driver stores for the core's state (values of {@link AppsStore}'s repositories):
 * <ul>
 *   <li>root group: {@link GroupJson#write(Group)}, read back with {@link GroupJson#readTree(String)};
 *   <li>deployment: {@code {id, version, original, target}} with both root groups; the plan is recomputed from them
 *       on load ({@link DeploymentPlanner}, deterministic), so a resumed plan equals the stored one except for
 *       explicit kill choices of a {@code scale=true} task kill (those are planned by the kill selection instead);
 *   <li>instance: every field of {@link Instance}, timestamps as ISO text.
 * </ul>
 * Readers throw {@link IllegalArgumentException} on a value they cannot understand (a corrupt store).
 */
final class StateCodec {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = io.drover.common.json.Json.camelCase();

  private StateCodec() {}

  static ObjectNode group(Group g) { return GroupJson.write(g); }

  static Group group(JsonNode node) {
    return switch (GroupJson.readTree(node.toString())) {
      case Parsed.Ok<Group> ok -> ok.value();
      case Parsed.InvalidJson<Group> e -> throw new IllegalArgumentException("stored root group: " + e.body());
      case Parsed.Invalid<Group> e -> throw new IllegalArgumentException("stored root group: " + e.body());
    };
  }

  static ObjectNode deployment(DeploymentRecord r) {
    ObjectNode o = F.objectNode();
    o.put("id", r.id());
    o.put("version", r.plan().version());
    o.set("original", group(r.original()));
    o.set("target", group(r.target()));
    return o;
  }

  static DeploymentRecord deployment(JsonNode node) {
    String id = text(node, "id");
    Group original = group(node.path("original"));
    Group target = group(node.path("target"));
    PlanResult planned = DeploymentPlanner.plan(id, AppSpecs.runSpecs(original), AppSpecs.runSpecs(target),
        text(node, "version"));
    return switch (planned) {
      case PlanResult.Planned p -> new DeploymentRecord(p.plan(), original, target);
      case PlanResult.CyclicDependencies c ->
          throw new IllegalArgumentException("stored deployment " + id + " has cyclic dependencies");
    };
  }

  /** A task failure: its fields as they appear in {@code lastTaskFailure}. */
  static JsonNode taskFailure(AppsCore.TaskFailure f) { return MAPPER.valueToTree(f); }

  static AppsCore.TaskFailure taskFailure(JsonNode node) {
    try {
      return MAPPER.treeToValue(node, AppsCore.TaskFailure.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("stored task failure: " + e.getOriginalMessage(), e);
    }
  }

  static ObjectNode instance(Instance i) {
    ObjectNode o = F.objectNode();
    o.put("instanceId", i.instanceId().idString());
    o.put("taskId", i.taskId().idString());
    o.put("runSpecVersion", i.runSpecVersion().toString());
    o.put("agentId", i.agentId());
    o.put("host", i.host());
    ArrayNode hp = o.putArray("hostPorts");
    i.hostPorts().forEach(hp::add);
    ArrayNode sp = o.putArray("servicePorts");
    i.servicePorts().forEach(sp::add);
    ArrayNode ips = o.putArray("ipAddresses");
    i.ipAddresses().forEach(a -> ips.addObject().put("ipAddress", a.ipAddress()).put("protocol", a.protocol()));
    o.put("state", i.state());
    o.put("stagedAt", i.stagedAt().toString());
    i.startedAt().ifPresent(t -> o.put("startedAt", t.toString()));
    ArrayNode hr = o.putArray("healthResults");
    for (Instance.HealthResult h : i.healthResults()) {
      ObjectNode ho = hr.addObject();
      ho.put("alive", h.alive());
      ho.put("consecutiveFailures", h.consecutiveFailures());
      h.firstSuccess().ifPresent(t -> ho.put("firstSuccess", t.toString()));
      h.lastSuccess().ifPresent(t -> ho.put("lastSuccess", t.toString()));
      h.lastFailure().ifPresent(t -> ho.put("lastFailure", t.toString()));
      h.lastFailureCause().ifPresent(c -> ho.put("lastFailureCause", c));
      ho.put("instanceId", h.instanceId().idString());
    }
    o.put("role", i.role());
    i.region().ifPresent(r -> o.put("region", r));
    i.zone().ifPresent(z -> o.put("zone", z));
    return o;
  }

  static Instance instance(JsonNode n) {
    InstanceId id = InstanceId.parse(text(n, "instanceId"))
        .orElseThrow(() -> new IllegalArgumentException("bad stored instance id " + n.path("instanceId")));
    TaskId taskId = TaskId.parse(text(n, "taskId"))
        .orElseThrow(() -> new IllegalArgumentException("bad stored task id " + n.path("taskId")));
    List<Integer> hostPorts = ints(n.path("hostPorts"));
    List<Integer> servicePorts = ints(n.path("servicePorts"));
    List<Instance.IpAddress> ips = new ArrayList<>();
    n.path("ipAddresses").forEach(a -> ips.add(new Instance.IpAddress(text(a, "ipAddress"), text(a, "protocol"))));
    List<Instance.HealthResult> health = new ArrayList<>();
    for (JsonNode h : n.path("healthResults")) {
      InstanceId hid = InstanceId.parse(text(h, "instanceId")).orElse(id);
      health.add(new Instance.HealthResult(h.path("alive").asBoolean(), h.path("consecutiveFailures").asInt(),
          time(h, "firstSuccess"), time(h, "lastSuccess"), time(h, "lastFailure"), opt(h, "lastFailureCause"),
          hid));
    }
    return new Instance(id, taskId, time(n, "runSpecVersion").orElseThrow(), textOrNull(n, "agentId"),
        textOrNull(n, "host"), hostPorts, servicePorts, ips, text(n, "state"), time(n, "stagedAt").orElseThrow(),
        time(n, "startedAt"), health, text(n, "role"), opt(n, "region"), opt(n, "zone"));
  }

  private static List<Integer> ints(JsonNode arr) {
    List<Integer> out = new ArrayList<>();
    arr.forEach(p -> out.add(p.asInt()));
    return out;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) throw new IllegalArgumentException("stored value lacks '" + field + "': " + n);
    return v.asText();
  }

  private static String textOrNull(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Optional<String> opt(JsonNode n, String field) { return Optional.ofNullable(textOrNull(n, field)); }

  private static Optional<Timestamp> time(JsonNode n, String field) {
    return opt(n, field).map(s -> Timestamp.parse(s)
        .orElseThrow(() -> new IllegalArgumentException("bad stored timestamp " + field + "=" + s)));
  }
}
