package io.drover.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drover task logs TASK_ID [-f] [--stderr]}: a task's stdout (or stderr) from its sandbox on the agent. The
 * task's agent comes from the apps API ({@code slaveId}; the master's task list for a task apps forgot), the agent's
 * address from the master's {@code /master/state}, the sandbox from the agent's {@code /state} ({@code directory} of
 * the executor running the task: Drover runs each task in a command executor whose id is the task id), and the bytes
 * from the agent's {@code /files/read} (Mesos semantics: {@code offset=-1} answers the size).
 */
@Command(name = "logs", description = {"Print a task's stdout (or --stderr) from its sandbox on the agent.",
    "With -f: keep printing what it writes until the task ends or Ctrl-C."})
final class TaskLogs extends ClientCommand {
  static final long POLL_MS = 500;
  /** The agent serves at most 16 pages per read. */
  private static final int CHUNK_BYTES = 16 * 4096;

  @Parameters(index = "0", paramLabel = "TASK_ID|APP_ID",
      description = "A task id, or an app id: then the app's oldest task.") String taskId;

  @Option(names = {"-f", "--follow"}, description = "Keep printing new output until the task ends (or Ctrl-C).")
  boolean follow;

  @Option(names = "--stderr", description = "Read stderr instead of stdout.")
  boolean stderr;

  @Override int execute() throws InterruptedException {
    Optional<JsonNode> listed = appsTask(taskId);
    if (listed.isPresent()) taskId = listed.get().path("id").asText();
    String agentId = listed.isPresent() ? listed.get().path("slaveId").asText() : masterAgentOf(taskId);
    Api agent = agentApi(agentId);
    String directory = directory(agent, taskId);
    if (directory == null) {
      throw new CliException("agent " + agentId + " (" + agent.baseUrl() + ") has no sandbox for task " + taskId
          + " any more (it may have been garbage collected)");
    }
    String file = directory + (stderr ? "/stderr" : "/stdout");
    long offset = 0;
    while (true) {
      offset = copy(agent, file, offset);
      if (!follow) return ClientExit.OK;
      if (ended(agent, taskId)) {
        copy(agent, file, offset);
        return ClientExit.OK;
      }
      Thread.sleep(POLL_MS);
    }
  }

  /** Prints the bytes of {@code file} from {@code offset} to its current end; returns the new offset. */
  private long copy(Api agent, String file, long offset) {
    long size = read(agent, file, -1, -1).path("offset").asLong();
    long at = offset;
    while (at < size) {
      int length = (int) Math.min(CHUNK_BYTES, size - at);
      JsonNode chunk = read(agent, file, at, length);
      out.print(chunk.path("data").asText());
      at += length; // the file only grows, so the agent returned exactly these bytes
    }
    out.flush();
    return at;
  }

  private JsonNode read(Api agent, String file, long offset, long length) {
    Api.Response r = agent.get("/files/read?path=" + Api.query(file) + "&offset=" + offset + "&length=" + length);
    return ApiErrors.expectOk(agent, r, "no file " + file + " on " + agent.what() + " (the sandbox may have been "
        + "garbage collected)");
  }

  /**
   * The task as the apps API lists it: the task {@code id}, or, when {@code id} names an app, the app's oldest task
   * (announced on stderr), so that {@code drover task logs hello} works without looking the id up first. Empty for a
   * task apps no longer lists.
   */
  private Optional<JsonNode> appsTask(String id) {
    Api apps = apps();
    String appId = Api.idPath(id);
    JsonNode oldest = null;
    for (JsonNode t : ApiErrors.expectOk(apps, apps.get("/v2/tasks"), null).path("tasks")) {
      if (t.path("id").asText().equals(id)) return Optional.of(t);
      if (t.path("appId").asText().equals(appId)
          && (oldest == null || t.path("stagedAt").asText("").compareTo(oldest.path("stagedAt").asText("")) < 0)) {
        oldest = t;
      }
    }
    if (oldest != null) err.println("task " + oldest.path("id").asText() + " of app " + appId);
    return Optional.ofNullable(oldest);
  }

  /** The agent id of a task apps no longer lists, from the master's task list. */
  private String masterAgentOf(String id) {
    Api master = master();
    JsonNode tasks = ApiErrors.expectOk(master, master.send("POST", "/api/v1", "{\"type\":\"GET_TASKS\"}"), null)
        .path("get_tasks");
    for (String list : new String[] {"tasks", "completed_tasks", "unreachable_tasks"}) {
      for (JsonNode t : tasks.path(list)) {
        if (t.path("task_id").path("value").asText().equals(id)) return t.path("agent_id").path("value").asText();
      }
    }
    throw new CliException("no task " + id + " (drover task list shows the tasks)");
  }

  /** The agent's HTTP API, from the master's {@code /master/state}. */
  private Api agentApi(String agentId) {
    Api master = master();
    JsonNode state = ApiErrors.expectOk(master, master.get("/master/state"), null);
    for (JsonNode s : state.path("slaves")) {
      if (!s.path("id").asText().equals(agentId)) continue;
      String pid = s.path("pid").asText("");
      int at = pid.indexOf('@');
      String hostPort = at >= 0 ? pid.substring(at + 1) : s.path("hostname").asText() + ":" + s.path("port").asInt(5051);
      return new Api("http://" + hostPort, "the agent at " + hostPort, null);
    }
    throw new CliException("the master at " + master.baseUrl() + " does not know agent " + agentId
        + " (it may have been removed; drover cluster lists the agents)");
  }

  /** The sandbox of the executor that runs (or ran) the task, or null. */
  private static String directory(Api agent, String id) {
    JsonNode executor = executor(ApiErrors.expectOk(agent, agent.get("/state"), null), id);
    return executor == null ? null : executor.path("directory").asText(null);
  }

  /** True when the task is no longer live on the agent (its executor is among the completed ones, or gone). */
  private static boolean ended(Api agent, String id) {
    JsonNode state = ApiErrors.expectOk(agent, agent.get("/state"), null);
    for (JsonNode f : state.path("frameworks")) {
      for (JsonNode e : f.path("executors")) {
        if (runs(e, id)) return false;
      }
    }
    return true;
  }

  private static JsonNode executor(JsonNode state, String id) {
    for (String frameworks : new String[] {"frameworks", "completed_frameworks"}) {
      for (JsonNode f : state.path(frameworks)) {
        for (String executors : new String[] {"executors", "completed_executors"}) {
          for (JsonNode e : f.path(executors)) {
            if (runs(e, id)) return e;
          }
        }
      }
    }
    return null;
  }

  private static boolean runs(JsonNode executor, String id) {
    if (executor.path("id").asText().equals(id)) return true;
    for (String tasks : new String[] {"tasks", "completed_tasks", "queued_tasks"}) {
      for (JsonNode t : executor.path(tasks)) {
        if (t.path("id").asText().equals(id)) return true;
      }
    }
    return false;
  }
}
