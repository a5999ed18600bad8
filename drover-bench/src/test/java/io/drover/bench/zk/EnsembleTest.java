package io.drover.bench.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnsembleTest {
  private static final Ensemble THREE = Ensemble.of(3, List.of(2181, 2888, 3888, 2182, 2889, 3889, 2183, 2890, 3890));

  @Test void membersAreNumberedFromOneWithTheirThreePortsInOrder() {
    assertThat(THREE.members()).containsExactly(
        new Ensemble.Member(1, 2181, 2888, 3888),
        new Ensemble.Member(2, 2182, 2889, 3889),
        new Ensemble.Member(3, 2183, 2890, 3890));
    assertThat(THREE.member(2).connectString()).isEqualTo("127.0.0.1:2182");
  }

  @Test void rendersCoordPeersArgumentAndZooKeeperServerLines() {
    assertThat(THREE.peersArgument())
        .isEqualTo("1=127.0.0.1:2888:3888,2=127.0.0.1:2889:3889,3=127.0.0.1:2890:3890");
    assertThat(THREE.zooCfgServerLines()).containsExactly(
        "server.1=127.0.0.1:2888:3888", "server.2=127.0.0.1:2889:3889", "server.3=127.0.0.1:2890:3890");
    assertThat(THREE.connectString()).isEqualTo("127.0.0.1:2181,127.0.0.1:2182,127.0.0.1:2183");
  }

  @Test void rejectsAWrongPortCountDuplicateIdsAndUnknownMembers() {
    assertThatThrownBy(() -> Ensemble.of(3, List.of(1, 2, 3))).hasMessageContaining("need 9 ports");
    assertThatThrownBy(() -> new Ensemble(List.of(new Ensemble.Member(1, 1, 2, 3), new Ensemble.Member(1, 4, 5, 6))))
        .hasMessageContaining("duplicate");
    assertThatThrownBy(() -> new Ensemble.Member(0, 1, 2, 3)).hasMessageContaining("start at 1");
    assertThatThrownBy(() -> THREE.member(4)).hasMessageContaining("no server 4");
    assertThatThrownBy(() -> new Placement.InEnsemble(THREE, 4, Placement.QuorumTiming.zooKeeperSample()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test void freePortsAreDistinct() throws Exception {
    List<Integer> ports = Servers.freeLoopbackPorts(9);
    assertThat(ports).hasSize(9).doesNotHaveDuplicates().allSatisfy(p -> assertThat(p).isPositive());
  }
}
