package io.drover.agent.containerizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.agent.containerizer.ContainerExit.Reason;
import io.drover.agent.containerizer.ProcessContainerizer.CgroupMode;
import io.drover.common.testing.Requirements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process containerizer with real cgroups (root only): limits written, OOM reported, cgroups removed. */
final class ProcessContainerizerCgroupTest {
  private static final String PARENT = "drover-test";
  @TempDir Path sandbox;
  private ProcessContainerizer containerizer;

  @BeforeEach
  void setUp() throws Exception {
    Requirements.require(Cgroups.isRoot(), "cgroup tests need root");
    containerizer = new ProcessContainerizer(CgroupMode.AUTO, PARENT);
    Requirements.require(containerizer.usesCgroups(), "no usable cgroup v1 or v2 cpu and memory controllers");
  }

  @AfterEach
  void tearDown() {
    if (containerizer != null) {
      ContainerizerCleanup.killAll(containerizer);
      containerizer.close();
    }
  }

  /** Removes the test's parent cgroup(s); they are empty once every task cgroup is gone. */
  @AfterAll
  static void removeParent() throws Exception {
    Optional<Cgroups> cg = Cgroups.isRoot() ? Cgroups.detect(PARENT) : Optional.empty();
    if (cg.isPresent()) {
      switch (cg.get().layout()) {
        case Cgroups.Layout.V1 v1 -> {
          Files.delete(v1.cpuParent());
          Files.delete(v1.memoryParent());
        }
        case Cgroups.Layout.V2 v2 -> Files.delete(v2.parent());
      }
    }
  }

  @Test
  void limitsAreWrittenAndTheCgroupIsRemovedAfterwards() throws Exception {
    ContainerHandle h = containerizer.launch(ContainerSpec.builder("limits", sandbox,
        new Command.Shell("touch ready; while true; do sleep 1 & wait $!; done")).cpuMillis(500).memMb(64).build());
    long pid = h.started().get(5, TimeUnit.SECONDS).pid().orElseThrow();
    await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(sandbox.resolve("ready")));
    Path[] dirs;
    switch (containerizer.cgroupLayout().orElseThrow()) {
      case Cgroups.Layout.V1 v1 -> {
        Path cpu = v1.cpuParent().resolve("limits");
        Path mem = v1.memoryParent().resolve("limits");
        assertThat(Files.readString(cpu.resolve("cpu.shares")).trim()).isEqualTo("512");
        assertThat(Files.readString(cpu.resolve("cpu.cfs_quota_us")).trim()).isEqualTo("50000");
        assertThat(Files.readString(cpu.resolve("cpu.cfs_period_us")).trim()).isEqualTo("100000");
        assertThat(Files.readString(mem.resolve("memory.limit_in_bytes")).trim())
            .isEqualTo(Long.toString(64L << 20));
        assertThat(Files.readAllLines(cpu.resolve("cgroup.procs"))).contains(Long.toString(pid));
        assertThat(Files.readAllLines(mem.resolve("cgroup.procs"))).contains(Long.toString(pid));
        dirs = new Path[] {cpu, mem};
      }
      case Cgroups.Layout.V2 v2 -> {
        Path dir = v2.parent().resolve("limits");
        assertThat(Files.readString(dir.resolve("cpu.max")).trim()).isEqualTo("50000 100000");
        assertThat(Files.readString(dir.resolve("memory.max")).trim()).isEqualTo(Long.toString(64L << 20));
        assertThat(Files.readAllLines(dir.resolve("cgroup.procs"))).contains(Long.toString(pid));
        dirs = new Path[] {dir};
      }
    }
    containerizer.kill("limits", 1000);
    ContainerExit exit = h.exit().get(10, TimeUnit.SECONDS);
    assertThat(exit.killed()).isTrue();
    assertThat(exit.reason()).isEmpty();
    for (Path d : dirs) {
      assertThat(d).doesNotExist();
    }
  }

  @Test
  void exceedingTheMemoryLimitEndsWithTheMemoryReason() throws Exception {
    // tail buffers an endless line: it grows until the cgroup's OOM killer stops it.
    ContainerHandle h = containerizer.launch(ContainerSpec.builder("oom", sandbox,
        new Command.Shell("tail /dev/zero")).memMb(32).build());
    ContainerExit exit = h.exit().get(30, TimeUnit.SECONDS);
    assertThat(exit.reason()).contains(Reason.REASON_CONTAINER_LIMITATION_MEMORY);
    assertThat(exit.message()).startsWith("Memory limit exceeded");
    assertThat(exit.killed()).isFalse();
    assertThat(exit.succeeded()).isFalse();
    switch (containerizer.cgroupLayout().orElseThrow()) {
      case Cgroups.Layout.V1 v1 -> assertThat(v1.memoryParent().resolve("oom")).doesNotExist();
      case Cgroups.Layout.V2 v2 -> assertThat(v2.parent().resolve("oom")).doesNotExist();
    }
  }

  @Test
  void withinTheLimitAnExitIsNotAMemoryFailure() throws Exception {
    ContainerExit exit = containerizer.launch(ContainerSpec.builder("fits", sandbox,
        new Command.Shell("head -c 1000000 /dev/zero | wc -c; exit 4")).memMb(64).cpuMillis(100).build())
        .exit().get(10, TimeUnit.SECONDS);
    assertThat(exit.reason()).contains(Reason.REASON_COMMAND_EXECUTOR_FAILED);
    assertThat(Files.readString(sandbox.resolve("stdout")).trim()).isEqualTo("1000000");
  }
}
