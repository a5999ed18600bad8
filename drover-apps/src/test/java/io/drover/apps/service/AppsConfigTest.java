package io.drover.apps.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.master.api.v1.FrameworkID;
import io.drover.master.api.v1.FrameworkInfo;
import io.drover.master.api.v1.FrameworkInfo.CapabilityType;
import io.drover.master.ha.ZkUrl;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Marathon's defaults, validation, the FrameworkInfo it registers and {@code /ping} negotiation. */
final class AppsConfigTest {
  private static final ZkUrl ZK = ZkUrl.parse("zk://127.0.0.1:2181/drover/apps");

  @Test void defaultsAreMarathons() {
    AppsConfig c = AppsConfig.builder(ZK, "zk://127.0.0.1:2181/drover/master").hostname("h").build();
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.frameworkName()).isEqualTo("marathon");
    assertThat(c.role()).isEqualTo("*");
    assertThat(c.failoverTimeout()).isEqualTo(Duration.ofSeconds(604800));
    assertThat(c.zkSessionTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.declineOfferDuration()).isEqualTo(Duration.ofSeconds(120));
    assertThat(c.storeLimits().maxVersions()).isEqualTo(50);
    assertThat(c.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(c.mesosUser()).isNotBlank();
    assertThat(AppsConfig.builder(ZK, "http://m:5050").build().hostname()).isNotBlank();
  }

  @Test void badSettingsAreRejectedWithOneLine() {
    assertThatThrownBy(() -> AppsConfig.builder(ZK, "m:5050").hostname("h").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--master");
    assertThatThrownBy(() -> AppsConfig.builder(ZK, "http://m:5050").hostname("h").port(65536).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
    assertThatThrownBy(() -> AppsConfig.builder(ZK, "http://m:5050").hostname(" ").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hostname");
    assertThatThrownBy(() -> AppsConfig.builder(ZK, "http://m:5050").hostname("h").zkSessionTimeout(Duration.ZERO)
        .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("session");
  }

  @Test void frameworkInfoIsWhatMarathonRegisters() {
    AppsConfig c = AppsConfig.builder(ZK, "http://m:5050").hostname("apps1").mesosUser("svc").build();
    FrameworkInfo fi = LeaderTerm.frameworkInfo(c, new FrameworkID("fw-1"), 8080);
    assertThat(fi.name()).isEqualTo("marathon");
    assertThat(fi.user()).isEqualTo("svc");
    assertThat(fi.id()).isEqualTo(new FrameworkID("fw-1"));
    assertThat(fi.failoverTimeout()).isEqualTo(604800.0);
    assertThat(fi.checkpoint()).isTrue();
    assertThat(fi.roles()).containsExactly("*");
    assertThat(fi.role()).isNull();
    assertThat(fi.hostname()).isEqualTo("apps1");
    assertThat(fi.webuiUrl()).isEqualTo("http://apps1:8080");
    for (CapabilityType t : new CapabilityType[] {CapabilityType.PARTITION_AWARE, CapabilityType.REGION_AWARE,
        CapabilityType.TASK_KILLING_STATE, CapabilityType.MULTI_ROLE}) {
      assertThat(fi.hasCapability(t)).as(t.name()).isTrue();
    }
    assertThat(fi.hasCapability(CapabilityType.GPU_RESOURCES)).isFalse();
    assertThat(LeaderTerm.frameworkInfo(c, null, 8080).id()).isNull();
  }

  @Test void pingNegotiation() {
    assertThat(SystemRoutes.PingNegotiation.choose(null)).isEqualTo(SystemRoutes.PingNegotiation.TEXT);
    assertThat(SystemRoutes.PingNegotiation.choose("*/*")).isEqualTo(SystemRoutes.PingNegotiation.TEXT);
    assertThat(SystemRoutes.PingNegotiation.choose("application/json")).isEqualTo(SystemRoutes.PingNegotiation.JSON);
    assertThat(SystemRoutes.PingNegotiation.choose("text/plain;q=0.5, application/json"))
        .isEqualTo(SystemRoutes.PingNegotiation.JSON);
    assertThat(SystemRoutes.PingNegotiation.choose("application/*, text/*;q=0.9"))
        .isEqualTo(SystemRoutes.PingNegotiation.JSON);
    assertThat(SystemRoutes.PingNegotiation.choose("text/html")).isEqualTo(SystemRoutes.PingNegotiation.NONE);
    assertThat(SystemRoutes.PingNegotiation.choose("text/plain;q=0, */*;q=0"))
        .isEqualTo(SystemRoutes.PingNegotiation.NONE);
  }

  @Test void masterCredentialsAreRedactedInInfo() {
    assertThat(SystemRoutes.redactedMaster("zk://u:secret@h:2181/drover/master")).doesNotContain("secret");
    assertThat(SystemRoutes.redactedMaster("http://m:5050")).isEqualTo("http://m:5050");
  }
}
