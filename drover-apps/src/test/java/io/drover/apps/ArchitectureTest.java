package io.drover.apps;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.drover.common.arch.PurityRules;

/**
 * The apps framework's decisions live in pure packages (DESIGN.md): app definitions, groups and validation
 * ({@code model}), the deployment planner and restart math ({@code deploy}), offer matching and the launch queue
 * ({@code placement}), building TaskInfos and mapping task status ({@code launch}), and the scheduler core that
 * ties them together ({@code core}). Time comes in as arguments or a Clock, ids from an injected Rng.
 */
@AnalyzeClasses(packages = "io.drover.apps", importOptions = ImportOption.DoNotIncludeTests.class)
final class ArchitectureTest {
  @ArchTest
  static final ArchRule pureCoresDoNoIo = PurityRules.pureCores(
      "io.drover.apps.model..", "io.drover.apps.deploy..", "io.drover.apps.placement..",
      "io.drover.apps.core..", "io.drover.apps.launch..");
}
