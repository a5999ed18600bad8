package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Mesos v1 scheduler {@code Call}: {@code type} selects the payload. Validate with {@link CallValidation} before
 * acting. The operation-feedback payloads (ACKNOWLEDGE_OPERATION_STATUS, RECONCILE_OPERATIONS) and
 * {@code offer_constraints} are kept uninterpreted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Call(
    FrameworkID frameworkId,
    Type type,
    Subscribe subscribe,
    Accept accept,
    Decline decline,
    AcceptInverseOffers acceptInverseOffers,
    DeclineInverseOffers declineInverseOffers,
    Revive revive,
    Kill kill,
    Shutdown shutdown,
    Acknowledge acknowledge,
    JsonNode acknowledgeOperationStatus,
    Reconcile reconcile,
    JsonNode reconcileOperations,
    Message message,
    Request request,
    Suppress suppress,
    UpdateFramework updateFramework) {

  /** A call of {@code type} without payload (TEARDOWN, REVIVE/SUPPRESS for all roles, ...). */
  public static Call of(FrameworkID frameworkId, Type type) {
    return new Call(frameworkId, type, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null);
  }

  public static Call subscribe(FrameworkID frameworkId, Subscribe subscribe) {
    return new Call(frameworkId, Type.SUBSCRIBE, subscribe, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null);
  }

  public static Call accept(FrameworkID frameworkId, Accept accept) {
    return new Call(frameworkId, Type.ACCEPT, null, accept, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null);
  }

  public static Call decline(FrameworkID frameworkId, Decline decline) {
    return new Call(frameworkId, Type.DECLINE, null, null, decline, null, null, null, null, null, null, null, null,
        null, null, null, null, null);
  }

  public static Call acknowledge(FrameworkID frameworkId, Acknowledge acknowledge) {
    return new Call(frameworkId, Type.ACKNOWLEDGE, null, null, null, null, null, null, null, null, acknowledge, null,
        null, null, null, null, null, null);
  }

  public enum Type {
    @JsonEnumDefaultValue UNKNOWN(0),
    SUBSCRIBE(1),
    TEARDOWN(2),
    ACCEPT(3),
    DECLINE(4),
    ACCEPT_INVERSE_OFFERS(13),
    DECLINE_INVERSE_OFFERS(14),
    REVIVE(5),
    KILL(6),
    SHUTDOWN(7),
    ACKNOWLEDGE(8),
    ACKNOWLEDGE_OPERATION_STATUS(15),
    RECONCILE(9),
    RECONCILE_OPERATIONS(16),
    MESSAGE(10),
    REQUEST(11),
    SUPPRESS(12),
    UPDATE_FRAMEWORK(17);

    private final int number;

    Type(int number) { this.number = number; }

    public int number() { return number; }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Subscribe(FrameworkInfo frameworkInfo, List<String> suppressedRoles, JsonNode offerConstraints) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Accept(List<OfferID> offerIds, List<Offer.Operation> operations, Filters filters) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Decline(List<OfferID> offerIds, Filters filters) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AcceptInverseOffers(List<OfferID> inverseOfferIds, Filters filters) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DeclineInverseOffers(List<OfferID> inverseOfferIds, Filters filters) {}

  /** Empty or absent {@code roles} means all of the framework's roles. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Revive(List<String> roles) {}

  /** Empty or absent {@code roles} means all of the framework's roles. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Suppress(List<String> roles) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Kill(TaskID taskId, AgentID agentId, KillPolicy killPolicy) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Shutdown(ExecutorID executorId, AgentID agentId) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Acknowledge(AgentID agentId, TaskID taskId, Bytes uuid) {}

  /** An empty {@code tasks} list is implicit reconciliation (every known task). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Reconcile(List<ReconcileTask> tasks) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ReconcileTask(TaskID taskId, AgentID agentId) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Message(AgentID agentId, ExecutorID executorId, Bytes data) {}

  /** Proto {@code Call.Request}: {@code {"requests":[..]}} (the docs show a bare list; the proto wins). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Request(List<io.drover.master.api.v1.Request> requests) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record UpdateFramework(FrameworkInfo frameworkInfo, List<String> suppressedRoles, JsonNode offerConstraints) {}
}
