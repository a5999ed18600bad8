package io.drover.master.api.operator;

import static io.drover.master.api.operator.JsonParts.array;
import static io.drover.master.api.operator.JsonParts.id;
import static io.drover.master.api.operator.JsonParts.object;
import static io.drover.master.api.operator.JsonParts.timeInfo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.common.mesos.TaskState;
import io.drover.common.resources.Resources;
import io.drover.master.allocator.FrameworkCapability;
import io.drover.master.api.v1.AgentID;
import io.drover.master.api.v1.FrameworkID;
import io.drover.master.api.v1.OfferID;
import io.drover.master.api.v1.Resource;
import io.drover.master.api.v1.ResourceJson;
import io.drover.master.cluster.AgentInfo;
import io.drover.master.cluster.AgentStatus;
import io.drover.master.cluster.ClusterCore;
import io.drover.master.cluster.CompletedFramework;
import io.drover.master.cluster.FrameworkInfo;
import io.drover.master.cluster.Offer;
import io.drover.master.cluster.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The cluster as the v1 operator API's messages: {@code Response.GetAgents.Agent}, {@code Response.GetFrameworks
 * .Framework}, {@code FrameworkInfo}, {@code AgentInfo}, {@code Offer}. Lists follow the core's order (agents and
 * frameworks by id, tasks by framework then launch, offers in order made).
 */
final class ClusterJson {
  private ClusterJson() {}

  // ---- agents ----

  /** {@code Response.GetAgents}: registered agents, and agents recovered from the registry not yet re-registered. */
  static ObjectNode getAgents(ClusterCore core) {
    ArrayNode agents = array();
    ArrayNode recovered = array();
    for (Map.Entry<String, AgentInfo> e : core.agentInfos().entrySet()) {
      AgentStatus status = core.agentStatus(e.getKey()).orElseThrow();
      if (status == AgentStatus.REGISTERED) agents.add(agent(core, e.getKey()));
      if (status == AgentStatus.RECOVERED) recovered.add(agentInfo(e.getKey(), e.getValue()));
    }
    ObjectNode out = object();
    out.set("agents", agents);
    out.set("recovered_agents", recovered);
    return out;
  }

  /**
   * {@code Response.GetAgents.Agent} of a registered agent. {@code version} is the Mesos version Drover agents are
   * compatible with (see {@link MasterJson#MESOS_COMPATIBILITY_VERSION}); {@code pid} is {@code slave(1)@host:port}.
   */
  static ObjectNode agent(ClusterCore core, String agentId) {
    AgentInfo info = core.agentInfos().get(agentId);
    ObjectNode out = object();
    out.set("agent_info", agentInfo(agentId, info));
    out.put("active", core.agentStatus(agentId).orElse(null) == AgentStatus.REGISTERED);
    out.put("deactivated", false);
    out.put("version", MasterJson.MESOS_COMPATIBILITY_VERSION);
    if (info != null) out.put("pid", agentPid(info));
    core.agentRegisteredTimeMs(agentId).ifPresent(t -> out.set("registered_time", timeInfo(t)));
    core.agentReregisteredTimeMs(agentId).ifPresent(t -> out.set("reregistered_time", timeInfo(t)));
    if (info != null) JsonParts.setNonEmpty(out, "total_resources", JsonParts.resources(info.resources(), null));
    JsonParts.setNonEmpty(out, "allocated_resources",
        byRole(usedTasks(core, t -> t.agentId().equals(agentId))));
    JsonParts.setNonEmpty(out, "offered_resources",
        byRole(offerResources(core, o -> o.agentId().equals(agentId))));
    return out;
  }

  /** v1 {@code AgentInfo}; the hostname is empty for an agent known only by id from the registry. */
  static ObjectNode agentInfo(String agentId, AgentInfo info) {
    ObjectNode out = object();
    out.put("hostname", info == null ? "" : info.hostname());
    if (info != null) {
      out.put("port", info.port());
      JsonParts.setNonEmpty(out, "resources", JsonParts.resources(info.resources(), null));
      JsonParts.setNonEmpty(out, "attributes",
          (ArrayNode) JsonParts.tree(ResourceJson.attributesToJson(info.attributes())));
    }
    out.set("id", id(agentId));
    return out;
  }

  static String agentPid(AgentInfo info) { return "slave(1)@" + info.hostname() + ":" + info.port(); }

  // ---- frameworks ----

  /** {@code Response.GetFrameworks}: subscribed frameworks (connected or within failover) and removed ones. */
  static ObjectNode getFrameworks(ClusterCore core) {
    ArrayNode frameworks = array();
    for (String id : core.frameworkIds()) frameworks.add(framework(core, id, true));
    ArrayNode completed = array();
    for (CompletedFramework cf : core.completedFrameworks()) completed.add(completedFramework(cf));
    ObjectNode out = object();
    out.set("frameworks", frameworks);
    out.set("completed_frameworks", completed);
    return out;
  }

  /**
   * {@code Response.GetFrameworks.Framework} of a known framework. With {@code details} false it is the shorter form
   * of the FRAMEWORK_ADDED/UPDATED events (no offers or resources), as Mesos sends it.
   */
  static ObjectNode framework(ClusterCore core, String frameworkId, boolean details) {
    FrameworkInfo info = core.frameworkInfo(frameworkId).orElseThrow();
    boolean connected = core.isConnected(frameworkId);
    ObjectNode out = object();
    out.set("framework_info", frameworkInfo(info));
    out.put("active", connected);
    out.put("connected", connected);
    out.put("recovered", false);
    OptionalLong registered = core.frameworkRegisteredTimeMs(frameworkId);
    registered.ifPresent(t -> out.set("registered_time", timeInfo(t)));
    // Mesos starts reregistered_time at the registration time.
    OptionalLong reregistered = core.frameworkReregisteredTimeMs(frameworkId);
    if (reregistered.isPresent()) out.set("reregistered_time", timeInfo(reregistered.getAsLong()));
    else registered.ifPresent(t -> out.set("reregistered_time", timeInfo(t)));
    core.frameworkDisconnectedTimeMs(frameworkId).ifPresent(t -> out.set("unregistered_time", timeInfo(t)));
    if (details) {
      ArrayNode offers = array();
      for (Offer o : core.offers()) if (o.frameworkId().equals(frameworkId)) offers.add(offer(o));
      JsonParts.setNonEmpty(out, "offers", offers);
      JsonParts.setNonEmpty(out, "allocated_resources",
          byRole(usedTasks(core, t -> t.frameworkId().equals(frameworkId))));
      JsonParts.setNonEmpty(out, "offered_resources",
          byRole(offerResources(core, o -> o.frameworkId().equals(frameworkId))));
    }
    return out;
  }

  static ObjectNode completedFramework(CompletedFramework cf) {
    ObjectNode out = object();
    out.set("framework_info", frameworkInfo(cf.info()));
    out.put("active", false);
    out.put("connected", false);
    out.put("recovered", false);
    if (cf.registeredTimeMs() >= 0) {
      out.set("registered_time", timeInfo(cf.registeredTimeMs()));
      out.set("reregistered_time", timeInfo(cf.reregistered().orElse(cf.registeredTimeMs())));
    }
    out.set("unregistered_time", timeInfo(cf.removedTimeMs()));
    return out;
  }

  /**
   * v1 {@code FrameworkInfo} from what the core keeps: user, name, id, failover_timeout, checkpoint, the role
   * ({@code role} without MULTI_ROLE, {@code roles} with it, as Mesos mirrors the proto) and capabilities.
   */
  static ObjectNode frameworkInfo(FrameworkInfo info) {
    ObjectNode out = object();
    out.put("user", info.user() == null ? "" : info.user());
    out.put("name", info.name());
    if (info.id() != null) out.set("id", id(info.id()));
    out.put("failover_timeout", info.failoverTimeoutSeconds());
    out.put("checkpoint", info.checkpoint());
    List<String> roles = info.roles().stream().sorted().toList();
    if (info.capabilities().contains(FrameworkCapability.MULTI_ROLE)) {
      ArrayNode r = array();
      roles.forEach(r::add);
      out.set("roles", r);
    } else if (!roles.isEmpty()) {
      out.put("role", roles.get(0));
    }
    ArrayNode caps = array();
    info.capabilities().stream().sorted(Comparator.comparingInt(Enum::ordinal))
        .forEach(c -> caps.add(object().put("type", c.name())));
    JsonParts.setNonEmpty(out, "capabilities", caps);
    return out;
  }

  /** v1 {@code Offer}. */
  static ObjectNode offer(Offer o) {
    return (ObjectNode) JsonParts.tree(new io.drover.master.api.v1.Offer(new OfferID(o.offerId()),
        new FrameworkID(o.frameworkId()), new AgentID(o.agentId()), o.hostname(), null, null,
        ResourceJson.toJson(o.resources(), o.role()),
        o.attributes().isEmpty() ? null : ResourceJson.attributesToJson(o.attributes()), null, null,
        new Resource.AllocationInfo(o.role())));
  }

  // ---- tasks ----

  /** {@code Response.GetTasks}: live tasks, tasks on unreachable agents, and the bounded list of completed tasks. */
  static ObjectNode getTasks(ClusterCore core) {
    ArrayNode tasks = array();
    ArrayNode unreachable = array();
    for (Task t : core.tasks()) (t.state() == TaskState.TASK_UNREACHABLE ? unreachable : tasks).add(TaskJson.task(t));
    ArrayNode completed = array();
    for (Task t : core.completedTasks()) completed.add(TaskJson.task(t));
    ObjectNode out = object();
    out.set("tasks", tasks);
    out.set("unreachable_tasks", unreachable);
    out.set("completed_tasks", completed);
    return out;
  }

  /** {@code Response.GetState}; Drover runs command tasks only, so it knows no executors. */
  static ObjectNode getState(ClusterCore core) {
    ObjectNode out = object();
    out.set("get_tasks", getTasks(core));
    out.set("get_executors", getExecutors());
    out.set("get_frameworks", getFrameworks(core));
    out.set("get_agents", getAgents(core));
    return out;
  }

  static ObjectNode getExecutors() {
    ObjectNode out = object();
    out.set("executors", array());
    return out;
  }

  // ---- helpers ----

  /** Live tasks holding resources (not on an unreachable agent) that match. */
  static List<Task> usedTasks(ClusterCore core, Predicate<Task> match) {
    List<Task> out = new ArrayList<>();
    for (Task t : core.tasks()) if (t.state() != TaskState.TASK_UNREACHABLE && match.test(t)) out.add(t);
    return out;
  }

  static Map<String, Resources> offerResources(ClusterCore core, Predicate<Offer> match) {
    Map<String, Resources> byRole = new TreeMap<>();
    for (Offer o : core.offers()) if (match.test(o)) byRole.merge(o.role(), o.resources(), Resources::plus);
    return byRole;
  }

  /** v1 resources with {@code allocation_info}, per allocation role in role order. */
  static ArrayNode byRole(List<Task> tasks) {
    Map<String, Resources> byRole = new TreeMap<>();
    for (Task t : tasks) byRole.merge(t.role(), t.resources(), Resources::plus);
    return byRole(byRole);
  }

  static ArrayNode byRole(Map<String, Resources> byRole) {
    ArrayNode out = array();
    byRole.forEach((role, res) -> out.addAll(JsonParts.resources(res, role)));
    return out;
  }

  static Resources sum(List<Task> tasks) {
    Resources out = Resources.EMPTY;
    for (Task t : tasks) out = out.plus(t.resources());
    return out;
  }
}
