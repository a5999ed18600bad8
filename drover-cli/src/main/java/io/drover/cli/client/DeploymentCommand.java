package io.drover.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.cli.Flags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code drover deployment ...}: running deployments. */
@Command(name = "deployment", scope = ScopeType.INHERIT,
    exitCodeOnInvalidInput = ClientExit.USAGE, exitCodeListHeading = ClientExit.LIST_HEADING,
    exitCodeList = {ClientExit.LIST_0, ClientExit.LIST_1, ClientExit.LIST_64},
    description = "List, follow and roll back running deployments.",
    subcommands = {DeploymentCommand.DeploymentList.class, DeploymentCommand.Watch.class,
        DeploymentCommand.Rollback.class})
public final class DeploymentCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

  @Command(name = "list", description = "List the running deployments: apps, current step, current actions.")
  static final class DeploymentList extends ClientCommand {
    @Override int execute() {
      Api api = apps();
      JsonNode deployments = ApiErrors.expectOk(api, api.get("/v2/deployments"), null);
      if (options.json) {
        printJson(deployments);
        return ClientExit.OK;
      }
      if (deployments.isEmpty()) {
        out.println("no deployments running");
        return ClientExit.OK;
      }
      Table t = new Table("ID", "APPS", "STEP", "ACTIONS");
      for (JsonNode d : deployments) {
        List<String> actions = new ArrayList<>();
        d.path("currentActions").forEach(a -> actions.add(a.path("action").asText() + " " + a.path("app").asText()));
        t.row(d.path("id").asText(), Format.join(d.path("affectedApps")),
            d.path("currentStep").asInt() + "/" + d.path("totalSteps").asInt(),
            actions.isEmpty() ? "-" : String.join(", ", actions));
      }
      t.print(out);
      return ClientExit.OK;
    }
  }

  @Command(name = "watch", description = {"Follow a deployment (or, without ID, every running one) until it ends, "
      + "showing each step's apps with healthy/target instances.",
      "Exits 1 if it ends with an app not at its target (rolled back or cancelled)."})
  static final class Watch extends ClientCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ID") String id;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m",
        description = "How long to watch, e.g. 90s or 1h. Default: ${DEFAULT-VALUE}")
    String timeout;

    @Override int execute() throws InterruptedException {
      Duration limit;
      try {
        limit = Flags.duration("--timeout", timeout);
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage(), ClientExit.USAGE);
      }
      Api api = apps();
      Set<String> ids = new LinkedHashSet<>();
      for (JsonNode d : ApiErrors.expectOk(api, api.get("/v2/deployments"), null)) {
        if (id == null || id.equals(d.path("id").asText())) ids.add(d.path("id").asText());
      }
      if (ids.isEmpty()) {
        out.println(id == null ? "no deployments running"
            : "deployment " + id + " is not running (it has finished, or there is no such deployment)");
        return ClientExit.OK;
      }
      return new DeploymentWatcher(api, out, Terminal.isInteractive(), limit).await(ids,
          DeploymentWatcher.Target.unknown());
    }
  }

  @Command(name = "rollback", description = {"Cancel a running deployment and revert what it changed, as a new "
      + "deployment (DELETE /v2/deployments/ID), and wait for that one.",
      "With --force: only stop it where it is, without reverting anything."})
  static final class Rollback extends DeployingCommand {
    @Parameters(index = "0", paramLabel = "ID") String id;

    @Override int execute() throws InterruptedException {
      Api api = apps();
      Api.Response r = api.send("DELETE", "/v2/deployments/" + Api.query(id) + force("?"), null);
      ApiErrors.expectOk(api, r, "no deployment " + id + " is running (drover deployment list shows the running ones)");
      if (r.status() == 202 || r.body().isBlank()) {
        if (options.json) {
          printJson(Api.JSON.createObjectNode().put("stopped", id));
        } else {
          out.println("deployment " + id + " stopped where it was (nothing reverted)");
        }
        return ClientExit.OK;
      }
      if (!options.json) out.println("rolling back deployment " + id);
      return follow(r, Set.of(), Set.of());
    }
  }
}
