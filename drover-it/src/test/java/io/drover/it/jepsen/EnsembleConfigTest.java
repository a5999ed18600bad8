package io.drover.it.jepsen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

  @Test
  void zooKeeperElectionHandshakeAdvertisesTheReverseProxy() throws IOException {
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(sent);
    out.writeLong(-65536L); // protocol version 1
    out.writeLong(2);
    byte[] real = "127.0.0.1:3888".getBytes(StandardCharsets.UTF_8);
    out.writeInt(real.length);
    out.write(real);
    out.writeLong(42); // the election traffic after the handshake is not touched by the rewrite

    DataInputStream in = new DataInputStream(new ByteArrayInputStream(sent.toByteArray()));
    byte[] rewritten = new ZooKeeperServer().electionHandshake(40009).orElseThrow().rewrite(in);
    DataInputStream back = new DataInputStream(new ByteArrayInputStream(rewritten));
    assertThat(back.readLong()).isEqualTo(-65536L);
    assertThat(back.readLong()).isEqualTo(2);
    assertThat(new String(back.readNBytes(back.readInt()), StandardCharsets.UTF_8)).isEqualTo("127.0.0.1:40009");
    assertThat(back.available()).isZero();
    assertThat(in.readLong()).isEqualTo(42);
    assertThat(new CoordServer().electionHandshake(40009)).isEmpty();
  }
}
