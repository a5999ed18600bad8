package io.drover.apps.launch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.apps.deploy.InstanceCondition;
import io.drover.apps.model.Instance;
import io.drover.apps.model.InstanceId;
import io.drover.apps.model.PathId;
import io.drover.apps.model.TaskId;
import io.drover.apps.model.Timestamp;
import io.drover.master.api.v1.TaskStatus;
import java.util.Optional;

/**
 * The event-bus JSON of status-related Marathon events (reference §1, Marathon 1.10's {@code Events.scala} and
 * {@code Formats.eventToJson}), field order as Marathon writes them, {@code timestamp} the caller's clock as a
 * {@link Timestamp} string. Each is a fresh {@link ObjectNode} ready for {@code EventBus.publish}.
 *
 * <p>Marathon publishes, for an update that changed an instance's condition, {@code status_update_event} then
 * {@code instance_changed_event} (the former for every update with a task, the latter only on a condition change).
 */
public final class StatusEvents {
  public static final String STATUS_UPDATE = "status_update_event";
  public static final String INSTANCE_CHANGED = "instance_changed_event";
  public static final String INSTANCE_HEALTH_CHANGED = "instance_health_changed_event";
  public static final String HEALTH_STATUS_CHANGED = "health_status_changed_event";
  public static final String UNHEALTHY_INSTANCE_KILL = "unhealthy_instance_kill_event";

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private StatusEvents() {}

  /**
   * {@code status_update_event} {@code {slaveId, taskId, taskStatus, message, appId, host, ipAddresses, ports, version,
   * eventType, timestamp}}: {@code slaveId} from the status (else the instance), {@code taskStatus} the Mesos state
   * name, {@code message} the status message or {@code ""}, {@code ports} the instance's host ports,
   * {@code ipAddresses} {@code [{ipAddress, protocol}]}, {@code version} the instance's app version.
   */
  public static ObjectNode statusUpdate(TaskStatus status, Instance instance, Timestamp now) {
    ObjectNode o = F.objectNode();
    o.put("slaveId", status.agentId() != null ? status.agentId().value() : instance.agentId());
    o.put("taskId", status.taskId() != null ? status.taskId().value() : instance.taskId().idString());
    o.put("taskStatus", status.state() == null ? "TASK_STAGING" : status.state().name());
    o.put("message", status.message() == null ? "" : status.message());
    o.put("appId", instance.appId().toString());
    o.put("host", instance.host());
    ArrayNode ips = o.putArray("ipAddresses");
    instance.ipAddresses().forEach(ip -> ips.addObject().put("ipAddress", ip.ipAddress()).put("protocol", ip.protocol()));
    ArrayNode ports = o.putArray("ports");
    instance.hostPorts().forEach(ports::add);
    o.put("version", instance.runSpecVersion().toString());
    return typed(o, STATUS_UPDATE, now);
  }

  /**
   * {@code instance_changed_event} {@code {instanceId, condition, runSpecId, agentId, host, runSpecVersion, timestamp,
   * eventType}}; {@code condition} as {@link StatusMapping#conditionName}; {@code agentId} null when unknown.
   */
  public static ObjectNode instanceChanged(InstanceId instanceId, InstanceCondition condition, Optional<String> agentId,
      String host, Timestamp runSpecVersion, Timestamp now) {
    ObjectNode o = F.objectNode();
    o.put("instanceId", instanceId.idString());
    o.put("condition", StatusMapping.conditionName(condition));
    o.put("runSpecId", instanceId.appId().toString());
    if (agentId.isPresent()) o.put("agentId", agentId.get()); else o.putNull("agentId");
    o.put("host", host);
    o.put("runSpecVersion", runSpecVersion.toString());
    o.put("timestamp", now.toString());
    o.put("eventType", INSTANCE_CHANGED);
    return o;
  }

  /** {@link #instanceChanged(InstanceId, InstanceCondition, Optional, String, Timestamp, Timestamp)} of an instance. */
  public static ObjectNode instanceChanged(Instance instance, InstanceCondition condition, Timestamp now) {
    return instanceChanged(instance.instanceId(), condition, Optional.ofNullable(instance.agentId()), instance.host(),
        instance.runSpecVersion(), now);
  }

  /** {@code instance_health_changed_event} {@code {instanceId, runSpecId, healthy, runSpecVersion, timestamp, eventType}}. */
  public static ObjectNode instanceHealthChanged(InstanceId instanceId, Timestamp runSpecVersion,
      Optional<Boolean> healthy, Timestamp now) {
    ObjectNode o = F.objectNode();
    o.put("instanceId", instanceId.idString());
    o.put("runSpecId", instanceId.appId().toString());
    if (healthy.isPresent()) o.put("healthy", healthy.get()); else o.putNull("healthy");
    o.put("runSpecVersion", runSpecVersion.toString());
    o.put("timestamp", now.toString());
    o.put("eventType", INSTANCE_HEALTH_CHANGED);
    return o;
  }

  /** {@code health_status_changed_event} {@code {appId, instanceId, version, alive, eventType, timestamp}}. */
  public static ObjectNode healthStatusChanged(PathId appId, InstanceId instanceId, Timestamp version, boolean alive,
      Timestamp now) {
    ObjectNode o = F.objectNode();
    o.put("appId", appId.toString());
    o.put("instanceId", instanceId.idString());
    o.put("version", version.toString());
    o.put("alive", alive);
    return typed(o, HEALTH_STATUS_CHANGED, now);
  }

  /**
   * {@code unhealthy_instance_kill_event} {@code {appId, taskId, instanceId, version, reason, host, slaveId, eventType,
   * timestamp}}; {@code slaveId} omitted when unknown (Marathon's {@code Option} field).
   */
  public static ObjectNode unhealthyInstanceKill(TaskId taskId, Timestamp version, String reason, String host,
      Optional<String> agentId, Timestamp now) {
    ObjectNode o = F.objectNode();
    o.put("appId", taskId.appId().toString());
    o.put("taskId", taskId.idString());
    o.put("instanceId", taskId.instanceId().idString());
    o.put("version", version.toString());
    o.put("reason", reason);
    o.put("host", host);
    agentId.ifPresent(a -> o.put("slaveId", a));
    return typed(o, UNHEALTHY_INSTANCE_KILL, now);
  }

  private static ObjectNode typed(ObjectNode o, String eventType, Timestamp now) {
    o.put("eventType", eventType);
    o.put("timestamp", now.toString());
    return o;
  }
}
