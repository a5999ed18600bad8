package io.drover.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * coord, masters and agents as separate OS processes from the fat jar, on loopback ports, with everything under
 * one directory. Closing kills every process it started (agents' tasks are the tests' to clean up).
 */
final class Cluster implements AutoCloseable {
  static final String AGENT_RESOURCES = "cpus:4;mem:2048;disk:2000;ports:[31000-31099]";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  private final Path dir;
  private final List<AutoCloseable> started = new ArrayList<>();
  private CoordProcess coord;

  Cluster(Path dir) { this.dir = dir; }

  /** A running master: its process and HTTP port. */
  record Master(RoleProcess process, int port) {
    String url() { return "http://127.0.0.1:" + port; }
  }

  /** A running agent: its process, HTTP port and work directory (kept across restarts). */
  record Agent(RoleProcess process, int port, Path workDir) {
    String url() { return "http://127.0.0.1:" + port; }
  }

  /** A running {@code drover apps}: its process and HTTP port. */
  record Apps(RoleProcess process, int port) {
    String url() { return "http://127.0.0.1:" + port; }

    /** {@code host:port} as {@code GET /v2/leader} names it. */
    String hostPort() { return "127.0.0.1:" + port; }
  }

  void startCoord() throws IOException {
    coord = CoordProcess.start(dir.resolve("coord"), RoleProcess.freePort());
    started.add(coord);
  }

  String zk() { return "zk://" + coord.connectString() + "/drover/master"; }

  Master startMaster(String... extraArgs) throws IOException {
    int port = RoleProcess.freePort();
    List<String> args = new ArrayList<>(List.of("master", "--zk", zk(), "--port", String.valueOf(port),
        "--hostname", "127.0.0.1", "--ip", "127.0.0.1"));
    args.addAll(List.of(extraArgs));
    RoleProcess p = RoleProcess.start("master on " + port, dir.resolve("master-" + port + ".log"),
        () -> status(URI.create("http://127.0.0.1:" + port + "/master/health")) > 0, args.toArray(String[]::new));
    started.add(p);
    return new Master(p, port);
  }

  /** Starts (or restarts, on the same work dir and port) an agent following the masters through coord. */
  Agent startAgent(Path workDir, int port, String containerizers, String... extraArgs) throws IOException {
    Files.createDirectories(workDir);
    List<String> args = new ArrayList<>(List.of("agent", "--master", zk(), "--work-dir", workDir.toString(),
        "--port", String.valueOf(port), "--hostname", "127.0.0.1", "--resources", AGENT_RESOURCES,
        "--containerizers", containerizers));
    args.addAll(List.of(extraArgs));
    RoleProcess p = RoleProcess.start("agent on " + port, dir.resolve("agent-" + port + ".log"),
        () -> status(URI.create("http://127.0.0.1:" + port + "/health")) == 200, args.toArray(String[]::new));
    started.add(p);
    return new Agent(p, port, workDir);
  }

  /**
   * Starts a {@code drover apps} instance with state under {@code /drover/apps} in coord, following the masters
   * through coord; ready once {@code /v2/apps} answers 200 (the leader has subscribed, or a standby proxies to it).
   */
  Apps startApps(String... extraArgs) throws IOException {
    int port = RoleProcess.freePort();
    List<String> args = new ArrayList<>(List.of("apps", "--zk", "zk://" + coord.connectString() + "/drover/apps",
        "--master", zk(), "--port", String.valueOf(port), "--hostname", "127.0.0.1", "--http-address", "127.0.0.1"));
    args.addAll(List.of(extraArgs));
    RoleProcess p = RoleProcess.start("apps on " + port, dir.resolve("apps-" + port + ".log"),
        () -> status(URI.create("http://127.0.0.1:" + port + "/v2/apps")) == 200, args.toArray(String[]::new));
    started.add(p);
    return new Apps(p, port);
  }

  /** The port of the leading master, as any master's {@code /master/redirect} names it. */
  Optional<Integer> leaderPort(Master any) {
    try {
      HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(any.url() + "/master/redirect")).GET()
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() != 307) return Optional.empty();
      String location = r.headers().firstValue("Location").orElse("");
      return Optional.of(Integer.parseInt(location.substring(location.lastIndexOf(':') + 1).replaceAll("/.*", "")));
    } catch (IOException | InterruptedException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The HTTP status of a GET, or 0 when nothing answers. */
  static int status(URI uri) {
    try {
      return HTTP.send(HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** The body of a GET that must answer 200. */
  static String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().timeout(Duration.ofSeconds(5))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new IOException("GET " + url + " answered " + r.statusCode() + ": " + r.body());
    return r.body();
  }

  /**
   * Kills what the agents left running: processes whose working directory (their sandbox) lies under this
   * cluster's directory, and {@code drover-*} containers mounting a sandbox from it. Tasks outlive agents by design.
   */
  private void killLeftoverTasks() throws IOException, InterruptedException {
    Path root = dir.toRealPath();
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          if (Files.readSymbolicLink(proc.resolve("cwd")).startsWith(root)) {
            ProcessHandle.of(Long.parseLong(proc.getFileName().toString())).ifPresent(ProcessHandle::destroyForcibly);
          }
        } catch (IOException | UnsupportedOperationException e) {
          // gone meanwhile, or not ours to read
        }
      }
    }
    String script = "command -v docker >/dev/null || exit 0; for c in $(docker ps -aq --filter name=drover- 2>/dev/null);"
        + " do docker inspect -f '{{range .Mounts}}{{.Source}} {{end}}' $c | grep -q '" + root + "' && docker rm -f $c;"
        + " done; exit 0";
    new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
  }

  /** Copies the roles' logs to {@code target/it-logs/<dir>/} for post-mortems (the test's directory is deleted). */
  private void keepLogs() throws IOException {
    Path target = Path.of("target", "it-logs", dir.getFileName().toString());
    Files.createDirectories(target);
    try (var logs = Files.list(dir)) {
      for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
        Files.copy(log, target.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  @Override public void close() throws Exception {
    Exception first = null;
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        if (first == null) first = e; else first.addSuppressed(e);
      }
    }
    try {
      killLeftoverTasks();
      keepLogs();
    } catch (IOException e) {
      if (first == null) first = e; else first.addSuppressed(e);
    }
    if (first != null) throw first;
  }
}
