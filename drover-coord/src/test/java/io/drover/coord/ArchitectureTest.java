package io.drover.coord;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.drover.common.arch.PurityRules;

/**
 * coord's decisions live in four pure packages (DESIGN.md): the jute codec, the data tree, the session table and
 * the Zab peer. They do no I/O and read no clock or entropy; {@code storage} and {@code server} are the edges.
 * No exemptions: anything that must touch the machine belongs in an edge package.
 */
@AnalyzeClasses(packages = "io.drover.coord", importOptions = ImportOption.DoNotIncludeTests.class)
final class ArchitectureTest {
  @ArchTest
  static final ArchRule pureCoresDoNoIo = PurityRules.pureCores(
      "io.drover.coord.wire..", "io.drover.coord.tree..", "io.drover.coord.session..", "io.drover.coord.core..");
}
