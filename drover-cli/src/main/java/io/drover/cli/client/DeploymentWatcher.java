package io.drover.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Follows deployments through {@code GET /v2/deployments} until they are gone, showing per step the healthy/target
 * instances of each app in it, then checks that the apps ended where the deployment meant them to be: a deployment
 * that was rolled back or cancelled also disappears from the list.
 */
final class DeploymentWatcher {
  static final long POLL_MS = 500;

  /**
   * What the apps must look like once the deployment is gone.
   *
   * @param present apps that must exist with every instance healthy (running when they have no health checks)
   * @param absent apps that must be gone
   * @param version the version the change gave the present apps; null when unknown
   */
  record Target(Set<String> present, Set<String> absent, String version) {
    static Target unknown() { return new Target(Set.of(), Set.of(), null); }
  }

  private final Api apps;
  private final PrintWriter out;
  private final Progress progress;
  private final Duration timeout;

  DeploymentWatcher(Api apps, PrintWriter out, boolean ansi, Duration timeout) {
    this.apps = apps;
    this.out = out;
    this.progress = new Progress(out, ansi);
    this.timeout = timeout;
  }

  /** Waits for the deployments {@code ids}; returns the exit code or throws {@link CliException}. */
  int await(Set<String> ids, Target target) throws InterruptedException {
    long startNs = System.nanoTime();
    Set<String> affected = new TreeSet<>(target.present());
    affected.addAll(target.absent());
    String name = ids.size() == 1 ? "deployment " + ids.iterator().next() : "deployments " + String.join(", ", ids);
    while (true) {
      List<JsonNode> running = new ArrayList<>();
      for (JsonNode d : ApiErrors.expectOk(apps, apps.get("/v2/deployments"), null)) {
        if (ids.contains(d.path("id").asText())) running.add(d);
      }
      if (running.isEmpty()) break;
      List<String> lines = new ArrayList<>();
      for (JsonNode d : running) {
        d.path("affectedApps").forEach(a -> affected.add(a.asText()));
        lines.addAll(describe(d));
      }
      progress.show(lines);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - startNs);
      if (elapsed.compareTo(timeout) >= 0) {
        String first = running.getFirst().path("id").asText();
        throw new CliException(name + " is still running after " + seconds(elapsed) + " (--timeout " + seconds(timeout)
            + "); it continues in the background. Follow it with: drover deployment watch " + first);
      }
      Thread.sleep(POLL_MS);
    }
    List<String> problems = new ArrayList<>();
    List<String> finalLines = new ArrayList<>();
    for (String app : affected) problems.addAll(check(app, ids, target, finalLines));
    if (!finalLines.isEmpty()) progress.show(finalLines);
    if (!problems.isEmpty()) {
      throw new CliException(name + " ended, but not as planned (rolled back, cancelled or superseded):\n  "
          + String.join("\n  ", problems));
    }
    out.println(name + " done in " + seconds(Duration.ofNanos(System.nanoTime() - startNs)));
    return ClientExit.OK;
  }

  /** The progress lines of one running deployment: its step, then per app of the step healthy/target. */
  private List<String> describe(JsonNode d) {
    List<String> lines = new ArrayList<>();
    lines.add("deployment " + d.path("id").asText() + "  step " + d.path("currentStep").asInt() + "/"
        + d.path("totalSteps").asInt());
    for (JsonNode action : d.path("currentActions")) {
      String id = action.path("app").asText();
      String kind = action.path("action").asText();
      Api.Response r = apps.get("/v2/apps" + id);
      String state;
      if (r.status() == 404) {
        state = "gone";
      } else {
        JsonNode app = ApiErrors.expectOk(apps, r, null).path("app");
        state = kind.equals("StopApplication")
            ? "stopping, " + app.path("tasksRunning").asInt() + " running"
            : counts(app);
      }
      lines.add("  " + id + "  " + state + "  (" + kind + ")");
    }
    return lines;
  }

  /** What is wrong with {@code id} now that the deployments are gone; adds its final progress line. */
  private List<String> check(String id, Set<String> ids, Target target, List<String> finalLines) {
    Api.Response r = apps.get("/v2/apps" + id);
    if (r.status() == 404) {
      finalLines.add("  " + id + "  gone");
      return target.present().contains(id) ? List.of(id + " does not exist any more") : List.of();
    }
    JsonNode app = ApiErrors.expectOk(apps, r, null).path("app");
    finalLines.add("  " + id + "  " + counts(app));
    if (target.absent().contains(id)) return List.of(id + " still exists (drover app show " + id + ")");
    for (JsonNode d : app.path("deployments")) {
      String other = d.path("id").asText();
      if (!ids.contains(other)) {
        return List.of(id + " is being changed by deployment " + other + " now (drover deployment watch " + other
            + ")");
      }
    }
    if (target.version() != null && target.present().contains(id)
        && !target.version().equals(app.path("version").asText())) {
      return List.of(id + " is at version " + app.path("version").asText() + ", not " + target.version()
          + " (drover app versions " + id + ")");
    }
    int instances = app.path("instances").asInt();
    int healthy = healthy(app);
    if (healthy < instances) {
      return List.of(id + " has " + healthy + "/" + instances + " " + (hasHealthChecks(app) ? "healthy" : "running")
          + " instances (drover app show " + id + ")");
    }
    return List.of();
  }

  /** "[#####.....] 2/4 healthy" (running, for apps without health checks). */
  static String counts(JsonNode app) {
    int target = app.path("instances").asInt();
    int healthy = healthy(app);
    return Progress.bar(healthy, target, 20) + " " + healthy + "/" + target + " "
        + (hasHealthChecks(app) ? "healthy" : "running");
  }

  static boolean hasHealthChecks(JsonNode app) { return !app.path("healthChecks").isEmpty(); }

  /** tasksHealthy when the app has health checks, else tasksRunning. */
  static int healthy(JsonNode app) {
    return app.path(hasHealthChecks(app) ? "tasksHealthy" : "tasksRunning").asInt();
  }

  static String seconds(Duration d) { return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0); }
}
