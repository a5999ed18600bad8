package io.drover.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The readable form of {@code GET /v2/apps/{id}}: what runs, how many, where, and the last failure. */
final class AppSummary {
  private AppSummary() {}

  static void print(PrintWriter out, JsonNode app) {
    Table t = new Table("", "");
    t.row("app", app.path("id").asText());
    t.row("version", app.path("version").asText());
    JsonNode docker = app.path("container").path("docker");
    if (docker.hasNonNull("image")) t.row("image", docker.path("image").asText());
    if (app.hasNonNull("cmd")) t.row("cmd", app.path("cmd").asText());
    if (app.path("args").isArray() && !app.path("args").isEmpty()) t.row("args", Format.join(app.path("args")));
    t.row("resources", "cpus " + Format.number(app.path("cpus")) + ", mem " + Format.number(app.path("mem"))
        + " MB, disk " + Format.number(app.path("disk")) + " MB");
    t.row("instances", app.path("instances").asInt() + " target: " + app.path("tasksRunning").asInt() + " running, "
        + app.path("tasksStaged").asInt() + " staged, " + app.path("tasksHealthy").asInt() + " healthy, "
        + app.path("tasksUnhealthy").asInt() + " unhealthy");
    String ports = ports(app);
    if (!ports.isEmpty()) t.row("ports", ports);
    JsonNode hc = app.path("healthChecks").path(0);
    if (!hc.isMissingNode()) {
      t.row("health check", hc.path("protocol").asText("HTTP") + (hc.hasNonNull("path") ? " " + hc.path("path").asText() : "")
          + (hc.hasNonNull("command") ? " " + hc.path("command").path("value").asText() : "")
          + ", every " + hc.path("intervalSeconds").asInt(60) + " s");
    }
    if (!app.path("constraints").isEmpty()) {
      List<String> cs = new ArrayList<>();
      app.path("constraints").forEach(c -> cs.add(Format.join(c).replace(",", ":")));
      t.row("constraints", String.join(" ", cs));
    }
    if (!app.path("dependencies").isEmpty()) t.row("dependencies", Format.join(app.path("dependencies")));
    List<String> deployments = new ArrayList<>();
    app.path("deployments").forEach(d -> deployments.add(d.path("id").asText()));
    t.row("deployments", deployments.isEmpty() ? "none" : String.join(", ", deployments));
    JsonNode failure = app.path("lastTaskFailure");
    if (!failure.isMissingNode() && !failure.isNull()) {
      t.row("last failure", failure.path("state").asText() + " of " + failure.path("taskId").asText() + " on "
          + failure.path("host").asText() + " at " + failure.path("timestamp").asText() + ": "
          + failure.path("message").asText());
    }
    printWithoutHeader(out, t);
    out.println();
    if (app.path("tasks").isEmpty()) {
      out.println("no tasks");
    } else {
      Format.tasks(app.path("tasks"), false).print(out);
    }
  }

  private static String ports(JsonNode app) {
    List<String> ports = new ArrayList<>();
    JsonNode mappings = app.path("container").path("portMappings");
    if (!mappings.isEmpty()) {
      for (JsonNode m : mappings) {
        ports.add(m.path("containerPort").asInt() + "->" + m.path("hostPort").asInt()
            + (m.hasNonNull("name") ? " (" + m.path("name").asText() + ")" : ""));
      }
    } else {
      for (JsonNode p : app.path("portDefinitions")) {
        ports.add(p.path("port").asInt() + (p.hasNonNull("name") ? " (" + p.path("name").asText() + ")" : ""));
      }
    }
    return String.join(", ", ports);
  }

  /** A two-column key/value table without its (blank) header line. */
  private static void printWithoutHeader(PrintWriter out, Table t) {
    java.io.StringWriter buffer = new java.io.StringWriter();
    t.print(new PrintWriter(buffer));
    buffer.toString().lines().skip(1).forEach(out::println);
  }
}
