package io.drover.apps.api.v2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.apps.core.AppsCore;
import io.drover.apps.core.CoreViews;
import io.drover.apps.model.AppJson;
import io.drover.apps.model.TaskJson;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Marathon's AppInfo: the app definition plus what {@code embed} asks for. */
final class AppInfo {
  private AppInfo() {}

  /** The parts an AppInfo may embed. */
  enum Embed { COUNTS, DEPLOYMENTS, TASKS, READINESS, LAST_TASK_FAILURE, TASK_STATS }

  /**
   * The embeds named by {@code embed} parameters with the given prefix ({@code apps.} or {@code group.apps.});
   * {@code failures} is Marathon's alias of {@code lastTaskFailure}. Unknown values are ignored, as in Marathon.
   */
  static Set<Embed> parse(List<String> values, String prefix) {
    Set<Embed> out = EnumSet.noneOf(Embed.class);
    for (String v : values) {
      if (!v.startsWith(prefix)) continue;
      switch (v.substring(prefix.length())) {
        case "counts" -> out.add(Embed.COUNTS);
        case "deployments" -> out.add(Embed.DEPLOYMENTS);
        case "tasks" -> out.add(Embed.TASKS);
        case "readiness" -> out.add(Embed.READINESS);
        case "lastTaskFailure", "failures" -> out.add(Embed.LAST_TASK_FAILURE);
        case "taskStats" -> out.add(Embed.TASK_STATS);
        default -> { }
      }
    }
    return out;
  }

  static ObjectNode write(CoreViews.AppView v, Set<Embed> embed) {
    ObjectNode o = AppJson.toJson(v.app());
    if (embed.contains(Embed.COUNTS)) {
      o.put("tasksStaged", v.counts().tasksStaged());
      o.put("tasksRunning", v.counts().tasksRunning());
      o.put("tasksHealthy", v.counts().tasksHealthy());
      o.put("tasksUnhealthy", v.counts().tasksUnhealthy());
    }
    if (embed.contains(Embed.DEPLOYMENTS)) {
      ArrayNode ds = o.putArray("deployments");
      v.deploymentIds().forEach(id -> ds.addObject().put("id", id));
    }
    if (embed.contains(Embed.READINESS)) {
      // Marathon's AppInfo.readinessCheckResults: the app's results in running deployments (same shape as there).
      o.set("readinessCheckResults", Edge.JSON.valueToTree(v.readiness()));
    }
    if (embed.contains(Embed.TASKS)) {
      ArrayNode ts = o.putArray("tasks");
      v.instances().forEach(i -> ts.add(TaskJson.write(i)));
    }
    if (embed.contains(Embed.LAST_TASK_FAILURE)) v.lastTaskFailure().ifPresent(f -> o.set("lastTaskFailure", failure(f)));
    if (embed.contains(Embed.TASK_STATS)) o.set("tasksStats", taskStats(v));
    return o;
  }

  static ObjectNode failure(AppsCore.TaskFailure f) {
    return Edge.JSON.createObjectNode().put("appId", f.appId()).put("host", f.host()).put("message", f.message())
        .put("state", f.state()).put("taskId", f.taskId()).put("timestamp", f.timestamp()).put("version", f.version())
        .put("slaveId", f.slaveId());
  }

  /**
   * {@code tasksStats}: only {@code totalSummary}, counts without life times (Drover keeps no per-task life-time
   * statistics); empty when the app has no instances, as in Marathon.
   */
  private static ObjectNode taskStats(CoreViews.AppView v) {
    ObjectNode out = Edge.JSON.createObjectNode();
    if (v.instances().isEmpty()) return out;
    ObjectNode counts = out.putObject("totalSummary").putObject("stats").putObject("counts");
    counts.put("staged", v.counts().tasksStaged()).put("running", v.counts().tasksRunning())
        .put("healthy", v.counts().tasksHealthy()).put("unhealthy", v.counts().tasksUnhealthy());
    return out;
  }
}
