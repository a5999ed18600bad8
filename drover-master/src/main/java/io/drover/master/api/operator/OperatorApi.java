package io.drover.master.api.operator;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.master.cluster.ClusterCore;
import io.drover.master.cluster.Command;
import io.drover.master.cluster.Effect;
import java.util.List;

/**
 * The master's operator API ({@code POST /api/v1}), pure: decodes a call and answers it from the cluster core.
 * Called on the master's loop thread, which owns the core. CONTRACT ONLY — the operator helper fills it in.
 */
public final class OperatorApi {
  private OperatorApi() {}

  /** Answers one call; {@code body} is the request body as sent (JSON). */
  public static OperatorReply handle(byte[] body, ClusterCore core, MasterIdentity identity, long nowMs) {
    throw new UnsupportedOperationException("operator API not built yet");
  }

  /** The SUBSCRIBED event that opens an operator stream: {@code {"type":"SUBSCRIBED","subscribed":{...}}}. */
  public static JsonNode subscribed(ClusterCore core, MasterIdentity identity, long nowMs) {
    throw new UnsupportedOperationException("operator API not built yet");
  }

  /** {@code {"type":"HEARTBEAT"}}. */
  public static JsonNode heartbeat() {
    throw new UnsupportedOperationException("operator API not built yet");
  }

  /**
   * The operator events one command caused (TASK_ADDED, TASK_UPDATED, AGENT_ADDED, AGENT_REMOVED, FRAMEWORK_ADDED,
   * FRAMEWORK_UPDATED, FRAMEWORK_REMOVED), given the effects the core returned and the core after the command.
   */
  public static List<JsonNode> events(Command command, List<Effect> effects, ClusterCore after) {
    throw new UnsupportedOperationException("operator API not built yet");
  }

  /** {@code GET /master/state}. */
  public static JsonNode state(ClusterCore core, MasterIdentity identity, long nowMs) {
    throw new UnsupportedOperationException("operator API not built yet");
  }

  /** {@code GET /master/state-summary}. */
  public static JsonNode stateSummary(ClusterCore core, MasterIdentity identity, long nowMs) {
    throw new UnsupportedOperationException("operator API not built yet");
  }
}
