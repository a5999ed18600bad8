package io.drover.agent.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.agent.containerizer.ProcessContainerizer.CgroupMode;
import io.drover.agent.containerizer.ProcessContainerizer;
import io.drover.common.testing.Requirements;
import io.drover.master.api.agent.AgentCall;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task over its memory limit ends TASK_FAILED with REASON_CONTAINER_LIMITATION_MEMORY (root and cgroups only). */
final class TaskEngineCgroupTest {
  @TempDir Path workDir;
  private EngineHarness h;

  @BeforeEach
  void setUp() throws Exception {
    boolean root = Files.readAllLines(Path.of("/proc/self/status")).stream()
        .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[2].equals("0"));
    Requirements.require(root, "the cgroup memory test needs root");
    ProcessContainerizer probe = new ProcessContainerizer(CgroupMode.AUTO, "drover-test");
    boolean cgroups = probe.usesCgroups();
    probe.close();
    Requirements.require(cgroups, "no usable cgroup v1 or v2 cpu and memory controllers");
    h = new EngineHarness(workDir, false, CgroupMode.AUTO);
    h.engine.registered("agent-S1");
  }

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void memoryHogFailsWithMemoryLimitation() {
    h.launch("fw", EngineHarness.framework("fw", false), "{\"name\":\"hog\",\"task_id\":{\"value\":\"hog\"},"
        + "\"resources\":[{\"name\":\"mem\",\"type\":\"SCALAR\",\"scalar\":{\"value\":32}}],"
        + "\"command\":{\"value\":\"tail /dev/zero\"}}");
    h.ackUntil("hog", 3);
    AgentCall.Update last = h.updatesOf("hog").get(2);
    assertThat(last.state()).isEqualTo("TASK_FAILED");
    assertThat(last.reason()).contains("REASON_CONTAINER_LIMITATION_MEMORY");
    assertThat(last.source()).isEqualTo("SOURCE_AGENT");
  }
}
