package io.drover.apps.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.apps.deploy.DeploymentAction;
import io.drover.apps.deploy.DeploymentPlan;
import io.drover.apps.deploy.DeploymentStep;
import io.drover.apps.model.AppJson;
import io.drover.apps.model.HealthCheck;
import io.drover.apps.model.Timestamp;
import io.drover.common.json.Json;

/** Marathon's event bus payloads (reference §1, light plan format), each with {@code eventType} and {@code timestamp}. */
public final class CoreEvents {
  private CoreEvents() {}

  private static final ObjectMapper MAPPER = Json.camelCase();

  static ObjectNode event(String type, long nowMs) {
    ObjectNode e = MAPPER.createObjectNode();
    e.put("eventType", type);
    e.put("timestamp", Timestamp.ofEpochMs(nowMs).toString());
    return e;
  }

  public static ObjectNode unknownInstanceTerminated(String instanceId, String appId, String condition, long nowMs) {
    ObjectNode e = event("unknown_instance_terminated_event", nowMs);
    e.put("instanceId", instanceId);
    e.put("runSpecId", appId);
    e.put("condition", condition);
    return e;
  }

  public static ObjectNode appTerminated(String appId, long nowMs) {
    return event("app_terminated_event", nowMs).put("appId", appId);
  }

  public static ObjectNode groupChangeSuccess(String groupId, String version, long nowMs) {
    return event("group_change_success", nowMs).put("groupId", groupId).put("version", version);
  }

  public static ObjectNode groupChangeFailed(String groupId, String version, String reason, long nowMs) {
    return event("group_change_failed", nowMs).put("groupId", groupId).put("version", version).put("reason", reason);
  }

  /** {@code failed_health_check_event {appId, instanceId, healthCheck}}: an unhealthy result for an instance. */
  public static ObjectNode failedHealthCheck(String appId, String instanceId, HealthCheck hc, long nowMs) {
    ObjectNode e = event("failed_health_check_event", nowMs).put("appId", appId).put("instanceId", instanceId);
    e.set("healthCheck", AppJson.toJson(hc));
    return e;
  }

  /** {@code add_health_check_event {appId, version, healthCheck}}: checks of an app version became active. */
  public static ObjectNode addHealthCheck(String appId, String version, HealthCheck hc, long nowMs) {
    ObjectNode e = event("add_health_check_event", nowMs).put("appId", appId).put("version", version);
    e.set("healthCheck", AppJson.toJson(hc));
    return e;
  }

  /** {@code remove_health_check_event {appId}}: one check of an app version no longer runs. */
  public static ObjectNode removeHealthCheck(String appId, long nowMs) {
    return event("remove_health_check_event", nowMs).put("appId", appId);
  }

  /** {@code deployment_info} or {@code deployment_step_success}: the plan and the step (1-based) as an object. */
  public static ObjectNode deploymentStatus(String type, DeploymentPlan plan, int step, long nowMs) {
    ObjectNode e = event(type, nowMs);
    e.set("plan", plan(plan));
    e.set("currentStep", step(plan.steps().get(step - 1)));
    return e;
  }

  /** {@code deployment_success} or {@code deployment_failed}. */
  public static ObjectNode deploymentResult(String type, DeploymentPlan plan, long nowMs) {
    ObjectNode e = event(type, nowMs);
    e.put("id", plan.id());
    e.set("plan", plan(plan));
    return e;
  }

  public static ObjectNode schedulerRegistered(String frameworkId, long nowMs) {
    return event("scheduler_registered_event", nowMs).put("frameworkId", frameworkId).put("master", "");
  }

  /** {@code framework_message_event {executorId, slaveId, message}}; the bytes as a JSON array, as Marathon writes them. */
  public static ObjectNode frameworkMessage(String executorId, String agentId, byte[] message, long nowMs) {
    ObjectNode e = event("framework_message_event", nowMs).put("executorId", executorId).put("slaveId", agentId);
    ArrayNode bytes = e.putArray("message");
    for (byte b : message) bytes.add(b);
    return e;
  }

  public static ObjectNode schedulerDisconnected(long nowMs) { return event("scheduler_disconnected_event", nowMs); }

  /** The light plan: {@code {id, version, steps:[{actions:[{action, app}]}]}}. */
  static ObjectNode plan(DeploymentPlan plan) {
    ObjectNode p = MAPPER.createObjectNode();
    p.put("id", plan.id());
    p.put("version", plan.version());
    ArrayNode steps = p.putArray("steps");
    for (DeploymentStep s : plan.steps()) steps.add(step(s));
    return p;
  }

  static ObjectNode step(DeploymentStep step) {
    ObjectNode s = MAPPER.createObjectNode();
    ArrayNode actions = s.putArray("actions");
    for (DeploymentAction a : step.actions()) actions.addObject().put("action", a.actionName()).put("app", a.appId());
    return s;
  }
}
