package io.drover.agent.resources;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.drover.common.arch.PurityRules;
import java.util.Set;

/**
 * Resource detection and the agent protocol are pure; {@link MachineProbe} is the one edge class (it reads /proc,
 * /sys and the work dir's filesystem) and sits beside the decision it feeds, so it is exempted by name.
 */
@AnalyzeClasses(packages = "io.drover.agent", importOptions = ImportOption.DoNotIncludeTests.class)
final class AgentPurityTest {
  @ArchTest
  static final ArchRule resourcesAndProtocolArePure = PurityRules.pureCoresExcept(
      Set.of(MachineProbe.class.getName()), "io.drover.agent.resources", "io.drover.agent.protocol");
}
