package io.drover.common.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.drover.common.arch.impure_fixture.CallsInstantNow;
import io.drover.common.arch.impure_fixture.CallsLocalDateTimeNow;
import io.drover.common.arch.impure_fixture.CallsRngFromEntropy;
import io.drover.common.arch.impure_fixture.CallsSystemClock;
import io.drover.common.arch.impure_fixture.OpensSocket;
import io.drover.common.arch.impure_fixture.PrintsToConsole;
import io.drover.common.arch.impure_fixture.ReadsClockInLambda;
import io.drover.common.arch.impure_fixture.ReadsFiles;
import io.drover.common.arch.impure_fixture.ReadsWallClock;
import io.drover.common.arch.impure_fixture.RefersToNanoTime;
import io.drover.common.arch.impure_fixture.RunsAsync;
import io.drover.common.arch.impure_fixture.SchedulesTimer;
import io.drover.common.arch.impure_fixture.ShufflesWithoutRandom;
import io.drover.common.arch.impure_fixture.SleepsThread;
import io.drover.common.arch.impure_fixture.SleepsTimeUnit;
import io.drover.common.arch.impure_fixture.StartsExecutor;
import io.drover.common.arch.impure_fixture.UsesJavaIoFile;
import io.drover.common.arch.impure_fixture.UsesJavaTimeClock;
import io.drover.common.arch.impure_fixture.UsesMathRandom;
import io.drover.common.arch.impure_fixture.UsesRandomUuid;
import io.drover.common.arch.impure_fixture.UsesSecureRandom;
import io.drover.common.arch.impure_fixture.UsesThreadLocalRandom;
import io.drover.common.arch.impure_fixture.UsesUnseededRandom;
import io.drover.common.arch.impure_fixture.WaitsOnLatch;
import io.drover.common.arch.pure_fixture.PureCore;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Proves the purity rule can fail: every deliberately impure fixture is caught, the pure one is accepted. */
final class PurityRulesTest {
  private static final String IMPURE = "io.drover.common.arch.impure_fixture..";

  static Stream<Class<?>> impureFixtures() {
    return Stream.of(ReadsFiles.class, UsesJavaIoFile.class, OpensSocket.class, ReadsWallClock.class,
        RefersToNanoTime.class, ReadsClockInLambda.class, CallsInstantNow.class, CallsLocalDateTimeNow.class,
        UsesJavaTimeClock.class, SleepsThread.class, SleepsTimeUnit.class, StartsExecutor.class, RunsAsync.class,
        SchedulesTimer.class, WaitsOnLatch.class, UsesUnseededRandom.class, UsesMathRandom.class,
        UsesRandomUuid.class, UsesThreadLocalRandom.class, UsesSecureRandom.class, ShufflesWithoutRandom.class,
        PrintsToConsole.class, CallsSystemClock.class, CallsRngFromEntropy.class);
  }

  @ParameterizedTest @MethodSource("impureFixtures")
  void eachImpureFixtureViolatesTheRuleOnItsOwn(Class<?> fixture) {
    EvaluationResult result = PurityRules.pureCores(IMPURE).evaluate(new ClassFileImporter().importClasses(fixture));

    assertThat(result.hasViolation()).as("%s must violate the purity rule", fixture.getSimpleName()).isTrue();
    assertThat(result.getFailureReport().getDetails()).anyMatch(d -> d.contains(fixture.getName()));
  }

  @Test
  void everyFixtureInTheImpurePackageIsCoveredAbove() {
    JavaClasses all = new ClassFileImporter().importPackages("io.drover.common.arch.impure_fixture");
    List<String> fixtureNames = all.stream()
        .filter(c -> !c.getSimpleName().equals("package-info")).map(c -> c.getName()).toList();
    List<String> covered = impureFixtures().map(Class::getName).toList();

    assertThat(covered).containsExactlyInAnyOrderElementsOf(fixtureNames);
  }

  @Test
  void pureFixtureUsingInjectedClockSeededRandomUriAndLoggingPasses() {
    EvaluationResult result = PurityRules.pureCores("io.drover.common.arch.pure_fixture..")
        .evaluate(new ClassFileImporter().importClasses(PureCore.class));

    assertThat(result.getFailureReport().getDetails()).isEmpty();
    assertThat(result.hasViolation()).isFalse();
  }

  @Test
  void rulePassesOnPackagesWithNoClassesYet() {
    JavaClasses someClasses = new ClassFileImporter().importClasses(PureCore.class, ReadsWallClock.class);

    assertThat(PurityRules.pureCores("io.drover.not.written.yet..").evaluate(someClasses).hasViolation()).isFalse();
  }

  @Test
  void ruleOnlyJudgesTheNamedPackages() {
    JavaClasses impure = new ClassFileImporter().importClasses(ReadsWallClock.class);

    assertThat(PurityRules.pureCores("io.drover.common.arch.pure_fixture..").evaluate(impure).hasViolation()).isFalse();
  }

  @Test
  void namedEdgeClassesAreExemptAndOnlyThey() {
    JavaClasses classes = new ClassFileImporter().importClasses(ReadsWallClock.class, UsesMathRandom.class);
    ArchRule exemptingClock = PurityRules.pureCoresExcept(Set.of(ReadsWallClock.class.getName()), IMPURE);

    EvaluationResult result = exemptingClock.evaluate(classes);

    assertThat(result.getFailureReport().getDetails())
        .isNotEmpty()
        .allMatch(d -> d.contains(UsesMathRandom.class.getName()))
        .noneMatch(d -> d.contains(ReadsWallClock.class.getName()));
  }
}
