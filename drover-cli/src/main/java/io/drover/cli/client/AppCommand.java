package io.drover.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code drover app ...}: apps through the Marathon REST API v2. */
@Command(name = "app", scope = ScopeType.INHERIT,
    exitCodeOnInvalidInput = ClientExit.USAGE, exitCodeListHeading = ClientExit.LIST_HEADING,
    exitCodeList = {ClientExit.LIST_0, ClientExit.LIST_1, ClientExit.LIST_64},
    description = "Add, inspect, change and remove apps (long-running services) through the apps API.",
    subcommands = {AppCommand.Add.class, AppCommand.AppList.class, AppCommand.Show.class, AppCommand.Update.class,
        AppCommand.Scale.class, AppCommand.Restart.class, AppCommand.Remove.class, AppCommand.Tasks.class,
        AppCommand.Versions.class})
public final class AppCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

  @Command(name = "add", description = {"Create an app from a JSON app definition (POST /v2/apps) and wait until "
      + "its instances run (healthy, when it has health checks).", "FILE is a JSON file, or - for stdin."})
  static final class Add extends DeployingCommand {
    @Parameters(index = "0", paramLabel = "FILE") String file;

    @Override int execute() throws InterruptedException {
      JsonNode app = Definitions.readObject(file, "an app definition", System.in);
      Api api = apps();
      Api.Response r = api.send("POST", "/v2/apps" + force("?"), app.toString());
      JsonNode body = ApiErrors.expectOk(api, r, null);
      String id = body.path("id").asText(Api.idPath(app.path("id").asText("/")));
      if (!options.json) out.println("added " + id);
      return follow(r, Set.of(id), Set.of());
    }
  }

  @Command(name = "list", description = "List the apps: instances running/target, healthy, resources, deployments.")
  static final class AppList extends ClientCommand {
    @Override int execute() {
      Api api = apps();
      JsonNode body = ApiErrors.expectOk(api, api.get("/v2/apps?embed=apps.counts&embed=apps.deployments"), null);
      if (options.json) {
        printJson(body);
        return ClientExit.OK;
      }
      if (body.path("apps").isEmpty()) {
        out.println("no apps (add one with: drover app add FILE)");
        return ClientExit.OK;
      }
      Table t = new Table("ID", "INSTANCES", "HEALTHY", "CPUS", "MEM", "DEPLOYMENTS", "VERSION");
      for (JsonNode a : body.path("apps")) {
        t.row(a.path("id").asText(), a.path("tasksRunning").asInt() + "/" + a.path("instances").asInt(),
            DeploymentWatcher.hasHealthChecks(a) ? a.path("tasksHealthy").asText() : "-",
            Format.number(a.path("cpus")), Format.number(a.path("mem")), a.path("deployments").size(),
            a.path("version").asText());
      }
      t.print(out);
      return ClientExit.OK;
    }
  }

  @Command(name = "show", description = "Show an app: definition essentials, instance counts, tasks, last failure.")
  static final class Show extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID") String id;

    @Override int execute() {
      String path = Api.idPath(id);
      Api api = apps();
      JsonNode body = ApiErrors.expectOk(api, api.get("/v2/apps" + path), notFoundApp(path));
      if (options.json) {
        printJson(body);
      } else {
        AppSummary.print(out, body.path("app"));
      }
      return ClientExit.OK;
    }
  }

  @Command(name = "update", description = {"Change an app (PUT /v2/apps/ID): the fields in FILE replace the app's, "
      + "the others stay (partial update), and wait for the deployment.", "FILE is a JSON file, or - for stdin."})
  static final class Update extends DeployingCommand {
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Parameters(index = "1", paramLabel = "FILE") String file;

    @Override int execute() throws InterruptedException {
      String path = Api.idPath(id);
      ObjectNode change = (ObjectNode) Definitions.readObject(file, "the fields to change", System.in);
      change.remove("id");
      Api api = apps();
      Api.Response r = api.send("PUT", "/v2/apps" + path + "?partialUpdate=true" + force("&"), change.toString());
      ApiErrors.expectOk(api, r, notFoundApp(path));
      if (!options.json) out.println("updating " + path);
      return follow(r, Set.of(path), Set.of());
    }
  }

  @Command(name = "scale", description = "Set the number of instances of an app and wait until they run.")
  static final class Scale extends DeployingCommand {
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Parameters(index = "1", paramLabel = "N", description = "Instances, 0 or more.") int instances;

    @Override int execute() throws InterruptedException {
      if (instances < 0) throw new CliException("N must be 0 or more, got " + instances, ClientExit.USAGE);
      String path = Api.idPath(id);
      Api api = apps();
      // Existence first: PUT would create an app that does not exist.
      ApiErrors.expectOk(api, api.get("/v2/apps" + path), notFoundApp(path));
      Api.Response r = api.send("PUT", "/v2/apps" + path + force("?"), "{\"instances\":" + instances + "}");
      ApiErrors.expectOk(api, r, notFoundApp(path));
      if (!options.json) out.println("scaling " + path + " to " + instances);
      return follow(r, Set.of(path), Set.of());
    }
  }

  @Command(name = "restart", description = "Restart every instance of an app (rolling, by its upgradeStrategy).")
  static final class Restart extends DeployingCommand {
    @Parameters(index = "0", paramLabel = "ID") String id;

    @Override int execute() throws InterruptedException {
      String path = Api.idPath(id);
      Api api = apps();
      Api.Response r = api.send("POST", "/v2/apps" + path + "/restart" + force("?"), null);
      ApiErrors.expectOk(api, r, notFoundApp(path));
      if (!options.json) out.println("restarting " + path);
      return follow(r, Set.of(path), Set.of());
    }
  }

  @Command(name = "remove", description = "Remove an app and kill its tasks; wait until they are gone.")
  static final class Remove extends DeployingCommand {
    @Parameters(index = "0", paramLabel = "ID") String id;

    @Override int execute() throws InterruptedException {
      String path = Api.idPath(id);
      Api api = apps();
      Api.Response r = api.send("DELETE", "/v2/apps" + path + force("?"), null);
      ApiErrors.expectOk(api, r, notFoundApp(path));
      if (!options.json) out.println("removing " + path);
      return follow(r, Set.of(), Set.of(path));
    }
  }

  @Command(name = "tasks", description = "List an app's tasks: host, ports, state, health, version.")
  static final class Tasks extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID") String id;

    @Override int execute() {
      String path = Api.idPath(id);
      Api api = apps();
      JsonNode body = ApiErrors.expectOk(api, api.get("/v2/apps" + path + "/tasks"), notFoundApp(path));
      if (options.json) {
        printJson(body);
      } else if (body.path("tasks").isEmpty()) {
        out.println("no tasks");
      } else {
        Format.tasks(body.path("tasks"), false).print(out);
      }
      return ClientExit.OK;
    }
  }

  @Command(name = "versions", description = "List the stored versions of an app, newest first.")
  static final class Versions extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID") String id;

    @Override int execute() {
      String path = Api.idPath(id);
      Api api = apps();
      JsonNode body = ApiErrors.expectOk(api, api.get("/v2/apps" + path + "/versions"), notFoundApp(path));
      if (options.json) {
        printJson(body);
      } else {
        body.path("versions").forEach(v -> out.println(v.asText()));
      }
      return ClientExit.OK;
    }
  }
}
