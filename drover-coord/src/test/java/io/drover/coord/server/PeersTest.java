package io.drover.coord.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeersTest {
  @Test
  void parsesVotersAndObserversLikeZooKeepersServerLines() {
    Peers peers = Peers.parse("1=127.0.0.1:2888:3888, 2=127.0.0.1:2889:3889,3=host-c:2888:3888:participant,"
        + "4=127.0.0.1:2890:3890:observer");
    assertThat(peers.all()).hasSize(4);
    assertThat(peers.require(3)).isEqualTo(new Peers.Peer(3, "host-c", 2888, 3888, false));
    assertThat(peers.require(4).observer()).isTrue();
    assertThat(peers.voters()).extracting(Peers.Peer::id).containsExactly(1L, 2L, 3L);
    assertThat(peers.quorumSize()).isEqualTo(2);
    assertThat(Peers.parse("1=a:1:2,2=b:1:2,3=c:1:2,4=d:1:2,5=e:1:2").quorumSize()).isEqualTo(3);
    assertThat(peers.require(4)).hasToString("4=127.0.0.1:2890:3890:observer");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|--peers is empty",
      "1=a:2888|bad --peers entry '1=a:2888': expected id=host:quorumPort:electionPort",
      "a=h:1:2|the server id must be a positive number, not 'a'",
      "0=h:1:2|the server id must be a positive number, not '0'",
      "1=h:1:70000|'70000' is not a port",
      "1=h:1:2:witness|the role must be observer or participant",
      "1=h:5:5|the quorum and election ports must differ",
      "1=h:1:2,1=g:1:2|server id 1 appears twice",
      "1=h:1:2,2=h:2:3|h:2 is used twice",
      "1=h:1:2:observer|lists no voter",
  })
  void badSpecsSayWhatIsWrong(String spec, String message) {
    assertThatThrownBy(() -> Peers.parse(spec)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void anIdOutsideThePeersIsNamed() {
    Peers peers = Peers.parse("1=h:1:2,2=h:3:4");
    assertThatThrownBy(() -> peers.require(9)).hasMessageContaining("--id 9 is not in --peers (1=h:1:2,2=h:3:4)");
  }
}
