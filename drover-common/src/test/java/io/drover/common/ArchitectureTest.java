package io.drover.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.drover.common.arch.PurityRules;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * drover-common's time, random, resources, recordio and mesos packages are what pure cores are built on, so they obey the
 * rule themselves, with exactly two edge classes exempt:
 * <ul>
 *   <li>{@code time.SystemClock}: reads System.currentTimeMillis/nanoTime; it is what {@code Clock.system()} hands
 *       to drivers. Cores never see it (the rule forbids them to call {@code Clock.system()}).
 *   <li>{@code random.SystemEntropy}: seeds {@code Rng.fromEntropy()} from the machine. Split out of {@code Rng} so
 *       the exemption covers one tiny class instead of the whole interface.
 * </ul>
 */
@AnalyzeClasses(packages = "io.drover.common", importOptions = ImportOption.DoNotIncludeTests.class)
final class ArchitectureTest {
  static final Set<String> EDGES = Set.of("io.drover.common.time.SystemClock", "io.drover.common.random.SystemEntropy");
  static final String[] PURE = {
      "io.drover.common.time..", "io.drover.common.random..", "io.drover.common.resources..",
      "io.drover.common.recordio..", "io.drover.common.mesos.."};

  @ArchTest
  static final ArchRule timeAndRandomArePureExceptTheirEdges = PurityRules.pureCoresExcept(EDGES, PURE);

  /** Guards the exemption list: each exempt class really is impure, so dropping it from the list would fail. */
  @Test
  void theExemptEdgesAreTheOnlyImpureClassesThere() {
    JavaClasses main = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
        .importPackages("io.drover.common");

    var details = PurityRules.pureCores(PURE).evaluate(main).getFailureReport().getDetails();

    assertThat(details).isNotEmpty().allMatch(d -> EDGES.stream().anyMatch(d::contains));
    assertThat(EDGES).allMatch(edge -> details.stream().anyMatch(d -> d.contains(edge)));
  }
}
