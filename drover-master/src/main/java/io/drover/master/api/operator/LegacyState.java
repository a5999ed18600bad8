package io.drover.master.api.operator;

import static io.drover.master.api.operator.JsonParts.array;
import static io.drover.master.api.operator.JsonParts.object;
import static io.drover.master.api.operator.JsonParts.seconds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.common.mesos.TaskState;
import io.drover.common.resources.AttributeValue;
import io.drover.common.resources.ItemSet;
import io.drover.common.resources.Ranges;
import io.drover.common.resources.Resources;
import io.drover.common.resources.Scalar;
import io.drover.common.resources.Text;
import io.drover.master.allocator.FrameworkCapability;
import io.drover.master.api.v1.MasterInfo;
import io.drover.master.cluster.AgentInfo;
import io.drover.master.cluster.AgentStatus;
import io.drover.master.cluster.ClusterCore;
import io.drover.master.cluster.CompletedFramework;
import io.drover.master.cluster.FrameworkInfo;
import io.drover.master.cluster.Offer;
import io.drover.master.cluster.Task;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * {@code /master/state} and {@code /master/state-summary} with Mesos' keys (master/readonly_handler.cpp): times are
 * seconds as doubles, agent counts are doubles (Mesos' gauges), resources are summaries ({@link ResourceSummary}).
 * Build fields: {@code version} is {@link MasterJson#MESOS_COMPATIBILITY_VERSION}, {@code git_tag} names Drover's
 * version; {@code git_sha} and {@code git_branch} are left out (Mesos omits them when unknown) and
 * {@code build_date}/{@code build_time} are empty/0.0 because the pure views have no build metadata.
 */
final class LegacyState {
  private LegacyState() {}

  static ObjectNode state(ClusterCore core, MasterIdentity identity) {
    ObjectNode out = object();
    out.put("version", MasterJson.MESOS_COMPATIBILITY_VERSION);
    out.put("git_tag", MasterJson.gitTag(identity));
    out.put("build_date", "");
    out.put("build_time", 0.0);
    out.put("build_user", MasterJson.BUILD_USER);
    out.put("start_time", seconds(identity.startTimeMs()));
    if (identity.electedTimeMs() > 0) out.put("elected_time", seconds(identity.electedTimeMs()));
    MasterInfo self = identity.self();
    out.put("id", self.id());
    out.put("pid", self.pid());
    out.put("hostname", self.hostname() == null ? "" : self.hostname());
    ArrayNode caps = array();
    if (self.capabilities() != null) self.capabilities().forEach(c -> caps.add(c.type().name()));
    out.set("capabilities", caps);
    out.put("activated_slaves", (double) count(core, AgentStatus.REGISTERED));
    out.put("deactivated_slaves", 0.0);
    out.put("unreachable_slaves", (double) count(core, AgentStatus.UNREACHABLE));
    if (self.domain() != null) out.set("domain", self.domain());
    identity.leader().ifPresent(leader -> {
      out.put("leader", leader.pid());
      out.set("leader_info", leaderInfo(leader));
    });
    Map<String, String> flags = identity.flags();
    for (String key : List.of("cluster", "log_dir", "external_log_file")) {
      if (flags.containsKey(key)) out.put(key, flags.get(key));
    }
    ObjectNode flagsNode = object();
    new java.util.TreeMap<>(flags).forEach(flagsNode::put);
    out.set("flags", flagsNode);
    ArrayNode slaves = array();
    ArrayNode recovered = array();
    for (Map.Entry<String, AgentInfo> e : core.agentInfos().entrySet()) {
      AgentStatus status = core.agentStatus(e.getKey()).orElseThrow();
      if (status == AgentStatus.REGISTERED) slaves.add(slave(core, e.getKey(), e.getValue()));
      if (status == AgentStatus.RECOVERED) recovered.add(slaveInfo(e.getKey(), e.getValue()));
    }
    out.set("slaves", slaves);
    out.set("recovered_slaves", recovered);
    ArrayNode frameworks = array();
    for (String fw : core.frameworkIds()) frameworks.add(framework(core, fw));
    out.set("frameworks", frameworks);
    ArrayNode completed = array();
    for (CompletedFramework cf : core.completedFrameworks()) completed.add(completedFramework(core, cf));
    out.set("completed_frameworks", completed);
    out.set("orphan_tasks", array());
    out.set("unregistered_frameworks", array());
    return out;
  }

  /** {@code /master/state-summary}: agents and frameworks with per-state task counts and who runs where. */
  static ObjectNode stateSummary(ClusterCore core, MasterIdentity identity) {
    ObjectNode out = object();
    out.put("hostname", identity.self().hostname() == null ? "" : identity.self().hostname());
    if (identity.flags().containsKey("cluster")) out.put("cluster", identity.flags().get("cluster"));
    List<Task> all = new java.util.ArrayList<>(core.tasks());
    all.addAll(core.completedTasks());
    List<Task> ofRegistered = all.stream().filter(t -> core.frameworkIds().contains(t.frameworkId())).toList();
    ArrayNode slaves = array();
    for (Map.Entry<String, AgentInfo> e : core.agentInfos().entrySet()) {
      if (core.agentStatus(e.getKey()).orElseThrow() != AgentStatus.REGISTERED) continue;
      ObjectNode slave = slave(core, e.getKey(), e.getValue());
      List<Task> here = ofRegistered.stream().filter(t -> t.agentId().equals(e.getKey())).toList();
      counts(slave, here);
      ArrayNode ids = array();
      new TreeSet<>(ClusterJson.usedTasks(core, t -> t.agentId().equals(e.getKey())
          && core.frameworkIds().contains(t.frameworkId())).stream().map(Task::frameworkId).toList())
          .forEach(ids::add);
      slave.set("framework_ids", ids);
      slaves.add(slave);
    }
    out.set("slaves", slaves);
    ArrayNode frameworks = array();
    for (String fw : core.frameworkIds()) {
      ObjectNode node = frameworkSummary(core, fw);
      counts(node, ofRegistered.stream().filter(t -> t.frameworkId().equals(fw)).toList());
      ArrayNode ids = array();
      new TreeSet<>(ClusterJson.usedTasks(core, t -> t.frameworkId().equals(fw)).stream().map(Task::agentId)
          .toList()).forEach(ids::add);
      node.set("slave_ids", ids);
      frameworks.add(node);
    }
    out.set("frameworks", frameworks);
    return out;
  }

  private static final List<TaskState> SUMMARY_STATES = List.of(TaskState.TASK_STAGING, TaskState.TASK_STARTING,
      TaskState.TASK_RUNNING, TaskState.TASK_KILLING, TaskState.TASK_FINISHED, TaskState.TASK_KILLED,
      TaskState.TASK_FAILED, TaskState.TASK_LOST, TaskState.TASK_ERROR, TaskState.TASK_UNREACHABLE);

  private static void counts(ObjectNode node, List<Task> tasks) {
    for (TaskState s : SUMMARY_STATES) node.put(s.name(), tasks.stream().filter(t -> t.state() == s).count());
  }

  private static long count(ClusterCore core, AgentStatus status) {
    return core.agentInfos().keySet().stream().filter(id -> core.agentStatus(id).orElseThrow() == status).count();
  }

  private static ObjectNode leaderInfo(MasterInfo leader) {
    ObjectNode out = object().put("id", leader.id()).put("pid", leader.pid()).put("port", leader.port())
        .put("hostname", leader.hostname() == null ? "" : leader.hostname());
    if (leader.domain() != null) out.set("domain", leader.domain());
    return out;
  }

  // ---- agents ----

  /** The legacy SlaveInfo model: id, hostname, port, attributes. */
  static ObjectNode slaveInfo(String agentId, AgentInfo info) {
    ObjectNode out = object().put("id", agentId).put("hostname", info == null ? "" : info.hostname())
        .put("port", info == null ? 5051 : info.port());
    ObjectNode attributes = object();
    if (info != null) {
      for (io.drover.common.resources.Attribute a : info.attributes().list()) {
        AttributeValue v = a.value();
        switch (v) {
          case Scalar s -> attributes.put(a.name(), s.value());
          case Ranges g -> attributes.put(a.name(), g.toString());
          case ItemSet i -> attributes.put(a.name(), i.toString());
          case Text t -> attributes.put(a.name(), t.value());
        }
      }
    }
    out.set("attributes", attributes);
    return out;
  }

  static ObjectNode slave(ClusterCore core, String agentId, AgentInfo info) {
    ObjectNode out = slaveInfo(agentId, info);
    out.put("pid", ClusterJson.agentPid(info));
    core.agentRegisteredTimeMs(agentId).ifPresent(t -> out.put("registered_time", seconds(t)));
    core.agentReregisteredTimeMs(agentId).ifPresent(t -> out.put("reregistered_time", seconds(t)));
    Resources total = info.resources();
    out.set("resources", ResourceSummary.of(total));
    out.set("used_resources", ResourceSummary.of(ClusterJson.sum(
        ClusterJson.usedTasks(core, t -> t.agentId().equals(agentId)))));
    out.set("offered_resources", ResourceSummary.of(offered(core, agentId, null)));
    ObjectNode reserved = object();
    new TreeSet<>(total.reserved().toList().stream().map(io.drover.common.resources.Resource::role).toList())
        .forEach(role -> reserved.set(role, ResourceSummary.of(total.reservedFor(role))));
    out.set("reserved_resources", reserved);
    out.set("unreserved_resources", ResourceSummary.of(total.unreserved()));
    out.put("active", true);
    out.put("deactivated", false);
    out.put("version", MasterJson.MESOS_COMPATIBILITY_VERSION);
    out.set("capabilities", array());
    return out;
  }

  private static Resources offered(ClusterCore core, String agentId, String frameworkId) {
    Resources out = Resources.EMPTY;
    for (Offer o : core.offers()) {
      if ((agentId == null || o.agentId().equals(agentId))
          && (frameworkId == null || o.frameworkId().equals(frameworkId))) {
        out = out.plus(o.resources());
      }
    }
    return out;
  }

  // ---- frameworks ----

  /** Mesos' {@code Summary<Framework>} (also the state-summary framework entry). HTTP frameworks have no pid. */
  static ObjectNode frameworkSummary(ClusterCore core, String frameworkId) {
    FrameworkInfo info = core.frameworkInfo(frameworkId).orElseThrow();
    boolean connected = core.isConnected(frameworkId);
    return summary(frameworkId, info, used(core, frameworkId), offered(core, null, frameworkId), connected);
  }

  private static ObjectNode summary(String id, FrameworkInfo info, Resources used, Resources offered,
      boolean connected) {
    ObjectNode out = object().put("id", id).put("name", info.name());
    out.set("used_resources", ResourceSummary.of(used));
    out.set("offered_resources", ResourceSummary.of(offered));
    ArrayNode caps = array();
    info.capabilities().stream().sorted(Comparator.comparingInt(Enum::ordinal)).forEach(c -> caps.add(c.name()));
    out.set("capabilities", caps);
    out.put("hostname", "");
    out.put("webui_url", "");
    out.put("active", connected);
    out.put("connected", connected);
    out.put("recovered", false);
    return out;
  }

  private static Resources used(ClusterCore core, String frameworkId) {
    return ClusterJson.sum(ClusterJson.usedTasks(core, t -> t.frameworkId().equals(frameworkId)));
  }

  /** Mesos' FullFrameworkWriter. */
  static ObjectNode framework(ClusterCore core, String frameworkId) {
    ObjectNode out = frameworkSummary(core, frameworkId);
    FrameworkInfo info = core.frameworkInfo(frameworkId).orElseThrow();
    long registered = core.frameworkRegisteredTimeMs(frameworkId).orElse(0);
    OptionalLong reregistered = core.frameworkReregisteredTimeMs(frameworkId);
    details(out, info, registered, reregistered, core.frameworkDisconnectedTimeMs(frameworkId).orElse(0),
        used(core, frameworkId).plus(offered(core, null, frameworkId)));
    ArrayNode tasks = array();
    ArrayNode unreachable = array();
    for (Task t : core.tasks()) {
      if (!t.frameworkId().equals(frameworkId)) continue;
      (t.state() == TaskState.TASK_UNREACHABLE ? unreachable : tasks).add(TaskJson.legacy(t));
    }
    out.set("tasks", tasks);
    out.set("unreachable_tasks", unreachable);
    out.set("completed_tasks", completedTasks(core, frameworkId));
    ArrayNode offers = array();
    for (Offer o : core.offers()) {
      if (!o.frameworkId().equals(frameworkId)) continue;
      ObjectNode offer = object().put("id", o.offerId()).put("framework_id", o.frameworkId());
      offer.set("allocation_info", object().put("role", o.role()));
      offer.put("slave_id", o.agentId());
      offer.set("resources", ResourceSummary.of(o.resources()));
      offers.add(offer);
    }
    out.set("offers", offers);
    out.set("executors", array());
    out.set("offer_constraints", object());
    return out;
  }

  static ObjectNode completedFramework(ClusterCore core, CompletedFramework cf) {
    ObjectNode out = summary(cf.id(), cf.info(), Resources.EMPTY, Resources.EMPTY, false);
    details(out, cf.info(), Math.max(cf.registeredTimeMs(), 0), cf.reregistered(), cf.removedTimeMs(),
        Resources.EMPTY);
    out.set("tasks", array());
    out.set("unreachable_tasks", array());
    out.set("completed_tasks", completedTasks(core, cf.id()));
    out.set("offers", array());
    out.set("executors", array());
    out.set("offer_constraints", object());
    return out;
  }

  private static void details(ObjectNode out, FrameworkInfo info, long registeredMs, OptionalLong reregisteredMs,
      long unregisteredMs, Resources resources) {
    out.put("user", info.user() == null ? "" : info.user());
    out.put("failover_timeout", info.failoverTimeoutSeconds());
    out.put("checkpoint", info.checkpoint());
    out.put("registered_time", seconds(registeredMs));
    out.put("unregistered_time", seconds(unregisteredMs));
    out.set("resources", ResourceSummary.of(resources));
    reregisteredMs.ifPresent(t -> out.put("reregistered_time", seconds(t)));
    List<String> roles = info.roles().stream().sorted().toList();
    if (info.capabilities().contains(FrameworkCapability.MULTI_ROLE)) {
      ArrayNode r = array();
      roles.forEach(r::add);
      out.set("roles", r);
    } else {
      out.put("role", roles.isEmpty() ? "*" : roles.get(0));
    }
  }

  private static ArrayNode completedTasks(ClusterCore core, String frameworkId) {
    ArrayNode out = array();
    for (Task t : core.completedTasks()) if (t.frameworkId().equals(frameworkId)) out.add(TaskJson.legacy(t));
    return out;
  }
}
