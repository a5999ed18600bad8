package io.drover.agent;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.drover.agent.resources.MachineProbe;
import io.drover.common.arch.PurityRules;
import java.util.Set;

/**
 * The agent's decisions live in pure packages (DESIGN.md): the status update streams, the health check state
 * machine and resource detection. Their edges sit in sub-packages, deliberately outside these
 * exact-package patterns: {@code status.store} (fsynced files) and {@code health.probe} (HTTP/TCP/command probes and
 * the runner's thread). {@link MachineProbe} (it reads /proc, /sys and the work dir's filesystem) sits beside the
 * decision it feeds, so it is exempted by name.
 */
@AnalyzeClasses(packages = "io.drover.agent", importOptions = ImportOption.DoNotIncludeTests.class)
final class ArchitectureTest {
  @ArchTest
  static final ArchRule pureCoresDoNoIo = PurityRules.pureCoresExcept(Set.of(MachineProbe.class.getName()),
      "io.drover.agent.status", "io.drover.agent.health", "io.drover.agent.resources",
      "io.drover.agent.launch", "io.drover.agent.recovery");
}
