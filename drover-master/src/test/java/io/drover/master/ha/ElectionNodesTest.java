package io.drover.master.ha;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ElectionNodesTest {
  @Test void onlyTenDigitJsonInfoNodesAreCandidates() {
    assertThat(ElectionNodes.sequence("json.info_0000000042")).contains(42L);
    assertThat(ElectionNodes.sequence("json.info_42")).isEmpty();
    assertThat(ElectionNodes.sequence("info_0000000001")).isEmpty(); // legacy binary-protobuf masters
    assertThat(ElectionNodes.sequence("log_replicas")).isEmpty();
    assertThat(ElectionNodes.sequence("json.info_00000000x1")).isEmpty();
  }

  @Test void lowestSequenceWinsRegardlessOfOrder() {
    assertThat(ElectionNodes.lowest(List.of("log_replicas", "json.info_0000000007", "info_0000000000",
        "json.info_0000000003", "json.info_0000000011"))).contains("json.info_0000000003");
    assertThat(ElectionNodes.lowest(List.of("log_replicas"))).isEmpty();
  }

  @Test void nameIsTheLastSegment() {
    assertThat(ElectionNodes.name("/mesos/json.info_0000000003")).isEqualTo("json.info_0000000003");
  }
}
