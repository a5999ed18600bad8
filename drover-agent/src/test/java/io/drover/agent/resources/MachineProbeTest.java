package io.drover.agent.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineProbeTest {
  @TempDir Path tmp;

  @Test
  void probesTheRealMachineWithinSaneBounds() {
    MachineFacts facts = new MachineProbe().probe(tmp.resolve("work/not/yet/created"));
    assertThat(facts.cpus()).isBetween(1, 4096).isGreaterThanOrEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(facts.memTotalMb()).isBetween(64L, 64L * 1024 * 1024);
    assertThat(facts.memTotalMb() * 1024 * 1024).isGreaterThanOrEqualTo(Runtime.getRuntime().maxMemory() / 4);
    assertThat(facts.diskTotalMb()).isPositive();
    assertThat(ResourceDetection.detect(facts, "").names()).containsExactly("cpus", "disk", "mem", "ports");
  }

  @Test
  void readsFixtureFiles() throws IOException {
    Path online = Files.writeString(tmp.resolve("online"), "0-3,8,10-11\n");
    Path meminfo = Files.writeString(tmp.resolve("meminfo"), "MemTotal:        8167728 kB\nMemFree: 1 kB\n");
    MachineProbe probe = new MachineProbe(online, meminfo);
    assertThat(probe.cpus()).isEqualTo(7);
    assertThat(probe.memTotalMb()).isEqualTo(8167728 / 1024);
  }

  @Test
  void unreadableFilesGiveUnknownMemoryAndTheJvmCpuCount() {
    MachineProbe probe = new MachineProbe(tmp.resolve("missing1"), tmp.resolve("missing2"));
    assertThat(probe.cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(probe.memTotalMb()).isEqualTo(MachineFacts.UNKNOWN);
  }

  @Test
  void cpuListParsing() {
    assertThat(MachineProbe.parseCpuList("0")).isEqualTo(1);
    assertThat(MachineProbe.parseCpuList("0-1")).isEqualTo(2);
    assertThat(MachineProbe.parseCpuList("")).isZero();
  }
}
