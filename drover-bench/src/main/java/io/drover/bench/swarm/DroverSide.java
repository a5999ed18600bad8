package io.drover.bench.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Drover started as a user starts it: {@code java -jar drover.jar up} in its own process, with a fresh data
 * directory and free loopback ports, driven through its Marathon API with the JDK's HTTP client. Its containers are
 * found by the agent's owner label ({@code io.drover.agent=<agent work dir>}).
 */
final class DroverSide implements Orchestrator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration REMOVE_TIMEOUT = Duration.ofSeconds(180);
  private static final String OWNER_LABEL = "io.drover.agent";

  private final Workload workload;
  private final PrintStream log;
  private final Process process;
  private final Path dir;
  private final Path upLog;
  private final String base;
  private final String owner;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  private DroverSide(Workload workload, PrintStream log, Process process, Path dir, int appsPort) {
    this.workload = workload;
    this.log = log;
    this.process = process;
    this.dir = dir;
    this.upLog = dir.resolve("drover-up.log");
    this.base = "http://127.0.0.1:" + appsPort;
    this.owner = dir.resolve("data").resolve("agent").toAbsolutePath().normalize().toString();
  }

  /** The command line of {@code drover up} (pure, for the report and a unit test). */
  static List<String> upCommand(String java, List<String> jvmOptions, Path jar, Path dataDir, int coordPort,
      int masterPort, int agentPort, int appsPort, String agentResources) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-jar", jar.toString(), "up", "--data-dir", dataDir.toString(),
        "--coord-port", Integer.toString(coordPort), "--metrics-port", "0",
        "--master-port", Integer.toString(masterPort), "--agent-port", Integer.toString(agentPort),
        "--apps-port", Integer.toString(appsPort), "--agent-resources", agentResources));
    return cmd;
  }

  /** How to start {@code drover up}; the bench starts a fresh one after a figure Drover did not finish. */
  record Launcher(Workload workload, Path jar, List<String> jvmOptions, String agentResources, PrintStream log) {
    DroverSide start() throws IOException, InterruptedException {
      return DroverSide.start(workload, jar, jvmOptions, agentResources, log);
    }
  }

  /** Starts {@code drover up} and waits until its Marathon API answers {@code GET /v2/apps} with 200. */
  static DroverSide start(Workload workload, Path jar, List<String> jvmOptions, String agentResources, PrintStream log)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException("the fat jar is missing at " + jar + "; build it with ./drover build (run-swarm-bench does)");
    }
    Path dir = Files.createTempDirectory("drover-swarm-bench");
    int appsPort = freePort();
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = upCommand(java, jvmOptions, jar.toAbsolutePath(), dir.resolve("data"), freePort(), freePort(),
        freePort(), appsPort, agentResources);
    log.println("drover: " + String.join(" ", cmd));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("drover-up.log").toFile())).start();
    DroverSide side = new DroverSide(workload, log, p, dir, appsPort);
    try {
      Poll.until("drover up serves its Marathon API (log " + side.upLog + ")", READY_TIMEOUT, () -> {
        if (!p.isAlive()) throw new IOException("drover up exited with " + p.exitValue() + ": " + side.logTail());
        try {
          return side.send("GET", "/v2/apps", null).statusCode() == 200; // 503 until apps has subscribed
        } catch (IOException e) {
          return false; // not listening yet
        }
      });
    } catch (IOException | InterruptedException e) {
      side.stopProcess();
      throw e;
    }
    return side;
  }

  @Override public String name() { return "Drover"; }

  Path upLog() { return upLog; }

  /** The app definition of workload {@code id} (pure, for a unit test). */
  static ObjectNode appJson(Workload w, String id, int instances) {
    ObjectNode app = JSON.createObjectNode();
    app.put("id", "/" + id).put("instances", instances).put("cpus", w.cpus()).put("mem", w.memMb())
        .put("cmd", w.command()).put("backoffSeconds", w.restartDelayS())
        .put("taskKillGracePeriodSeconds", w.stopGraceS());
    app.putArray("portDefinitions"); // no host port: Swarm's service publishes none either
    app.putObject("container").put("type", "DOCKER").putObject("docker").put("image", w.image());
    app.putObject("upgradeStrategy").put("minimumHealthCapacity", 1.0)
        .put("maximumOverCapacity", w.maximumOverCapacity(instances));
    return app;
  }

  @Override public void create(String id, int instances) throws IOException, InterruptedException {
    call("POST", "/v2/apps", JSON.writeValueAsString(appJson(workload, id, instances)), 201);
  }

  @Override public void scale(String id, int instances) throws IOException, InterruptedException {
    call("PUT", "/v2/apps/" + id, "{\"instances\":" + instances + "}", 200);
  }

  @Override public void restart(String id) throws IOException, InterruptedException {
    call("POST", "/v2/apps/" + id + "/restart", null, 200);
  }

  @Override public Observation observe(String id) throws IOException, InterruptedException {
    Set<String> running = new HashSet<>();
    for (JsonNode t : tasks(id)) if (t.path("state").asText().equals("TASK_RUNNING")) running.add(t.path("id").asText());
    return new Observation(running, containers(false));
  }

  /** The app's tasks as {@code GET /v2/apps/{id}/tasks} lists them. */
  List<JsonNode> tasks(String id) throws IOException, InterruptedException {
    List<JsonNode> out = new ArrayList<>();
    call("GET", "/v2/apps/" + id + "/tasks", null, 200).path("tasks").forEach(out::add);
    return out;
  }

  /** When each running task of {@code id} was staged and started, as epoch ms (from its stagedAt / startedAt). */
  List<LaunchTimeline.Task> taskTimes(String id) throws IOException, InterruptedException {
    List<LaunchTimeline.Task> out = new ArrayList<>();
    for (JsonNode t : tasks(id)) {
      if (!t.hasNonNull("startedAt")) continue;
      out.add(new LaunchTimeline.Task(epochMs(t.path("stagedAt").asText()), epochMs(t.path("startedAt").asText())));
    }
    return out;
  }

  private static long epochMs(String iso) {
    return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
  }

  private List<String> containers(boolean all) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("ps", "-q", "--no-trunc", "--filter", "label=" + OWNER_LABEL + "=" + owner));
    if (all) args.add("-a");
    return Cli.lines(Cli.docker(args.toArray(String[]::new)));
  }

  @Override public void remove(String id) throws IOException, InterruptedException {
    call("DELETE", "/v2/apps/" + id + "?force=true", null, 200);
    Poll.until("Drover removes app " + id + " and its containers", REMOVE_TIMEOUT,
        () -> send("GET", "/v2/apps/" + id, null).statusCode() == 404 && containers(true).isEmpty());
  }

  /**
   * Deletes the apps left, stops {@code drover up} (SIGTERM, as Ctrl-C), removes any container of its agent still
   * there, and deletes the data directory; the directory and its log are kept when something failed.
   */
  @Override public void close() throws IOException, InterruptedException {
    IOException failure = null;
    try {
      if (process.isAlive()) {
        for (JsonNode app : call("GET", "/v2/apps", null, 200).path("apps")) {
          remove(app.path("id").asText().substring(1));
        }
      }
    } catch (IOException e) {
      failure = e;
    }
    stopProcess();
    try {
      List<String> left = containers(true);
      if (!left.isEmpty()) {
        log.println("drover: removing " + left.size() + " containers left by the agent");
        List<String> rm = new ArrayList<>(List.of("rm", "-f"));
        rm.addAll(left);
        Cli.docker(rm.toArray(String[]::new));
      }
    } catch (IOException e) {
      if (failure == null) failure = e; else failure.addSuppressed(e);
    }
    if (failure != null) {
      log.println("drover: kept " + dir + " (log drover-up.log) after a failure");
      throw failure;
    }
    try (var files = Files.walk(dir)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
    }
  }

  /**
   * After a figure Drover did not finish: stops {@code drover up} without waiting for its apps, force-removes its
   * agent's containers, and keeps only its log (printed).
   */
  void discard() throws IOException, InterruptedException {
    stopProcess(10); // it may hang on a wedged agent: no need to wait long, its containers are removed below
    List<String> left = containers(true);
    if (!left.isEmpty()) {
      List<String> rm = new ArrayList<>(List.of("rm", "-f"));
      rm.addAll(left);
      Cli.docker(rm.toArray(String[]::new));
    }
    try (var files = Files.walk(dir.resolve("data"))) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
    }
    log.println("drover: discarded this drover up (" + left.size() + " containers force-removed); its log is " + upLog);
  }

  private void stopProcess() throws InterruptedException {
    stopProcess(60);
  }

  private void stopProcess(int graceS) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(graceS, TimeUnit.SECONDS)) {
      log.println("drover: drover up did not stop within " + graceS + " s of SIGTERM; killing it");
      process.destroyForcibly();
      process.waitFor();
    }
  }

  private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode call(String method, String path, String body, int status) throws IOException, InterruptedException {
    HttpResponse<String> r = send(method, path, body);
    if (r.statusCode() != status) {
      throw new IOException(method + " " + base + path + " answered " + r.statusCode() + ", not " + status + ": "
          + r.body());
    }
    return r.body().isEmpty() ? JSON.missingNode() : JSON.readTree(r.body());
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(upLog, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
