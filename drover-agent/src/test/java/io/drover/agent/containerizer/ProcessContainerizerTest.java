package io.drover.agent.containerizer;

import static io.drover.common.testing.Requirements.isRunning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.agent.containerizer.ContainerExit.Reason;
import io.drover.agent.containerizer.ContainerExit.Termination;
import io.drover.agent.containerizer.ProcessContainerizer.CgroupMode;
import io.drover.common.testing.Requirements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process containerizer without cgroups: exit codes, sandbox files, env, kill grace, process groups. */
final class ProcessContainerizerTest {
  @TempDir Path sandbox;
  private ProcessContainerizer containerizer;

  @BeforeEach
  void setUp() {
    containerizer = new ProcessContainerizer(CgroupMode.OFF, "drover-test");
  }

  @AfterEach
  void tearDown() {
    ContainerizerCleanup.killAll(containerizer);
    containerizer.close();
  }

  private ContainerExit run(String script) throws Exception {
    return containerizer.launch(shell("p-" + System.nanoTime(), script).build()).exit().get(10, TimeUnit.SECONDS);
  }

  private ContainerSpec.Builder shell(String id, String script) {
    return ContainerSpec.builder(id, sandbox, new Command.Shell(script));
  }

  @Test
  void exitCodesAndReasons() throws Exception {
    ContainerExit ok = run("true");
    assertThat(ok.termination()).isEqualTo(new Termination.Exited(0));
    assertThat(ok.reason()).isEmpty();
    assertThat(ok.succeeded()).isTrue();

    ContainerExit failed = run("exit 3");
    assertThat(failed.termination()).isEqualTo(new Termination.Exited(3));
    assertThat(failed.reason()).contains(Reason.REASON_COMMAND_EXECUTOR_FAILED);
    assertThat(failed.message()).isEqualTo("Command exited with status 3");
    assertThat(failed.succeeded()).isFalse();
    assertThat(failed.killed()).isFalse();
  }

  @Test
  void stdoutAndStderrGoToSandboxFilesAndCommandRunsInSandbox() throws Exception {
    ContainerExit exit = run("echo out; echo err >&2; pwd");
    assertThat(exit.succeeded()).isTrue();
    assertThat(Files.readString(sandbox.resolve("stdout"))).isEqualTo("out\n" + sandbox.toRealPath() + "\n");
    assertThat(Files.readString(sandbox.resolve("stderr"))).isEqualTo("err\n");
  }

  @Test
  void envIsSetAndArgvRunsWithoutShell() throws Exception {
    ContainerHandle h = containerizer.launch(
        shell("env", "echo \"$FOO|$MESOS_SANDBOX\"").env("FOO", "bar baz").build());
    assertThat(h.exit().get(10, TimeUnit.SECONDS).succeeded()).isTrue();
    ContainerHandle argv = containerizer.launch(ContainerSpec.builder("argv", sandbox,
        new Command.Argv(List.of("/bin/echo", "$FOO not expanded"))).env("FOO", "x").build());
    assertThat(argv.exit().get(10, TimeUnit.SECONDS).succeeded()).isTrue();
    assertThat(Files.readString(sandbox.resolve("stdout")))
        .isEqualTo("bar baz|" + sandbox + "\n$FOO not expanded\n");
  }

  @Test
  void killWithGraceLetsATermTrapFinish() throws Exception {
    ContainerHandle h = containerizer.launch(shell("trap",
        "trap 'echo bye > marker; exit 0' TERM; touch ready; while true; do sleep 1 & wait $!; done").build());
    assertThat(h.started().get(5, TimeUnit.SECONDS).pid()).isPresent();
    await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(sandbox.resolve("ready")));

    assertThat(containerizer.kill("trap", 10_000)).isTrue();
    ContainerExit exit = h.exit().get(5, TimeUnit.SECONDS); // well before the 10 s grace
    assertThat(Files.readString(sandbox.resolve("marker"))).isEqualTo("bye\n");
    assertThat(exit.killed()).isTrue();
    assertThat(exit.termination()).isEqualTo(new Termination.Exited(0));
    assertThat(exit.reason()).isEmpty();
    assertThat(containerizer.list()).doesNotContain("trap");
    assertThat(containerizer.kill("trap", 0)).isFalse();
  }

  @Test
  void processIgnoringTermIsKilledAfterTheGrace() throws Exception {
    ContainerHandle h = containerizer.launch(shell("stubborn",
        "trap '' TERM; touch ready; while true; do sleep 1; done").build());
    await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(sandbox.resolve("ready")));
    long t0 = System.nanoTime();
    containerizer.kill("stubborn", 500);
    ContainerExit exit = h.exit().get(10, TimeUnit.SECONDS);
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertThat(elapsedMs).isGreaterThanOrEqualTo(500);
    assertThat(exit.termination()).isEqualTo(new Termination.Signaled(9));
    assertThat(exit.killed()).isTrue();
    assertThat(exit.reason()).isEmpty();
  }

  @Test
  void killReachesTheWholeProcessGroup() throws Exception {
    ContainerHandle h = containerizer.launch(shell("group",
        "sleep 1000 & echo $! > child; sh -c 'sleep 1000' & echo $! > grandparent; wait").build());
    long pid = h.started().get(5, TimeUnit.SECONDS).pid().orElseThrow();
    await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(sandbox.resolve("grandparent"))
        && !Files.readString(sandbox.resolve("grandparent")).isBlank());
    long child = Long.parseLong(Files.readString(sandbox.resolve("child")).trim());
    long other = Long.parseLong(Files.readString(sandbox.resolve("grandparent")).trim());
    assertThat(Requirements.pgid(pid)).isEqualTo(pid);
    assertThat(Requirements.pgid(child)).isEqualTo(pid);
    assertThat(isRunning(child)).isTrue();

    containerizer.kill("group", 2000);
    ContainerExit exit = h.exit().get(10, TimeUnit.SECONDS);
    assertThat(exit.killed()).isTrue();
    await().atMost(Duration.ofSeconds(5)).until(() -> !isRunning(child) && !isRunning(other));
  }

  @Test
  void leftoverBackgroundProcessesDieWithTheCommand() throws Exception {
    ContainerExit exit = run("sleep 1000 & echo $! > child; exit 0");
    assertThat(exit.succeeded()).isTrue();
    long child = Long.parseLong(Files.readString(sandbox.resolve("child")).trim());
    await().atMost(Duration.ofSeconds(5)).until(() -> !isRunning(child));
  }

  @Test
  void launchFailuresEndWithAMessage() throws Exception {
    ContainerHandle h = containerizer.launch(
        ContainerSpec.builder("nosandbox", sandbox.resolve("missing"), new Command.Shell("true")).build());
    ContainerExit exit = h.exit().get(5, TimeUnit.SECONDS);
    assertThat(exit.termination()).isEqualTo(new Termination.NotStarted());
    assertThat(exit.reason()).contains(Reason.REASON_CONTAINER_LAUNCH_FAILED);
    assertThat(exit.message()).contains("is not a directory");
    assertThat(h.started()).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
        .havingCause().isInstanceOf(ContainerLaunchException.class).withMessage(exit.message());

    ContainerExit docker = containerizer.launch(shell("dock", "true").docker(DockerSpec.of("busybox")).build())
        .exit().get(5, TimeUnit.SECONDS);
    assertThat(docker.reason()).contains(Reason.REASON_TASK_INVALID);
  }

  @Test
  void runsAsAnotherUserWhenRoot() throws Exception {
    Requirements.require(Cgroups.isRoot(), "running as another user needs root");
    Files.setPosixFilePermissions(sandbox, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    ContainerExit exit = containerizer.launch(shell("nobody", "id -un").user("nobody").build())
        .exit().get(10, TimeUnit.SECONDS);
    assertThat(exit.succeeded()).as(exit.message()).isTrue();
    assertThat(Files.readString(sandbox.resolve("stdout"))).isEqualTo("nobody\n");
  }
}
