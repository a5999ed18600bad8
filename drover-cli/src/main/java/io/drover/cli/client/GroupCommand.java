package io.drover.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code drover group ...}: groups of apps (with dependencies) through the Marathon REST API v2. */
@Command(name = "group", scope = ScopeType.INHERIT,
    exitCodeOnInvalidInput = ClientExit.USAGE, exitCodeListHeading = ClientExit.LIST_HEADING,
    exitCodeList = {ClientExit.LIST_0, ClientExit.LIST_1, ClientExit.LIST_64},
    description = "Deploy, inspect and remove groups of apps.",
    subcommands = {GroupCommand.Add.class, GroupCommand.GroupList.class, GroupCommand.Show.class,
        GroupCommand.Remove.class})
public final class GroupCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

  @Command(name = "add", description = {"Create or update a group from a JSON group definition (PUT /v2/groups/ID: "
      + "running it again with the same file changes nothing) and wait for the deployment.",
      "FILE is a JSON file with an \"id\", or - for stdin."})
  static final class Add extends DeployingCommand {
    @Parameters(index = "0", paramLabel = "FILE") String file;

    @Override int execute() throws InterruptedException {
      JsonNode group = Definitions.readObject(file, "a group definition", System.in);
      if (!group.path("id").isTextual() || group.path("id").asText().isBlank()) {
        throw new CliException((file.equals("-") ? "stdin" : file) + " has no \"id\": a group definition needs one, "
            + "e.g. {\"id\": \"/shop\", \"apps\": [...]}");
      }
      String path = Api.idPath(group.path("id").asText());
      Api api = apps();
      Api.Response r = api.send("PUT", "/v2/groups" + path + force("?"), group.toString());
      ApiErrors.expectOk(api, r, null);
      if (!options.json) out.println("deploying group " + path);
      return follow(r, Set.of(), Set.of());
    }
  }

  @Command(name = "list", description = "List the groups with how many apps and groups each holds.")
  static final class GroupList extends ClientCommand {
    @Override int execute() {
      Api api = apps();
      JsonNode root = ApiErrors.expectOk(api, api.get("/v2/groups"), null);
      if (options.json) {
        printJson(root);
        return ClientExit.OK;
      }
      Table t = new Table("ID", "APPS", "GROUPS", "VERSION");
      addRows(t, root);
      if (t.size() == 0) {
        out.println("no groups (deploy one with: drover group add FILE)");
      } else {
        t.print(out);
      }
      return ClientExit.OK;
    }

    private static void addRows(Table t, JsonNode group) {
      if (!group.path("id").asText().equals("/")) {
        t.row(group.path("id").asText(), allApps(group).size(), group.path("groups").size(),
            group.path("version").asText());
      }
      for (JsonNode g : group.path("groups")) addRows(t, g);
    }
  }

  @Command(name = "show", description = "Show a group as a tree of its groups and apps, with instance counts.")
  static final class Show extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID") String id;

    @Override int execute() {
      String path = Api.idPath(id);
      Api api = apps();
      JsonNode group = ApiErrors.expectOk(api, api.get("/v2/groups" + path
          + "?embed=group.groups&embed=group.apps&embed=group.apps.counts"), notFoundGroup(path));
      if (options.json) {
        printJson(group);
        return ClientExit.OK;
      }
      out.println(group.path("id").asText() + dependencies(group));
      tree(out, group, "");
      return ClientExit.OK;
    }

    private static void tree(PrintWriter out, JsonNode group, String indent) {
      int total = group.path("groups").size() + group.path("apps").size();
      int i = 0;
      for (JsonNode g : group.path("groups")) {
        boolean last = ++i == total;
        out.println(indent + (last ? "└── " : "├── ") + g.path("id").asText() + "/" + dependencies(g));
        tree(out, g, indent + (last ? "    " : "│   "));
      }
      for (JsonNode a : group.path("apps")) {
        boolean last = ++i == total;
        out.println(indent + (last ? "└── " : "├── ") + a.path("id").asText() + "  " + a.path("tasksRunning").asInt()
            + "/" + a.path("instances").asInt() + " running"
            + (DeploymentWatcher.hasHealthChecks(a) ? ", " + a.path("tasksHealthy").asInt() + " healthy" : "")
            + dependencies(a));
      }
    }

    private static String dependencies(JsonNode node) {
      return node.path("dependencies").isEmpty() ? "" : "  (after " + Format.join(node.path("dependencies")) + ")";
    }
  }

  @Command(name = "remove", description = "Remove a group with all its apps and groups; wait until they are gone.")
  static final class Remove extends DeployingCommand {
    @Parameters(index = "0", paramLabel = "ID") String id;

    @Override int execute() throws InterruptedException {
      String path = Api.idPath(id);
      Api api = apps();
      JsonNode group = ApiErrors.expectOk(api, api.get("/v2/groups" + path), notFoundGroup(path));
      Api.Response r = api.send("DELETE", "/v2/groups" + path + force("?"), null);
      ApiErrors.expectOk(api, r, notFoundGroup(path));
      if (!options.json) out.println("removing group " + path);
      return follow(r, Set.of(), allApps(group));
    }
  }

  /** The ids of every app in {@code group} and its nested groups. */
  static Set<String> allApps(JsonNode group) {
    Set<String> ids = new LinkedHashSet<>();
    group.path("apps").forEach(a -> ids.add(a.path("id").asText()));
    group.path("groups").forEach(g -> ids.addAll(allApps(g)));
    return ids;
  }
}
