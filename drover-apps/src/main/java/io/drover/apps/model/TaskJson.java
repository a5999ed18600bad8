package io.drover.apps.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The Task object of the API ({@code types/task.raml}): {@code id, appId, host, slaveId, ports, servicePorts,
 * ipAddresses, stagedAt, startedAt, version, state, healthCheckResults, localVolumes, region, zone, role}.
 * {@code startedAt}, {@code region} and {@code zone} are omitted when unknown; health timestamps and the failure
 * cause are {@code null} when unknown.
 */
public final class TaskJson {
  private TaskJson() {}

  public static ObjectNode write(Instance i) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", i.taskId().idString());
    o.put("appId", i.appId().toString());
    o.put("host", i.host());
    o.put("slaveId", i.agentId());
    ArrayNode ports = o.putArray("ports");
    i.hostPorts().forEach(ports::add);
    ArrayNode sps = o.putArray("servicePorts");
    i.servicePorts().forEach(sps::add);
    ArrayNode ips = o.putArray("ipAddresses");
    i.ipAddresses().forEach(ip -> ips.addObject().put("ipAddress", ip.ipAddress()).put("protocol", ip.protocol()));
    o.put("stagedAt", i.stagedAt().toString());
    i.startedAt().ifPresent(t -> o.put("startedAt", t.toString()));
    o.put("version", i.runSpecVersion().toString());
    o.put("state", i.state());
    ArrayNode hcs = o.putArray("healthCheckResults");
    for (Instance.HealthResult h : i.healthResults()) {
      ObjectNode r = hcs.addObject();
      r.put("alive", h.alive());
      r.put("consecutiveFailures", h.consecutiveFailures());
      time(r, "firstSuccess", h.firstSuccess());
      time(r, "lastSuccess", h.lastSuccess());
      time(r, "lastFailure", h.lastFailure());
      if (h.lastFailureCause().isPresent()) r.put("lastFailureCause", h.lastFailureCause().get());
      else r.putNull("lastFailureCause");
      r.put("instanceId", h.instanceId().idString());
    }
    o.putArray("localVolumes");
    i.region().ifPresent(s -> o.put("region", s));
    i.zone().ifPresent(s -> o.put("zone", s));
    o.put("role", i.role());
    return o;
  }

  private static void time(ObjectNode o, String name, Optional<Timestamp> t) {
    if (t.isPresent()) o.put(name, t.get().toString());
    else o.putNull(name);
  }
}
