package io.drover.master.api.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

final class IdsTest {
  static final UUID MASTER = UUID.fromString("130ae4e3-6b13-4ef4-baa9-9f2e85c3e9af");

  @Test
  void formatsFollowMesos() {
    Ids ids = new Ids(MASTER);
    assertThat(ids.masterId()).isEqualTo("130ae4e3-6b13-4ef4-baa9-9f2e85c3e9af");
    assertThat(ids.nextFrameworkId().value()).isEqualTo("130ae4e3-6b13-4ef4-baa9-9f2e85c3e9af-0000");
    assertThat(ids.nextFrameworkId().value()).isEqualTo("130ae4e3-6b13-4ef4-baa9-9f2e85c3e9af-0001");
    assertThat(ids.nextAgentId().value()).isEqualTo("130ae4e3-6b13-4ef4-baa9-9f2e85c3e9af-S0");
    assertThat(ids.nextAgentId().value()).isEqualTo("130ae4e3-6b13-4ef4-baa9-9f2e85c3e9af-S1");
    assertThat(ids.nextOfferId().value()).isEqualTo("130ae4e3-6b13-4ef4-baa9-9f2e85c3e9af-O0");
    assertThat(ids.nextOfferId().value()).isEqualTo("130ae4e3-6b13-4ef4-baa9-9f2e85c3e9af-O1");
  }

  @Test
  void countersAreIndependentAndPaddingGrowsPast9999() {
    Ids ids = new Ids("M");
    for (int i = 0; i < 10_000; i++) ids.nextFrameworkId();
    assertThat(ids.nextFrameworkId().value()).isEqualTo("M-10000");
    assertThat(ids.nextAgentId().value()).isEqualTo("M-S0");
    assertThat(ids.nextOfferId().value()).isEqualTo("M-O0");
  }

  @Test
  void rejectsEmptyMasterId() {
    assertThatThrownBy(() -> new Ids("")).isInstanceOf(IllegalArgumentException.class);
  }
}
