package io.drover.coord.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jute.Record;
import org.apache.zookeeper.txn.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TxnCodecTest {
  private static final byte[] DATA = "v1".getBytes(StandardCharsets.UTF_8);
  private static final long SESSION = 0x0100017f00000abcL;

  private static io.drover.coord.wire.TxnHeader header(int type) {
    return new io.drover.coord.wire.TxnHeader(SESSION, 17, 0x0000000200000005L, 1_700_000_000_999L, type);
  }

  private static Arguments c(String name, Txn ours, Record zkBody) {
    var h = header(ours.type());
    var zkHeader = new org.apache.zookeeper.txn.TxnHeader(h.clientId(), h.cxid(), h.zxid(), h.time(), h.type());
    return Arguments.of(name, ours, Zk.bytes(zkHeader, zkBody));
  }

  static Stream<Arguments> everyTxn() {
    var zkAcl = Zk.acls(Zk.ACLS);
    return Stream.of(
        c("create", new Txn.Create(1, "/a", DATA, Zk.ACLS, true, 4), new CreateTxn("/a", DATA, zkAcl, true, 4)),
        c("create2", new Txn.Create(15, "/b", null, Zk.ACLS, false, 0), new CreateTxn("/b", null, zkAcl, false, 0)),
        c("createContainer", new Txn.CreateContainer("/c", DATA, Zk.ACLS, 2), new CreateContainerTxn("/c", DATA, zkAcl, 2)),
        c("createTTL", new Txn.CreateTtl("/t", DATA, Zk.ACLS, 3, 5000L), new CreateTTLTxn("/t", DATA, zkAcl, 3, 5000L)),
        c("delete", new Txn.Delete(2, "/a"), new DeleteTxn("/a")),
        c("deleteContainer", new Txn.Delete(20, "/c"), new DeleteTxn("/c")),
        c("setData", new Txn.SetData("/a", DATA, 6), new SetDataTxn("/a", DATA, 6)),
        c("setACL", new Txn.SetAcl("/a", Zk.ACLS, 1), new SetACLTxn("/a", zkAcl, 1)),
        c("check", new Txn.CheckVersion("/a", 9), new CheckVersionTxn("/a", 9)),
        c("error", new Txn.Error(-110), new ErrorTxn(-110)),
        c("createSession", new Txn.CreateSession(30_000), new CreateSessionTxn(30_000)),
        c("closeSession", new Txn.CloseSession(List.of("/e1", "/e2")), new CloseSessionTxn(List.of("/e1", "/e2"))),
        c("closeSession none", new Txn.CloseSession(List.of()), new CloseSessionTxn(List.of())),
        c("multi", new Txn.Multi(List.of(
                new Txn.Create(1, "/m1", DATA, Zk.ACLS, false, 0),
                new Txn.Create(15, "/m2", DATA, Zk.ACLS, true, 1),
                new Txn.CreateContainer("/m3", DATA, Zk.ACLS, 2),
                new Txn.CreateTtl("/m4", DATA, Zk.ACLS, 3, 100L),
                new Txn.Delete(2, "/m0"),
                new Txn.SetData("/m1", DATA, 1),
                new Txn.CheckVersion("/m", 0))),
            new MultiTxn(List.of(
                new org.apache.zookeeper.txn.Txn(1, Zk.bytes(new CreateTxn("/m1", DATA, zkAcl, false, 0))),
                new org.apache.zookeeper.txn.Txn(15, Zk.bytes(new CreateTxn("/m2", DATA, zkAcl, true, 1))),
                new org.apache.zookeeper.txn.Txn(19, Zk.bytes(new CreateContainerTxn("/m3", DATA, zkAcl, 2))),
                new org.apache.zookeeper.txn.Txn(21, Zk.bytes(new CreateTTLTxn("/m4", DATA, zkAcl, 3, 100L))),
                new org.apache.zookeeper.txn.Txn(2, Zk.bytes(new DeleteTxn("/m0"))),
                new org.apache.zookeeper.txn.Txn(5, Zk.bytes(new SetDataTxn("/m1", DATA, 1))),
                new org.apache.zookeeper.txn.Txn(13, Zk.bytes(new CheckVersionTxn("/m", 0)))))),
        c("failed multi", new Txn.Multi(List.of(new Txn.Error(0), new Txn.Error(-101), new Txn.Error(-2))),
            new MultiTxn(List.of(
                new org.apache.zookeeper.txn.Txn(-1, Zk.bytes(new ErrorTxn(0))),
                new org.apache.zookeeper.txn.Txn(-1, Zk.bytes(new ErrorTxn(-101))),
                new org.apache.zookeeper.txn.Txn(-1, Zk.bytes(new ErrorTxn(-2)))))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyTxn")
  void encodesExactlyLikeZooKeeper(String name, Txn ours, byte[] zk) {
    assertThat(TxnCodec.encode(header(ours.type()), ours)).isEqualTo(zk);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyTxn")
  void decodesWhatZooKeeperWrites(String name, Txn ours, byte[] zk) {
    assertThat(TxnCodec.decode(zk)).usingRecursiveComparison().isEqualTo(new TxnCodec.Decoded(header(ours.type()), ours));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyTxn")
  void everyTruncationAndAnyTrailingByteIsMalformed(String name, Txn ours, byte[] zk) {
    for (int len = 0; len < zk.length; len++) {
      byte[] cut = Arrays.copyOf(zk, len);
      assertThatThrownBy(() -> TxnCodec.decode(cut)).as("%s cut to %d", name, len).isInstanceOf(MalformedFrameException.class);
    }
    assertThatThrownBy(() -> TxnCodec.decode(Arrays.copyOf(zk, zk.length + 1))).isInstanceOf(MalformedFrameException.class);
  }

  @Test
  void readLeavesWhatFollowsTheTxn() {
    Txn t = new Txn.Delete(2, "/x");
    JuteOutput out = new JuteOutput();
    TxnCodec.write(out, header(2), t);
    out.writeInt(1).writeLong(0xdeadbeefL); // e.g. a TxnDigest
    JuteInput in = new JuteInput(out.toByteArray());
    assertThat(TxnCodec.read(in)).usingRecursiveComparison().isEqualTo(new TxnCodec.Decoded(header(2), t));
    assertThat(in.remaining()).isEqualTo(12);
  }

  @Test
  void literalCreateSessionTxn() {
    byte[] bytes = TxnCodec.encode(new io.drover.coord.wire.TxnHeader(5, 0, 0x100000001L, 1000, -10), new Txn.CreateSession(4000));
    assertThat(bytes).isEqualTo(ConnectCodecTest.hex("0000000000000005" + "00000000" + "0000000100000001"
        + "00000000000003e8" + "fffffff6" + "00000fa0"));
  }

  @Test
  void rejectsUnknownTypesAndBadMultis() {
    assertThatThrownBy(() -> TxnCodec.decode(Zk.bytes(new org.apache.zookeeper.txn.TxnHeader(1, 1, 1, 1, 4))))
        .isInstanceOf(MalformedFrameException.class).hasMessageContaining("unknown txn type 4");
    var h = new org.apache.zookeeper.txn.TxnHeader(1, 1, 1, 1, 14);
    byte[] nested = Zk.bytes(h, new MultiTxn(List.of(new org.apache.zookeeper.txn.Txn(14, Zk.bytes(new MultiTxn(List.of()))))));
    assertThatThrownBy(() -> TxnCodec.decode(nested)).isInstanceOf(MalformedFrameException.class);
    byte[] padded = Zk.bytes(h, new MultiTxn(List.of(new org.apache.zookeeper.txn.Txn(-1, new byte[] {0, 0, 0, 0, 7}))));
    assertThatThrownBy(() -> TxnCodec.decode(padded)).isInstanceOf(MalformedFrameException.class);
  }

  @Test
  void encodeRefusesInconsistentTxns() {
    assertThatThrownBy(() -> TxnCodec.encode(header(5), new Txn.Error(0))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TxnCodec.encode(header(3), new Txn.Create(3, "/a", DATA, Zk.ACLS, false, 0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TxnCodec.encode(header(14), new Txn.Multi(List.of(new Txn.CreateSession(1)))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
