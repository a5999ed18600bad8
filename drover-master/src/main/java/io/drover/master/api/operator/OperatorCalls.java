package io.drover.master.api.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.drover.master.allocator.Roles;
import io.drover.master.api.operator.OperatorReply.Failed;
import io.drover.master.api.operator.OperatorReply.Ok;
import io.drover.master.cluster.ClusterCore;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decodes one v1 master {@code Call} (JSON) and answers it. Status codes and messages follow Mesos' master
 * {@code /api/v1} handler: unparsable JSON, a missing or unknown {@code type} or a missing payload give 400; type
 * {@code UNKNOWN} gives 501 as in Mesos; the Mesos calls Drover does not implement (maintenance, volumes,
 * reservations, the pre-1.9 SET_QUOTA/REMOVE_QUOTA, logging, files, metrics, operations, agent draining) give
 * 501 naming the call; TEARDOWN of an
 * unknown framework gives 400 and MARK_AGENT_GONE of an unknown agent 404, with Mesos' messages.
 */
final class OperatorCalls {
  private OperatorCalls() {}

  /** Every {@code mesos.v1.master.Call.Type} Drover recognises but does not implement. */
  static final Set<String> NOT_SUPPORTED = Set.of("GET_METRICS", "GET_LOGGING_LEVEL", "SET_LOGGING_LEVEL",
      "LIST_FILES", "READ_FILE", "GET_OPERATIONS", "RESERVE_RESOURCES", "UNRESERVE_RESOURCES", "CREATE_VOLUMES",
      "DESTROY_VOLUMES", "GROW_VOLUME", "SHRINK_VOLUME", "GET_MAINTENANCE_STATUS", "GET_MAINTENANCE_SCHEDULE",
      "UPDATE_MAINTENANCE_SCHEDULE", "START_MAINTENANCE", "STOP_MAINTENANCE", "DRAIN_AGENT", "DEACTIVATE_AGENT",
      "REACTIVATE_AGENT", "SET_QUOTA", "REMOVE_QUOTA");

  static OperatorReply handle(byte[] body, ClusterCore core, MasterIdentity identity) {
    JsonNode call;
    try {
      call = JsonParts.MAPPER.readTree(body == null ? new byte[0] : body);
    } catch (JsonProcessingException e) {
      return new Failed(400, "Failed to parse body into JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      // Reading a byte array does no real I/O: anything else is a bug, reported rather than hidden.
      throw new IllegalStateException("reading an in-memory body failed", e);
    }
    if (call == null || call.isMissingNode() || !call.isObject()) {
      return new Failed(400,
          "Failed to parse body into JSON: expected a JSON object such as {\"type\":\"GET_HEALTH\"}");
    }
    JsonNode typeNode = call.get("type");
    if (typeNode == null || typeNode.isNull()) {
      return invalid("Expecting 'type' to be present");
    }
    if (!typeNode.isTextual()) {
      return new Failed(400,
          "Failed to convert JSON into Call protobuf: 'type' must be a string such as \"GET_STATE\"");
    }
    String type = typeNode.asText();
    return switch (type) {
      case "UNKNOWN" -> new Failed(501, "Call type UNKNOWN is not implemented");
      case "GET_HEALTH" -> ok(type, JsonParts.object().put("healthy", true));
      case "GET_FLAGS" -> ok(type, MasterJson.getFlags(identity));
      case "GET_VERSION" -> ok(type, JsonParts.object().set("version_info", MasterJson.versionInfo(identity)));
      case "GET_STATE" -> ok(type, ClusterJson.getState(core));
      case "GET_AGENTS" -> ok(type, ClusterJson.getAgents(core));
      case "GET_FRAMEWORKS" -> ok(type, ClusterJson.getFrameworks(core));
      case "GET_EXECUTORS" -> ok(type, ClusterJson.getExecutors());
      case "GET_TASKS" -> ok(type, ClusterJson.getTasks(core));
      case "GET_ROLES" -> ok(type, MasterJson.getRoles(core));
      case "GET_WEIGHTS" -> ok(type, MasterJson.getWeights(core));
      case "GET_MASTER" -> ok(type, MasterJson.getMaster(identity));
      case "UPDATE_WEIGHTS" -> updateWeights(call);
      case "GET_QUOTA" -> ok(type, QuotaCalls.get(core));
      case "UPDATE_QUOTA" -> QuotaCalls.update(call, core);
      case "SUBSCRIBE" -> new OperatorReply.Subscribe();
      case "TEARDOWN" -> teardown(call, core);
      case "MARK_AGENT_GONE" -> markAgentGone(call, core);
      default -> NOT_SUPPORTED.contains(type)
          ? new Failed(501, type + " is not supported by Drover")
          : new Failed(400, "Failed to convert JSON into Call protobuf: unknown call type '" + type
              + "'; see the mesos.v1.master.Call.Type names (e.g. GET_STATE)");
    };
  }

  private static Ok ok(String type, JsonNode payload) { return new Ok(JsonParts.response(type, payload)); }

  private static Failed invalid(String message) {
    return new Failed(400, "Failed to validate master::Call: " + message);
  }

  /** Mesos' weights handler: roles trimmed and valid, weights positive (and, here, finite). */
  private static OperatorReply updateWeights(JsonNode call) {
    JsonNode payload = call.get("update_weights");
    if (payload == null || !payload.isObject()) return invalid("Expecting 'update_weights' to be present");
    JsonNode infos = payload.get("weight_infos");
    if (infos != null && !infos.isNull() && !infos.isArray()) {
      return new Failed(400, "Failed to convert JSON into Call protobuf: 'update_weights.weight_infos' must be an array"
          + " of {\"role\":..., \"weight\":...}");
    }
    Map<String, Double> weights = new LinkedHashMap<>();
    if (infos != null && infos.isArray()) {
      for (JsonNode info : infos) {
        JsonNode roleNode = info.get("role");
        String role = roleNode == null || !roleNode.isTextual() ? "" : roleNode.asText().strip();
        try {
          Roles.validate(role);
        } catch (IllegalArgumentException e) {
          return new Failed(400, "Failed to validate update weights request JSON: Invalid role '" + role + "': "
              + e.getMessage());
        }
        Double weight = number(info.get("weight"));
        if (weight == null) {
          return new Failed(400, "Failed to validate update weights request JSON for role '" + role
              + "': 'weight' must be a number");
        }
        if (!(weight > 0) || weight.isInfinite()) {
          return new Failed(400, "Failed to validate update weights request JSON for role '" + role
              + "': Invalid weight '" + weight + "': Weights must be positive and finite");
        }
        weights.put(role, weight);
      }
    }
    return new OperatorReply.UpdateWeights(weights);
  }

  /** A JSON number, or one of the strings stout accepts for doubles ("Infinity", "NaN", "1.5"); null otherwise. */
  private static Double number(JsonNode node) {
    if (node == null) return null;
    if (node.isNumber()) return node.doubleValue();
    if (node.isTextual()) {
      try {
        return Double.parseDouble(node.asText().strip());
      } catch (NumberFormatException e) {
        return null; // not a number: the caller answers 400 naming the field
      }
    }
    return null;
  }

  private static OperatorReply teardown(JsonNode call, ClusterCore core) {
    String id = nestedId(call, "teardown", "framework_id");
    if (id == null) return invalid("Expecting 'teardown' with 'framework_id' to be present");
    if (!core.frameworkIds().contains(id)) return new Failed(400, "No framework found with ID " + id);
    return new OperatorReply.Teardown(id);
  }

  private static OperatorReply markAgentGone(JsonNode call, ClusterCore core) {
    String id = nestedId(call, "mark_agent_gone", "agent_id");
    if (id == null) return invalid("Expecting 'mark_agent_gone' with 'agent_id' to be present");
    if (core.agentStatus(id).isEmpty()) return new Failed(404, "Agent '" + id + "' not found");
    return new OperatorReply.MarkAgentGone(id);
  }

  /** {@code call.<payload>.<field>.value} as text, or null when any part is missing or not a string. */
  private static String nestedId(JsonNode call, String payload, String field) {
    JsonNode value = call.path(payload).path(field).path("value");
    return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
  }
}
