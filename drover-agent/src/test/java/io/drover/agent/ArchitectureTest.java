package io.drover.agent;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.drover.common.arch.PurityRules;

/**
 * The agent's decisions live in pure packages (DESIGN.md): the status update streams and the health check state
 * machine. Their edges sit in sub-packages, deliberately outside these exact-package patterns: {@code status.store}
 * (fsynced files) and {@code health.probe} (HTTP/TCP/command probes and the runner's thread).
 */
@AnalyzeClasses(packages = "io.drover.agent", importOptions = ImportOption.DoNotIncludeTests.class)
final class ArchitectureTest {
  @ArchTest
  static final ArchRule pureCoresDoNoIo = PurityRules.pureCores("io.drover.agent.status", "io.drover.agent.health");
}
