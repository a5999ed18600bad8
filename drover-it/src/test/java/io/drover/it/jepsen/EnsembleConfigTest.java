package io.drover.it.jepsen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-server configuration: own real ports, the others behind proxies, observers marked. */
class EnsembleConfigTest {
  private final Member me = new Member(1, false, 2181, 2888, 3888);
  private final List<Member> view = List.of(me, new Member(2, false, 2182, 2888, 3888).via(40001, 40002),
      new Member(3, true, 2183, 2890, 3890).via(40003, 40004));

  @Test
  void zooCfgListsEveryServerAsThisServerSeesIt() {
    String cfg = ZooKeeperServer.zooCfg(me, view, Path.of("/data/1"));
    assertThat(cfg).contains("clientPort=2181\n", "dataDir=/data/1\n", "server.1=127.0.0.1:2888:3888\n",
        "server.2=127.0.0.1:40001:40002\n", "server.3=127.0.0.1:40003:40004:observer\n").doesNotContain("peerType");
    assertThat(ZooKeeperServer.zooCfg(view.get(2), view, Path.of("/data/3"))).contains("peerType=observer\n");
  }

  @Test
  void coordPeersArgumentHasTheSameShape() {
    assertThat(CoordServer.peers(view))
        .isEqualTo("1=127.0.0.1:2888:3888,2=127.0.0.1:40001:40002,3=127.0.0.1:40003:40004:observer");
  }
}
