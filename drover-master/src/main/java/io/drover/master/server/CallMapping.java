package io.drover.master.server;

import io.drover.master.allocator.FrameworkCapability;
import io.drover.master.api.v1.ApiJson;
import io.drover.master.api.v1.Call;
import io.drover.master.api.v1.FrameworkInfo;
import io.drover.master.api.v1.Offer;
import io.drover.master.api.v1.OfferID;
import io.drover.master.api.v1.ResourceJson;
import io.drover.master.api.v1.TaskInfo;
import io.drover.master.cluster.Command;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Maps validated v1 scheduler calls to core commands. Failures are {@link BadCall}s: 400 with the message. */
final class CallMapping {
  private CallMapping() {}

  /** The call cannot be acted on: answer 400 with this message. */
  static final class BadCall extends RuntimeException {
    BadCall(String message) { super(message, null, false, false); }
  }

  static io.drover.master.cluster.FrameworkInfo framework(FrameworkInfo v1) {
    Set<String> roles = new LinkedHashSet<>();
    if (v1.roles() != null && !v1.roles().isEmpty()) roles.addAll(v1.roles());
    else roles.add(v1.role() == null || v1.role().isEmpty() ? "*" : v1.role());
    EnumSet<FrameworkCapability> caps = EnumSet.noneOf(FrameworkCapability.class);
    if (v1.capabilities() != null) {
      for (FrameworkInfo.Capability c : v1.capabilities()) {
        if (c == null || c.type() == null) continue;
        for (FrameworkCapability f : FrameworkCapability.values()) if (f.name().equals(c.type().name())) caps.add(f);
      }
    }
    return new io.drover.master.cluster.FrameworkInfo(v1.id() == null ? null : v1.id().value(), v1.name(), v1.user(),
        roles, caps, v1.failoverTimeout() == null ? 0 : v1.failoverTimeout(),
        v1.checkpoint() != null && v1.checkpoint());
  }

  static List<String> offerIds(List<OfferID> ids) {
    List<String> out = new ArrayList<>();
    if (ids != null) for (OfferID id : ids) if (id != null) out.add(id.value());
    return out;
  }

  /**
   * The tasks of every LAUNCH operation, in order. Drover runs only LAUNCH: any other known operation type is
   * refused (400) so the framework learns at once rather than waiting for a result that never comes; UNKNOWN
   * operations are skipped as Mesos does.
   */
  static List<TaskInfo> launches(Call.Accept accept) {
    List<TaskInfo> out = new ArrayList<>();
    if (accept.operations() == null) return out;
    for (Offer.Operation op : accept.operations()) {
      switch (op.type()) {
        case LAUNCH -> { if (op.launch().taskInfos() != null) out.addAll(op.launch().taskInfos()); }
        case UNKNOWN -> { }
        case LAUNCH_GROUP, RESERVE, UNRESERVE, CREATE, DESTROY, GROW_VOLUME, SHRINK_VOLUME, CREATE_DISK,
            DESTROY_DISK -> throw new BadCall("Drover supports only LAUNCH operations in ACCEPT; " + op.type()
                + " is not supported (the offers stay outstanding: decline them or accept them with LAUNCH)");
      }
    }
    return out;
  }

  /** The core's view of one TaskInfo; the full JSON rides along as {@code spec} for the agent. */
  static io.drover.master.cluster.TaskInfo task(TaskInfo t) {
    if (t == null || t.taskId() == null) throw new BadCall("Expecting 'task_id' to be present in every task_info");
    var resources = resources(t);
    String command = t.command() == null ? null : (t.command().value() == null ? "" : t.command().value());
    String executor = t.executor() == null || t.executor().executorId() == null ? null
        : t.executor().executorId().value();
    if (t.executor() != null && executor == null) executor = "";
    return new io.drover.master.cluster.TaskInfo(t.taskId().value(), t.name() == null ? "" : t.name(),
        t.agentId() == null ? null : t.agentId().value(), resources, command, executor,
        ApiJson.mapper().valueToTree(t));
  }

  private static io.drover.common.resources.Resources resources(TaskInfo t) {
    try {
      return ResourceJson.fromJson(t.resources());
    } catch (IllegalArgumentException e) {
      throw new BadCall("Invalid resources in task '" + t.taskId().value() + "': " + e.getMessage());
    }
  }

  /** Grace period of a KillPolicy in ms, or -1 when it has none. */
  static long graceMs(io.drover.master.api.v1.KillPolicy p) {
    return p == null || p.gracePeriod() == null ? -1 : Math.max(0, p.gracePeriod().nanoseconds() / 1_000_000L);
  }

  static List<Command.ReconcileTask> reconcileTasks(Call.Reconcile r) {
    List<Command.ReconcileTask> out = new ArrayList<>();
    if (r.tasks() != null) {
      for (Call.ReconcileTask t : r.tasks()) {
        out.add(new Command.ReconcileTask(t.taskId().value(), t.agentId() == null ? null : t.agentId().value()));
      }
    }
    return out;
  }

  static Set<String> roles(List<String> roles) { return roles == null ? Set.of() : Set.copyOf(roles); }
}
