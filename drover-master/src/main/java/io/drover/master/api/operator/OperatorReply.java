package io.drover.master.api.operator;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.master.allocator.Quota;
import java.util.Map;

/** What the master must do with one {@code POST /api/v1} call. */
public sealed interface OperatorReply {
  /** 200 with this JSON body. */
  record Ok(JsonNode body) implements OperatorReply {}

  /** Open an operator event stream: first SUBSCRIBED ({@link OperatorApi#subscribed}), then events, HEARTBEATs. */
  record Subscribe() implements OperatorReply {}

  /** Persist these weights in the registry, apply them to the allocator, then answer 200 with no body. */
  record UpdateWeights(Map<String, Double> weights) implements OperatorReply {
    public UpdateWeights { weights = Map.copyOf(weights); }
  }

  /** Persist these roles' quotas in the registry (a {@link Quota#isNone()} one removes it), apply them, answer 200. */
  record UpdateQuota(Map<String, Quota> quotas) implements OperatorReply {
    public UpdateQuota { quotas = Map.copyOf(quotas); }
  }

  /** Run {@code Command.MarkAgentGone}, then answer 200. */
  record MarkAgentGone(String agentId) implements OperatorReply {}

  /** Run {@code Command.Teardown}, then answer 200. */
  record Teardown(String frameworkId) implements OperatorReply {}

  /** The call is refused: answer {@code httpStatus} (400, 415, 501 …) with {@code message} as plain text. */
  record Failed(int httpStatus, String message) implements OperatorReply {}
}
