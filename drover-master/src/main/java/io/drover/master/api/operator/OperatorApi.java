package io.drover.master.api.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.master.cluster.ClusterCore;
import io.drover.master.cluster.Command;
import io.drover.master.cluster.Effect;
import java.util.List;

/**
 * The master's operator API ({@code POST /api/v1}), pure: decodes a call and answers it from the cluster core.
 * Called on the master's loop thread, which owns the core. JSON follows the Mesos v1 {@code master.proto} and
 * {@code mesos.proto} (snake_case, enums as names, resources as v1 {@code Resource} arrays); the legacy
 * {@code /master/state} endpoints follow Mesos' hand-written JSON (resource summaries, times in seconds).
 *
 * <p>The work is split by concern: {@link OperatorCalls} (decoding and dispatch), {@link ClusterJson} (agents,
 * frameworks, tasks), {@link MasterJson} (version, flags, master, roles, weights), {@link OperatorEvents} (the
 * SUBSCRIBE stream's events) and {@link LegacyState}.
 */
public final class OperatorApi {
  private OperatorApi() {}

  /** Heartbeat interval announced in SUBSCRIBED, as Mesos' operator API does (15 s). */
  public static final double HEARTBEAT_INTERVAL_SECONDS = 15.0;

  /** Answers one call; {@code body} is the request body as sent (JSON). Bad input gives {@link OperatorReply.Failed}.
   */
  public static OperatorReply handle(byte[] body, ClusterCore core, MasterIdentity identity, long nowMs) {
    return OperatorCalls.handle(body, core, identity);
  }

  /** The SUBSCRIBED event that opens an operator stream: {@code {"type":"SUBSCRIBED","subscribed":{...}}}. */
  public static JsonNode subscribed(ClusterCore core, MasterIdentity identity, long nowMs) {
    ObjectNode payload = JsonParts.object();
    payload.set("get_state", ClusterJson.getState(core));
    payload.put("heartbeat_interval_seconds", HEARTBEAT_INTERVAL_SECONDS);
    return JsonParts.response("SUBSCRIBED", payload);
  }

  /** {@code {"type":"HEARTBEAT"}}. */
  public static JsonNode heartbeat() { return JsonParts.object().put("type", "HEARTBEAT"); }

  /**
   * The operator events one command caused (TASK_ADDED, TASK_UPDATED, AGENT_ADDED, AGENT_REMOVED, FRAMEWORK_ADDED,
   * FRAMEWORK_UPDATED, FRAMEWORK_REMOVED), given the effects the core returned and the core after the command; see
   * {@link OperatorEvents} for the rules and the order.
   */
  public static List<JsonNode> events(Command command, List<Effect> effects, ClusterCore after) {
    return OperatorEvents.events(command, effects, after);
  }

  /** {@code GET /master/state}. */
  public static JsonNode state(ClusterCore core, MasterIdentity identity, long nowMs) {
    return LegacyState.state(core, identity);
  }

  /** {@code GET /master/state-summary}. */
  public static JsonNode stateSummary(ClusterCore core, MasterIdentity identity, long nowMs) {
    return LegacyState.stateSummary(core, identity);
  }
}
