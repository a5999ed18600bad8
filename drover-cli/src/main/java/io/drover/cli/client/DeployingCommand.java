package io.drover.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;
import picocli.CommandLine.Mixin;

/** A command that starts a deployment and, unless {@code --no-wait}, follows it to its end. */
abstract class DeployingCommand extends ClientCommand {
  @Mixin WaitOptions wait;

  /** {@code ?force=true} when {@code --force} was given, else empty; {@code sep} is "?" or "&". */
  String force(String sep) { return wait.force ? sep + "force=true" : ""; }

  @Override void validate() { timeout(); }

  Duration timeout() {
    try {
      return wait.timeout();
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), ClientExit.USAGE);
    }
  }

  /**
   * Reports the deployment an accepted change started and follows it: with {@code --json} the API's answer goes to
   * stdout and the progress to stderr.
   *
   * @param answer the API's answer (2xx) carrying the deployment id
   * @param present apps that must exist and be at their target afterwards
   * @param absent apps that must be gone afterwards
   */
  int follow(Api.Response answer, Set<String> present, Set<String> absent) throws InterruptedException {
    Duration timeout = timeout();
    JsonNode body = answer.json();
    String id = answer.deploymentId().orElseGet(() -> body.path("deploymentId").asText(
        body.path("deployments").path(0).path("id").asText("")));
    if (options.json) printJson(body);
    if (id.isEmpty()) {
      if (!options.json) out.println("done (no deployment needed)");
      return ClientExit.OK;
    }
    String version = body.path("version").asText("");
    if (wait.noWait) {
      if (!options.json) {
        out.println("deployment " + id + " started; follow it with: drover deployment watch " + id);
      }
      return ClientExit.OK;
    }
    DeploymentWatcher watcher = new DeploymentWatcher(apps(), options.json ? err : out, !options.json
        && Terminal.isInteractive(), timeout);
    return watcher.await(Set.of(id), new DeploymentWatcher.Target(present, absent,
        version.isEmpty() ? null : version));
  }
}
