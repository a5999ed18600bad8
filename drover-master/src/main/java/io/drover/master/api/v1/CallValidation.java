package io.drover.master.api.v1;

import java.util.List;

/**
 * Checks a decoded {@link Call} the way the Mesos master's HTTP layer does before acting on it
 * ({@code master/validation.cpp}, {@code scheduler::call::validate}), plus the proto's {@code required} fields that
 * protobuf parsing would have enforced. Messages follow Mesos' wording. It does not check state (whether the framework
 * exists, is subscribed, or owns the offers): that is the master's job.
 */
public final class CallValidation {
  private CallValidation() {}

  /** The outcome; exhaustive switch over it. */
  public sealed interface Result permits Valid, Invalid, NotImplemented {}

  /** The call may be acted on. */
  public record Valid() implements Result {}

  /** Malformed call: answer 400 Bad Request with {@code message} as the body. */
  public record Invalid(String message) implements Result {}

  /** A type Drover does not know ({@code UNKNOWN}): Mesos answers 501 Not Implemented. */
  public record NotImplemented(String message) implements Result {}

  private static final Valid VALID = new Valid();

  public static Result validate(Call call) {
    if (call.type() == null) return invalid("Expecting 'type' to be present");
    if (call.type() == Call.Type.SUBSCRIBE) return subscribe(call);
    if (call.type() == Call.Type.UNKNOWN) return new NotImplemented("Received an unknown call type");
    if (call.frameworkId() == null || empty(call.frameworkId().value())) {
      return invalid("Expecting 'framework_id' to be present");
    }
    return switch (call.type()) {
      case SUBSCRIBE, UNKNOWN -> throw new AssertionError("handled above");
      case TEARDOWN -> VALID;
      case ACCEPT -> call.accept() == null ? missing("accept") : operations(call.accept().operations());
      case DECLINE -> call.decline() == null ? missing("decline") : VALID;
      case ACCEPT_INVERSE_OFFERS -> call.acceptInverseOffers() == null ? missing("accept_inverse_offers") : VALID;
      case DECLINE_INVERSE_OFFERS -> call.declineInverseOffers() == null ? missing("decline_inverse_offers") : VALID;
      case REVIVE, SUPPRESS -> VALID; // payload optional: absent means all roles
      case KILL -> call.kill() == null ? missing("kill")
          : call.kill().taskId() == null ? missing("kill.task_id") : VALID;
      case SHUTDOWN -> shutdown(call.shutdown());
      case ACKNOWLEDGE -> acknowledge(call.acknowledge());
      case ACKNOWLEDGE_OPERATION_STATUS ->
          call.acknowledgeOperationStatus() == null ? missing("acknowledge_operation_status") : VALID;
      case RECONCILE -> reconcile(call.reconcile());
      case RECONCILE_OPERATIONS -> call.reconcileOperations() == null ? missing("reconcile_operations") : VALID;
      case MESSAGE -> message(call.message());
      case REQUEST -> call.request() == null ? missing("request") : VALID;
      case UPDATE_FRAMEWORK -> updateFramework(call);
    };
  }

  private static Result subscribe(Call call) {
    if (call.subscribe() == null) return missing("subscribe");
    FrameworkInfo info = call.subscribe().frameworkInfo();
    if (info == null) return missing("subscribe.framework_info");
    Result fields = frameworkInfo(info, "subscribe.framework_info");
    if (!(fields instanceof Valid)) return fields;
    // Mesos compares the two ids with proto defaults, so one present and the other absent also differ.
    if (!sameId(call.frameworkId(), info.id())) {
      return invalid("'framework_id' differs from 'subscribe.framework_info.id'");
    }
    return VALID;
  }

  private static Result updateFramework(Call call) {
    if (call.updateFramework() == null) return missing("update_framework");
    FrameworkInfo info = call.updateFramework().frameworkInfo();
    if (info == null) return missing("update_framework.framework_info");
    Result fields = frameworkInfo(info, "update_framework.framework_info");
    if (!(fields instanceof Valid)) return fields;
    if (!sameId(call.frameworkId(), info.id())) {
      return invalid("'framework_id' differs from 'update_framework.framework_info.id'");
    }
    return VALID;
  }

  private static Result frameworkInfo(FrameworkInfo info, String path) {
    if (info.user() == null) return missing(path + ".user");
    if (info.name() == null) return missing(path + ".name");
    if (info.role() != null && info.roles() != null && !info.roles().isEmpty()) {
      return invalid("'" + path + ".role' and '" + path + ".roles' cannot both be set");
    }
    return VALID;
  }

  private static Result operations(List<Offer.Operation> operations) {
    if (operations == null) return VALID;
    for (int i = 0; i < operations.size(); i++) {
      Offer.Operation op = operations.get(i);
      String path = "accept.operations[" + i + "]";
      if (op == null || op.type() == null) return missing(path + ".type");
      boolean hasPayload = switch (op.type()) {
        case UNKNOWN -> true; // the master ignores unknown operations (Mesos logs and skips them)
        case LAUNCH -> op.launch() != null;
        case LAUNCH_GROUP -> op.launchGroup() != null;
        case RESERVE -> op.reserve() != null;
        case UNRESERVE -> op.unreserve() != null;
        case CREATE -> op.create() != null;
        case DESTROY -> op.destroy() != null;
        case GROW_VOLUME -> op.growVolume() != null;
        case SHRINK_VOLUME -> op.shrinkVolume() != null;
        case CREATE_DISK -> op.createDisk() != null;
        case DESTROY_DISK -> op.destroyDisk() != null;
      };
      if (!hasPayload) return missing(path + "." + op.type().name().toLowerCase());
    }
    return VALID;
  }

  private static Result shutdown(Call.Shutdown s) {
    if (s == null) return missing("shutdown");
    if (s.executorId() == null) return missing("shutdown.executor_id");
    if (s.agentId() == null) return missing("shutdown.agent_id");
    return VALID;
  }

  private static Result acknowledge(Call.Acknowledge a) {
    if (a == null) return missing("acknowledge");
    if (a.agentId() == null) return missing("acknowledge.agent_id");
    if (a.taskId() == null) return missing("acknowledge.task_id");
    if (a.uuid() == null) return missing("acknowledge.uuid");
    // Mesos parses the uuid with UUID::fromBytes, which needs exactly 16 bytes.
    if (a.uuid().size() != 16) return invalid("Invalid 'acknowledge.uuid': expected 16 bytes, got " + a.uuid().size());
    return VALID;
  }

  private static Result reconcile(Call.Reconcile r) {
    if (r == null) return missing("reconcile");
    if (r.tasks() == null) return VALID;
    for (int i = 0; i < r.tasks().size(); i++) {
      Call.ReconcileTask t = r.tasks().get(i);
      if (t == null || t.taskId() == null) return missing("reconcile.tasks[" + i + "].task_id");
    }
    return VALID;
  }

  private static Result message(Call.Message m) {
    if (m == null) return missing("message");
    if (m.agentId() == null) return missing("message.agent_id");
    if (m.executorId() == null) return missing("message.executor_id");
    if (m.data() == null) return missing("message.data");
    return VALID;
  }

  private static boolean sameId(FrameworkID a, FrameworkID b) {
    String x = a == null ? "" : a.value();
    String y = b == null ? "" : b.value();
    return x.equals(y);
  }

  private static boolean empty(String s) { return s == null || s.isEmpty(); }

  private static Invalid missing(String field) { return invalid("Expecting '" + field + "' to be present"); }

  private static Invalid invalid(String message) { return new Invalid(message); }
}
