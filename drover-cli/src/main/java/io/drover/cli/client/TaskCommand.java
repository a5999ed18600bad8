package io.drover.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code drover task ...}: the tasks of apps, and their logs from the agents' sandboxes. */
@Command(name = "task", scope = ScopeType.INHERIT,
    exitCodeOnInvalidInput = ClientExit.USAGE, exitCodeListHeading = ClientExit.LIST_HEADING,
    exitCodeList = {ClientExit.LIST_0, ClientExit.LIST_1, ClientExit.LIST_64},
    description = "List and kill tasks, and read their stdout/stderr.",
    subcommands = {TaskCommand.TaskList.class, TaskCommand.Kill.class, TaskLogs.class})
public final class TaskCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

  @Command(name = "list", description = "List every task, or the tasks of one app.")
  static final class TaskList extends ClientCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "APP_ID") String appId;

    @Override int execute() {
      Api api = apps();
      JsonNode body = appId == null ? ApiErrors.expectOk(api, api.get("/v2/tasks"), null)
          : ApiErrors.expectOk(api, api.get("/v2/apps" + Api.idPath(appId) + "/tasks"),
              notFoundApp(Api.idPath(appId)));
      if (options.json) {
        printJson(body);
      } else if (body.path("tasks").isEmpty()) {
        out.println("no tasks");
      } else {
        Format.tasks(body.path("tasks"), appId == null).print(out);
      }
      return ClientExit.OK;
    }
  }

  @Command(name = "kill", description = {"Kill tasks (POST /v2/tasks/delete). Their apps replace them, unless "
      + "--scale: then the apps are scaled down by the tasks killed, and the deployment is waited for."})
  static final class Kill extends DeployingCommand {
    @Parameters(index = "0", arity = "1..*", paramLabel = "TASK_ID") List<String> taskIds;

    @Option(names = "--scale", description = "Lower the apps' instances instead of replacing the tasks.")
    boolean scale;

    @Override int execute() throws InterruptedException {
      ObjectNode body = Api.JSON.createObjectNode();
      taskIds.forEach(body.putArray("ids")::add);
      String query = (scale ? "?scale=true" : "") + force(scale ? "&" : "?");
      Api api = apps();
      Api.Response r = api.send("POST", "/v2/tasks/delete" + query, body.toString());
      JsonNode answer = ApiErrors.expectOk(api, r, null);
      if (scale) {
        if (!options.json) out.println("killing " + String.join(", ", taskIds) + " and scaling down");
        return follow(r, Set.of(), Set.of());
      }
      if (options.json) printJson(answer);
      if (answer.path("tasks").isEmpty()) {
        throw new CliException("no task killed: none of " + String.join(", ", taskIds)
            + " is a task of an app (drover task list shows them)");
      }
      if (!options.json) {
        answer.path("tasks").forEach(t -> out.println("killed " + t.path("id").asText() + " of "
            + t.path("appId").asText() + " (it will be replaced)"));
      }
      return ClientExit.OK;
    }
  }
}
