package io.drover.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.agent.containerizer.DockerContainerizer;
import io.drover.common.testing.Requirements;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quickstart, run as written: every line of its marked code block, in order, in a shell whose
 * {@code ./drover} is the fat jar and whose {@code examples/} and {@code scripts/} are the repository's, against a
 * {@code drover up} that {@code DROVER_APPS}/{@code DROVER_MASTER} point at. Each line must exit 0; at the end no
 * app, container or task process is left.
 */
final class QuickstartIT {
  static final String MARKER = "<!-- quickstart:";

  @TempDir Path dir;

  @Test void theReadmeQuickstartWorksAsWritten() throws Exception {
    Optional<String> noDocker = DockerContainerizer.unavailableReason(DockerContainerizer.DEFAULT_HOST);
    Requirements.require(noDocker.isEmpty(), noDocker.orElse(""));
    Requirements.require(TaskProcesses.busybox().isPresent(), "busybox-static is not installed");
    Path repo = repoRoot();
    List<String> lines = quickstart(Files.readString(repo.resolve("README.md"), StandardCharsets.UTF_8));
    assertThat(lines).as("the quickstart block").hasSizeGreaterThan(5).anyMatch(l -> l.startsWith("./drover app add"));

    Path work = dir.resolve("work");
    Files.createDirectories(work);
    Files.createSymbolicLink(work.resolve("examples"), repo.resolve("examples"));
    Files.createSymbolicLink(work.resolve("scripts"), repo.resolve("scripts"));
    String javaBin = ProcessHandle.current().info().command().orElse("java");
    Path launcher = work.resolve("drover");
    Files.writeString(launcher, "#!/bin/sh\nexec '" + javaBin + "' -jar '" + RoleProcess.droverJar() + "' \"$@\"\n");
    launcher.toFile().setExecutable(true);

    int appsPort = RoleProcess.freePort();
    int masterPort = RoleProcess.freePort();
    Path data = dir.resolve("drover-data");
    Path agentDir = data.resolve("agent");
    String apps = "http://127.0.0.1:" + appsPort;
    try (RoleProcess up = RoleProcess.start("drover up", dir.resolve("up.log"),
        () -> Cluster.status(URI.create(apps + "/v2/apps")) == 200,
        "up", "--data-dir", data.toString(), "--coord-port", String.valueOf(RoleProcess.freePort()),
        "--metrics-port", "0", "--master-port", String.valueOf(masterPort),
        "--agent-port", String.valueOf(RoleProcess.freePort()), "--apps-port", String.valueOf(appsPort))) {
      for (String line : lines) {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", line).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("DROVER_APPS", apps);
        pb.environment().put("DROVER_MASTER", "http://127.0.0.1:" + masterPort);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("%s finishes", line).isTrue();
        Files.write(dir.resolve("quickstart.log"), ("$ " + line + "\n" + new String(out, StandardCharsets.UTF_8)
            + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
        assertThat(p.exitValue()).as("`%s` exits 0; it printed:%n%s", line, new String(out, StandardCharsets.UTF_8))
            .isZero();
      }
      AppsApi api = new AppsApi(apps);
      assertThat(api.get("/v2/apps").path("apps")).as("the quickstart removes what it added").isEmpty();
      assertThat(up.isAlive()).isTrue();
    } finally {
      for (long pid : TaskProcesses.inSandboxesUnder(agentDir)) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
      for (String c : containers(agentDir)) {
        new ProcessBuilder("docker", "rm", "-f", c).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
      }
    }
  }

  /** The lines of the first {@code sh} code block after the quickstart marker (blank lines and comments skipped). */
  static List<String> quickstart(String readme) {
    int marker = readme.indexOf(MARKER);
    if (marker < 0) throw new IllegalStateException("README has no quickstart marker " + MARKER);
    int start = readme.indexOf("```sh\n", marker);
    int end = readme.indexOf("```", start + 6);
    List<String> out = new ArrayList<>();
    for (String l : readme.substring(start + 6, end).split("\n")) {
      String t = l.strip();
      if (!t.isEmpty() && !t.startsWith("#")) out.add(t);
    }
    return out;
  }

  private static Path repoRoot() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("README.md")) && Files.isDirectory(d.resolve("examples"))) return d;
    }
    throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
  }

  private static List<String> containers(Path agentDir) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("docker", "ps", "-a", "--filter", "label=" + DockerContainerizer.LABEL_OWNER + "="
        + agentDir.toAbsolutePath().normalize(), "--format", "{{.Names}}").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    p.waitFor();
    return out.isEmpty() ? List.of() : out.lines().toList();
  }
}
