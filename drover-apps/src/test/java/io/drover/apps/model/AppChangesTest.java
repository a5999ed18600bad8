package io.drover.apps.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Partial updates (PATCH / partialUpdate=true) and change classification. */
final class AppChangesTest {
  private static final Timestamp T0 = Timestamp.ofEpochMs(1_000_000);
  private final AppDefinition existing = AppJson.parse(AppJsonTest.REFERENCE, PathId.ROOT).orThrow();

  @Test
  void presentFieldsReplaceAbsentOnesAreKept() {
    AppDefinition merged = AppJson.merge(existing, "{\"instances\":5,\"labels\":{\"a\":\"b\"},\"id\":\"/other\"}").orThrow();
    assertThat(merged.id()).isEqualTo(existing.id());
    assertThat(merged.instances()).isEqualTo(5);
    assertThat(merged.labels()).isEqualTo(Map.of("a", "b"));
    assertThat(merged.cmd()).isEqualTo(existing.cmd());
    assertThat(merged.constraints()).isEqualTo(existing.constraints());
    assertThat(merged.portDefinitions()).isEqualTo(existing.portDefinitions());
    assertThat(merged.versionInfo()).isEqualTo(existing.versionInfo());
  }

  @Test
  void nullInAPatchKeepsTheField() {
    AppDefinition merged = AppJson.merge(existing, "{\"cmd\":null,\"cpus\":2}").orThrow();
    assertThat(merged.cmd()).isEqualTo(existing.cmd());
    assertThat(merged.cpus()).isEqualTo(2.0);
  }

  @Test
  void legacyPortsAndUrisReplaceCanonicalOnes() {
    AppDefinition merged = AppJson.merge(existing, "{\"ports\":[0,0],\"uris\":[\"http://h/a.zip\"]}").orThrow();
    assertThat(merged.portDefinitions()).containsExactly(PortDefinition.of(0), PortDefinition.of(0));
    assertThat(merged.fetch()).containsExactly(FetchUri.of("http://h/a.zip"));
  }

  @Test
  void switchingToBridgeRecomputesPorts() {
    AppDefinition merged = AppJson.merge(existing, """
        {"cmd":null,"container":{"type":"DOCKER","docker":{"image":"busybox"},"portMappings":[{"containerPort":80}]},
         "networks":[{"mode":"container/bridge"}]}
        """).orThrow();
    assertThat(merged.portDefinitions()).isEmpty();
    assertThat(merged.container().orElseThrow().portMappings()).hasSize(1);
  }

  @Test
  void mergeReportsTypeAndValidationErrors() {
    assertThat(AppJson.merge(existing, "{\"instances\":\"many\"}").status()).isEqualTo(400);
    Parsed<AppDefinition> invalid = AppJson.merge(existing, "{\"instances\":-1}");
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(((Parsed.Invalid<AppDefinition>) invalid).body().toJson().toString())
        .contains("{\"path\":\"/instances\",\"errors\":[\"got -1, expected 0 or more\"]}");
    assertThat(AppJson.merge(existing, "{").status()).isEqualTo(400);
  }

  @Test
  void scaleOnlyVersusUpgrade() {
    AppDefinition scaled = existing.withInstances(9);
    assertThat(AppChanges.isUpgrade(existing, scaled)).isFalse();
    assertThat(AppChanges.isOnlyScaleChange(existing, scaled)).isTrue();
    AppDefinition newCmd = existing.toBuilder().cmd("sleep 61").instances(9).build();
    assertThat(AppChanges.isUpgrade(existing, newCmd)).isTrue();
    assertThat(AppChanges.isOnlyScaleChange(existing, newCmd)).isFalse();
    assertThat(AppChanges.isUpgrade(existing, existing.toBuilder().labels(Map.of("x", "y")).build())).isTrue();
    assertThat(AppChanges.isUpgrade(existing, existing.toBuilder().upgradeStrategy(new UpgradeStrategy(0.5, 1)).build())).isTrue();
    assertThat(AppChanges.isOnlyScaleChange(existing, existing)).isFalse();
  }

  @Test
  void setValuedFieldsIgnoreOrderAndVersionIsNotAChange() {
    AppDefinition a = existing.toBuilder().constraints(List.of(Constraint.of("a", "UNIQUE"), Constraint.of("b", "UNIQUE"))).build();
    AppDefinition b = a.toBuilder().constraints(List.of(Constraint.of("b", "UNIQUE"), Constraint.of("a", "UNIQUE")))
        .versionInfo(java.util.Optional.of(VersionInfo.initial(T0))).build();
    assertThat(AppChanges.isUpgrade(a, b)).isFalse();
    assertThat(AppChanges.needsRestart(a, b)).isTrue();
    assertThat(AppChanges.needsRestart(a, a)).isFalse();
  }

  @Test
  void nextVersionInfoMovesTheRightStamps() {
    AppDefinition a = existing.withVersionInfo(VersionInfo.initial(T0));
    Timestamp t1 = T0.plusMs(1000);
    assertThat(AppChanges.nextVersionInfo(a, a.withInstances(4), t1)).isEqualTo(new VersionInfo(t1, t1, T0));
    assertThat(AppChanges.nextVersionInfo(a, a.toBuilder().cmd("other cmd").build(), t1)).isEqualTo(VersionInfo.initial(t1));
    assertThat(AppChanges.nextVersionInfo(a, a, t1)).isEqualTo(new VersionInfo(t1, T0, T0));
  }
}
