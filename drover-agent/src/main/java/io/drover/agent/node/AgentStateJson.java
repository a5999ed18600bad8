package io.drover.agent.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.common.resources.Attribute;
import io.drover.common.resources.Attributes;
import io.drover.common.resources.ItemSet;
import io.drover.common.resources.Ranges;
import io.drover.common.resources.Resource;
import io.drover.common.resources.Resources;
import io.drover.common.resources.ResourcesFormatException;
import io.drover.common.resources.ResourcesParser;
import io.drover.common.resources.Scalar;
import io.drover.common.resources.Text;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.LoggerFactory;

/**
 * The agent's {@code /state} document in the shape of Mesos' {@code Http::state} (src/slave/http.cpp): build info,
 * identity, resource summaries, attributes, flags, and frameworks with their executors and tasks. Drover runs every
 * task under a command executor of its own (Mesos' default for command tasks): the executor id is the task id,
 * unless the TaskInfo names an executor.
 */
final class AgentStateJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** Who the agent is, for the document's identity fields. */
  record Identity(String version, double startTimeSecs, Optional<String> agentId, String pid, String hostname,
      Resources resources, Attributes attributes, Optional<String> masterHostname, Map<String, String> flags) {}

  private AgentStateJson() {}

  static ObjectNode state(Identity id, AgentTasksView view) {
    ObjectNode o = F.objectNode();
    o.put("version", id.version());
    o.put("build_date", "");
    o.put("build_time", 0);
    o.put("build_user", "");
    o.put("start_time", id.startTimeSecs());
    o.put("id", id.agentId().orElse(""));
    o.put("pid", id.pid());
    o.put("hostname", id.hostname());
    o.putArray("capabilities");
    o.set("resources", summary(id.resources()));
    ObjectNode reserved = o.putObject("reserved_resources");
    Map<String, Resources> byRole = new TreeMap<>();
    for (Resource r : id.resources().reserved().toList()) {
      byRole.merge(r.role(), Resources.of(r), Resources::plus);
    }
    byRole.forEach((role, rs) -> reserved.set(role, summary(rs)));
    o.set("unreserved_resources", summary(id.resources().unreserved()));
    o.set("attributes", attributes(id.attributes()));
    id.masterHostname().ifPresent(h -> o.put("master_hostname", h));
    ObjectNode flags = o.putObject("flags");
    id.flags().forEach(flags::put);
    String agentId = id.agentId().orElse("");
    ArrayNode frameworks = o.putArray("frameworks");
    for (AgentTasksView.Framework f : view.frameworks()) frameworks.add(framework(f, agentId));
    ArrayNode completed = o.putArray("completed_frameworks");
    for (AgentTasksView.Framework f : view.completedFrameworks()) completed.add(framework(f, agentId));
    return o;
  }

  /** Mesos' resource summary: {@code cpus, gpus, mem, disk} always (0 if absent), ranges and sets as text. */
  static ObjectNode summary(Resources resources) {
    Map<String, Long> scalars = new LinkedHashMap<>();
    for (String name : List.of("cpus", "gpus", "mem", "disk")) scalars.put(name, 0L);
    Map<String, Ranges> ranges = new TreeMap<>();
    Map<String, ItemSet> sets = new TreeMap<>();
    for (Resource r : resources.toList()) {
      switch (r.value()) {
        case Scalar s -> scalars.merge(r.name(), s.millis(), Long::sum);
        case Ranges rg -> ranges.merge(r.name(), rg, Ranges::plus);
        case ItemSet set -> sets.merge(r.name(), set, ItemSet::plus);
      }
    }
    ObjectNode o = F.objectNode();
    scalars.forEach((name, millis) -> o.put(name, new Scalar(millis).value()));
    ranges.forEach((name, rg) -> o.put(name, rg.toString()));
    sets.forEach((name, set) -> o.put(name, set.toString()));
    return o;
  }

  /** Mesos' attributes object: scalars as numbers, everything else as text. */
  static ObjectNode attributes(Attributes attributes) {
    ObjectNode o = F.objectNode();
    for (Attribute a : attributes.list()) {
      switch (a.value()) {
        case Scalar s -> o.put(a.name(), s.value());
        case Ranges r -> o.put(a.name(), r.toString());
        case ItemSet s -> o.put(a.name(), s.toString());
        case Text t -> o.put(a.name(), t.value());
      }
    }
    return o;
  }

  private static ObjectNode framework(AgentTasksView.Framework f, String agentId) {
    JsonNode info = f.frameworkInfo();
    ObjectNode o = F.objectNode();
    o.put("id", f.frameworkId());
    o.put("name", info.path("name").asText(""));
    o.put("user", info.path("user").asText(""));
    o.put("failover_timeout", info.path("failover_timeout").asDouble(0));
    o.put("checkpoint", info.path("checkpoint").asBoolean(false));
    o.put("hostname", info.path("hostname").asText(""));
    if (info.hasNonNull("principal")) o.put("principal", info.get("principal").asText());
    if (info.has("roles")) o.set("roles", info.get("roles").deepCopy());
    else o.put("role", info.path("role").asText("*"));
    ArrayNode executors = o.putArray("executors");
    for (AgentTasksView.Task t : f.tasks()) executors.add(executor(t, agentId, false));
    ArrayNode completedExecutors = o.putArray("completed_executors");
    for (AgentTasksView.Task t : f.completedTasks()) completedExecutors.add(executor(t, agentId, true));
    return o;
  }

  /** The command executor of one task (Mesos runs a command task in an executor of its own). */
  private static ObjectNode executor(AgentTasksView.Task t, String agentId, boolean completed) {
    JsonNode executorInfo = t.taskInfo().path("executor");
    String executorId = executorInfo.path("executor_id").path("value").asText(t.taskId());
    ObjectNode o = F.objectNode();
    o.put("id", executorId);
    o.put("name", executorInfo.path("name").asText(commandExecutorName(t)));
    o.put("source", executorInfo.path("source").asText(t.taskId()));
    o.put("container", t.containerId() == null ? "" : t.containerId());
    o.put("directory", t.sandbox() == null ? "" : t.sandbox().toString());
    o.set("resources", summary(parse(t.resources())));
    o.put("role", t.role());
    ObjectNode task = task(t, agentId, executorInfo.isMissingNode() ? "" : executorId);
    ArrayNode live = o.putArray("tasks");
    if (!completed) live.add(task);
    o.putArray("queued_tasks");
    ArrayNode done = o.putArray("completed_tasks");
    if (completed) done.add(task);
    return o;
  }

  private static ObjectNode task(AgentTasksView.Task t, String agentId, String executorId) {
    ObjectNode o = F.objectNode();
    o.put("id", t.taskId());
    o.put("name", t.name() == null ? "" : t.name());
    o.put("framework_id", t.frameworkId());
    o.put("executor_id", executorId);
    o.put("slave_id", agentId);
    o.put("state", t.state());
    o.set("resources", summary(parse(t.resources())));
    o.put("role", t.role());
    ArrayNode statuses = o.putArray("statuses");
    for (JsonNode s : t.statuses()) statuses.add(status(s));
    JsonNode info = t.taskInfo();
    if (info.path("labels").has("labels")) o.set("labels", info.path("labels").path("labels").deepCopy());
    for (String field : List.of("discovery", "container", "health_check")) {
      if (info.hasNonNull(field)) o.set(field, info.get(field).deepCopy());
    }
    return o;
  }

  /** Mesos' TaskStatus in {@code /state}: {@code state, timestamp} and, when set, labels, container status, health. */
  private static ObjectNode status(JsonNode s) {
    ObjectNode o = F.objectNode();
    o.put("state", s.path("state").asText(""));
    o.put("timestamp", s.path("timestamp").asDouble(0));
    if (s.path("labels").has("labels")) o.set("labels", s.path("labels").path("labels").deepCopy());
    if (s.hasNonNull("container_status")) o.set("container_status", s.get("container_status").deepCopy());
    if (s.hasNonNull("healthy")) o.put("healthy", s.get("healthy").asBoolean());
    return o;
  }

  private static String commandExecutorName(AgentTasksView.Task t) {
    JsonNode command = t.taskInfo().path("command");
    String value = command.path("value").asText("");
    boolean shell = command.path("shell").asBoolean(true);
    return "Command Executor (Task: " + t.taskId() + ") (Command: " + (shell ? "sh -c '" + value + "'" : value)
        + ")";
  }

  /** The engine's resource text; unparsable text (an engine bug) shows as no resources rather than failing. */
  private static Resources parse(String text) {
    try {
      return ResourcesParser.parseResources(text);
    } catch (ResourcesFormatException e) {
      LoggerFactory.getLogger(AgentStateJson.class).warn("task resources '{}' do not parse: {}", text,
          e.getMessage());
      return Resources.EMPTY;
    }
  }
}
