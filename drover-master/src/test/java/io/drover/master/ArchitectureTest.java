package io.drover.master;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.drover.common.arch.PurityRules;

/**
 * The master's decisions live in pure packages (DESIGN.md): the allocator takes time as {@code nowMs} arguments and
 * randomness as an injected Rng; the cluster core likewise, with ids from an injected IdGenerator; the v1 API types
 * are pure values (the master's id comes in, it is never generated here), and so are the agent protocol codec and
 * the operator API views (time comes in as {@code nowMs}). No exemptions.
 */
@AnalyzeClasses(packages = "io.drover.master", importOptions = ImportOption.DoNotIncludeTests.class)
final class ArchitectureTest {
  @ArchTest
  static final ArchRule pureCoresDoNoIo = PurityRules.pureCores(
      "io.drover.master.allocator..", "io.drover.master.cluster..", "io.drover.master.api.v1..",
      "io.drover.master.api.agent..", "io.drover.master.api.operator..");
}
