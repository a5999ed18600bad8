package io.drover.master.cluster;

import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.common.resources.Resources;
import io.drover.master.cluster.Command.Accept;
import io.drover.master.cluster.Effect.SendToAgent;
import io.drover.master.cluster.Records.FrameworkRecord;
import io.drover.master.cluster.Records.TaskRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ACCEPT with LAUNCH (mesos.md §1 "ACCEPT rules"), as Mesos' master validates it: first the offers (each known, of
 * this framework, not repeated, all on one agent); then each task in order against what is left of the offers.
 *
 * <ul>
 *   <li>Invalid offers: every own offer named is consumed and its resources recovered without a filter; every task
 *       gets TASK_DROPPED (partition-aware) or TASK_LOST with REASON_INVALID_OFFERS. Offers of other frameworks are
 *       left alone.
 *   <li>Invalid task (duplicate id, wrong agent, not exactly one of command and executor, no resources, resources
 *       beyond what is left in the offers of one role): TASK_ERROR with REASON_TASK_INVALID and a message.
 *   <li>Valid task: TASK_STAGING, its resources marked used, a LaunchTask to the agent.
 *   <li>What is left of the offers is recovered with the call's refuse filter.
 * </ul>
 */
final class Launches {
  private final ClusterCore core;
  private final FrameworkRecord fw;
  private final List<Effect> out;

  Launches(ClusterCore core, FrameworkRecord fw, List<Effect> out) {
    this.core = core;
    this.fw = fw;
    this.out = out;
  }

  void accept(Accept c) {
    List<Offer> used = new ArrayList<>();
    String error = null;
    Set<String> seen = new HashSet<>();
    if (c.offerIds().isEmpty()) error = "No offers specified";
    for (String offerId : c.offerIds()) {
      Offer o = core.offers.get(offerId);
      if (!seen.add(offerId)) {
        if (error == null) error = "Duplicate offer " + offerId + " in ACCEPT";
      } else if (o == null) {
        if (error == null) error = "Offer " + offerId + " is no longer valid";
      } else if (!o.frameworkId().equals(fw.id)) {
        if (error == null) error = "Offer " + offerId + " does not belong to framework " + fw.id;
      } else {
        used.add(o);
        core.offers.remove(offerId);
      }
    }
    if (error == null && used.stream().map(Offer::agentId).distinct().count() > 1) {
      error = "Aggregated offers must belong to one single agent";
    }
    if (error != null) {
      for (Offer o : used) {
        core.allocator.recoverResources(fw.id, o.agentId(), o.role(), o.resources(), 0, c.nowMs());
      }
      TaskState state = fw.partitionAware() ? TaskState.TASK_DROPPED : TaskState.TASK_LOST;
      for (TaskInfo task : c.launch()) {
        core.update(fw, TaskStatus.fromMaster(task.taskId(), state, TaskStatusReason.REASON_INVALID_OFFERS,
            "Task launched with invalid offers: " + error, task.agentId(), c.nowMs()), out);
      }
      return;
    }
    String agentId = used.get(0).agentId();
    Map<String, Resources> remaining = new LinkedHashMap<>();
    for (Offer o : used) remaining.merge(o.role(), o.resources(), Resources::plus);
    Set<String> launched = new HashSet<>();
    for (TaskInfo task : c.launch()) {
      String role = null;
      String taskError = validate(task, agentId, launched);
      if (taskError == null) {
        for (var e : remaining.entrySet()) {
          if (e.getValue().contains(task.resources())) {
            role = e.getKey();
            break;
          }
        }
        if (role == null) {
          taskError = "Task uses more resources " + task.resources() + " than available " + remainingTotal(remaining);
        }
      }
      if (taskError != null) {
        core.update(fw, TaskStatus.fromMaster(task.taskId(), TaskState.TASK_ERROR, TaskStatusReason.REASON_TASK_INVALID,
            taskError, task.agentId(), c.nowMs()), out);
        continue;
      }
      launched.add(task.taskId());
      remaining.put(role, remaining.get(role).minus(task.resources()));
      core.allocator.allocated(fw.id, agentId, role, task.resources());
      TaskStatus staging = TaskStatus.fromMaster(task.taskId(), TaskState.TASK_STAGING, null, null, agentId,
          c.nowMs());
      fw.tasks.put(task.taskId(),
          new TaskRecord(task.taskId(), fw.id, agentId, task.name(), role, task.resources(), staging));
      out.add(new SendToAgent(agentId, new AgentMessage.LaunchTask(fw.id, fw.info, task, role)));
    }
    remaining.forEach((role, rest) ->
        core.allocator.recoverResources(fw.id, agentId, role, rest, c.refuseSeconds(), c.nowMs()));
  }

  private String validate(TaskInfo task, String agentId, Set<String> launched) {
    if (task.taskId().isEmpty()) return "Task ID must not be empty";
    if (fw.tasks.containsKey(task.taskId()) || launched.contains(task.taskId())) {
      return "Task has duplicate ID: " + task.taskId();
    }
    if (task.agentId() == null || !task.agentId().equals(agentId)) {
      return "Task uses invalid agent: " + task.agentId() + " (offers are from " + agentId + ")";
    }
    if ((task.command() == null) == (task.executorId() == null)) {
      return "Task should have at least one (but not both) of CommandInfo or ExecutorInfo present";
    }
    if (task.resources().isEmpty()) return "Task uses no resources";
    return null;
  }

  private static Resources remainingTotal(Map<String, Resources> remaining) {
    Resources r = Resources.EMPTY;
    for (Resources x : remaining.values()) r = r.plus(x);
    return r;
  }
}
