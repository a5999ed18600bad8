package io.drover.coord.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jute.Record;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.CreateOptions;
import org.apache.zookeeper.MultiOperationRecord;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.proto.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestCodecTest {
  private static final byte[] DATA = "hello".getBytes(StandardCharsets.UTF_8);

  private static Arguments c(String name, RequestPacket ours, Record... zk) {
    return Arguments.of(name, ours, zk);
  }

  private static RequestPacket p(int xid, int op, Request body) { return new RequestPacket(xid, op, body); }

  static Stream<Arguments> everyRequest() {
    var zkAcl = Zk.acls(Zk.ACLS);
    return Stream.of(
        c("create", p(1, 1, new Request.Create("/a", DATA, Zk.ACLS, 3)),
            new RequestHeader(1, 1), new CreateRequest("/a", DATA, zkAcl, 3)),
        c("create null data", p(1, 1, new Request.Create("/a", null, Zk.ACLS, 0)),
            new RequestHeader(1, 1), new CreateRequest("/a", null, zkAcl, 0)),
        c("create2", p(2, 15, new Request.Create("/b", DATA, Zk.ACLS, 0)),
            new RequestHeader(2, 15), new CreateRequest("/b", DATA, zkAcl, 0)),
        c("createContainer", p(3, 19, new Request.Create("/c", DATA, Zk.ACLS, 4)),
            new RequestHeader(3, 19), new CreateRequest("/c", DATA, zkAcl, 4)),
        c("createTTL", p(4, 21, new Request.CreateTtl("/t", DATA, Zk.ACLS, 5, 60_000L)),
            new RequestHeader(4, 21), new CreateTTLRequest("/t", DATA, zkAcl, 5, 60_000L)),
        c("delete", p(5, 2, new Request.Delete("/a", -1)), new RequestHeader(5, 2), new DeleteRequest("/a", -1)),
        c("exists", p(6, 3, new Request.Exists("/a", true)), new RequestHeader(6, 3), new ExistsRequest("/a", true)),
        c("getData", p(7, 4, new Request.GetData("/a", false)), new RequestHeader(7, 4), new GetDataRequest("/a", false)),
        c("setData", p(8, 5, new Request.SetData("/a", DATA, 3)), new RequestHeader(8, 5), new SetDataRequest("/a", DATA, 3)),
        c("getACL", p(9, 6, new Request.GetAcl("/a")), new RequestHeader(9, 6), new GetACLRequest("/a")),
        c("setACL", p(10, 7, new Request.SetAcl("/a", Zk.ACLS, 2)), new RequestHeader(10, 7), new SetACLRequest("/a", zkAcl, 2)),
        c("getChildren", p(11, 8, new Request.GetChildren("/", true)), new RequestHeader(11, 8), new GetChildrenRequest("/", true)),
        c("sync", p(12, 9, new Request.Sync("/a")), new RequestHeader(12, 9), new SyncRequest("/a")),
        c("ping", p(-2, 11, new Request.Empty()), new RequestHeader(-2, 11)),
        c("getChildren2", p(13, 12, new Request.GetChildren("/x", false)), new RequestHeader(13, 12), new GetChildren2Request("/x", false)),
        c("check", p(14, 13, new Request.CheckVersion("/a", 4)), new RequestHeader(14, 13), new CheckVersionRequest("/a", 4)),
        c("checkWatches", p(15, 17, new Request.WatchesOf("/a", 3)), new RequestHeader(15, 17), new CheckWatchesRequest("/a", 3)),
        c("removeWatches", p(16, 18, new Request.WatchesOf("/a", 2)), new RequestHeader(16, 18), new RemoveWatchesRequest("/a", 2)),
        c("auth", p(-4, 100, new Request.Auth(0, "digest", "u:p".getBytes(StandardCharsets.UTF_8))),
            new RequestHeader(-4, 100), new AuthPacket(0, "digest", "u:p".getBytes(StandardCharsets.UTF_8))),
        c("setWatches", p(-8, 101, new Request.SetWatches(0x500000003L, List.of("/d1", "/d2"), List.of("/e"), List.of(), List.of(), List.of())),
            new RequestHeader(-8, 101), new SetWatches(0x500000003L, List.of("/d1", "/d2"), List.of("/e"), List.of())),
        c("setWatches2", p(-8, 105, new Request.SetWatches(7L, List.of("/d"), List.of(), List.of("/c"), List.of("/p"), List.of("/r1", "/r2"))),
            new RequestHeader(-8, 105), new SetWatches2(7L, List.of("/d"), List.of(), List.of("/c"), List.of("/p"), List.of("/r1", "/r2"))),
        c("getEphemerals", p(17, 103, new Request.GetEphemerals("/app")), new RequestHeader(17, 103), new GetEphemeralsRequest("/app")),
        c("getAllChildrenNumber", p(18, 104, new Request.GetAllChildrenNumber("/")),
            new RequestHeader(18, 104), new GetAllChildrenNumberRequest("/")),
        c("addWatch", p(19, 106, new Request.AddWatch("/w", 1)), new RequestHeader(19, 106), new AddWatchRequest("/w", 1)),
        c("whoAmI", p(20, 107, new Request.Empty()), new RequestHeader(20, 107)),
        c("closeSession", p(21, -11, new Request.Empty()), new RequestHeader(21, -11)),
        c("multi", p(22, 14, new Request.Multi(List.of(
                new Request.Op(1, new Request.Create("/m1", DATA, Zk.ACLS, 1)),
                new Request.Op(15, new Request.Create("/m2", DATA, Acl.OPEN_ACL_UNSAFE, 0)),
                new Request.Op(19, new Request.Create("/m3", DATA, Zk.ACLS, 4)),
                new Request.Op(21, new Request.CreateTtl("/m4", DATA, Zk.ACLS, 5, 1000L)),
                new Request.Op(2, new Request.Delete("/m0", 2)),
                new Request.Op(5, new Request.SetData("/m1", DATA, -1)),
                new Request.Op(13, new Request.CheckVersion("/m", 9))))),
            new RequestHeader(22, 14), new MultiOperationRecord(List.of(
                Op.create("/m1", DATA, zkAcl, 1),
                Op.create("/m2", DATA, CreateOptions.newBuilder(Zk.acls(Acl.OPEN_ACL_UNSAFE), CreateMode.PERSISTENT).build()),
                Op.create("/m3", DATA, zkAcl, CreateMode.CONTAINER),
                Op.create("/m4", DATA, zkAcl, CreateMode.PERSISTENT_WITH_TTL, 1000L),
                Op.delete("/m0", 2),
                Op.setData("/m1", DATA, -1),
                Op.check("/m", 9)))),
        c("empty multi", p(23, 14, new Request.Multi(List.of())), new RequestHeader(23, 14), new MultiOperationRecord()),
        c("multiRead", p(24, 22, new Request.Multi(List.of(
                new Request.Op(8, new Request.GetChildren("/", false)),
                new Request.Op(4, new Request.GetData("/a", false))))),
            new RequestHeader(24, 22), new MultiOperationRecord(List.of(Op.getChildren("/"), Op.getData("/a")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyRequest")
  void encodesExactlyLikeZooKeeper(String name, RequestPacket ours, Record[] zk) {
    assertThat(RequestCodec.encode(ours)).isEqualTo(Zk.bytes(zk));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyRequest")
  void decodesWhatZooKeeperWrites(String name, RequestPacket ours, Record[] zk) {
    assertThat(RequestCodec.decode(Zk.bytes(zk))).usingRecursiveComparison().isEqualTo(ours);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyRequest")
  void everyStrictPrefixOfABodyIsMalformed(String name, RequestPacket ours, Record[] zk) {
    byte[] frame = Zk.bytes(zk);
    int minimal = ours.body() instanceof Request.Empty ? 8 : frame.length;
    for (int len = 0; len < minimal; len++) {
      byte[] cut = Arrays.copyOf(frame, len);
      assertThatThrownBy(() -> RequestCodec.decode(cut)).as("%s cut to %d bytes", name, len)
          .isInstanceOf(MalformedFrameException.class);
    }
  }

  @Test
  void literalGetDataFrame() {
    byte[] frame = ConnectCodecTest.hex("00000007" + "00000004" + "00000002" + "2f61" + "01");
    assertThat(RequestCodec.decode(frame)).usingRecursiveComparison()
        .isEqualTo(new RequestPacket(7, OpCode.GET_DATA, new Request.GetData("/a", true)));
    assertThat(RequestCodec.encode(new RequestPacket(7, 4, new Request.GetData("/a", true)))).isEqualTo(frame);
  }

  @Test
  void unimplementedOpcodesDecodeToEmptyAndKeepTheOpcode() {
    byte[] reconfig = Zk.bytes(new RequestHeader(30, 16), new ReconfigRequest("server.4=h:2888:3888", null, null, -1L));
    assertThat(RequestCodec.decode(reconfig)).usingRecursiveComparison().isEqualTo(new RequestPacket(30, 16, new Request.Empty()));
    byte[] sasl = Zk.bytes(new RequestHeader(31, 102), new GetSASLRequest(new byte[] {1, 2, 3}));
    assertThat(RequestCodec.decode(sasl)).usingRecursiveComparison().isEqualTo(new RequestPacket(31, 102, new Request.Empty()));
    for (int op : new int[] {0, 10, 20, 23, 99, 108, -10, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
      byte[] frame = Zk.bytes(new RequestHeader(5, op));
      assertThat(RequestCodec.decode(frame).opCode()).isEqualTo(op);
      assertThat(RequestCodec.decode(frame).body()).isInstanceOf(Request.Empty.class);
    }
  }

  @Test
  void ignoresBytesAfterACompleteBodyAsZooKeeperDoes() {
    byte[] frame = Zk.bytes(new RequestHeader(1, 9), new SyncRequest("/s"));
    byte[] longer = Arrays.copyOf(frame, frame.length + 3);
    assertThat(RequestCodec.decode(longer)).usingRecursiveComparison().isEqualTo(new RequestPacket(1, 9, new Request.Sync("/s")));
  }

  @Test
  void decodesFromAnOffset() {
    byte[] frame = Zk.bytes(new RequestHeader(1, 9), new SyncRequest("/s"));
    byte[] padded = new byte[frame.length + 6];
    System.arraycopy(frame, 0, padded, 4, frame.length);
    assertThat(RequestCodec.decode(padded, 4, frame.length)).usingRecursiveComparison()
        .isEqualTo(new RequestPacket(1, 9, new Request.Sync("/s")));
  }

  @Test
  void rejectsForbiddenOpsInsideAMulti() {
    JuteOutput out = new JuteOutput().writeInt(1).writeInt(OpCode.MULTI);
    out.writeInt(OpCode.EXISTS).writeBool(false).writeInt(-1).writeString("/a").writeBool(false);
    out.writeInt(-1).writeBool(true).writeInt(-1);
    assertThatThrownBy(() -> RequestCodec.decode(out.toByteArray())).isInstanceOf(MalformedFrameException.class)
        .hasMessageContaining("not allowed inside a multi");
    JuteOutput nested = new JuteOutput().writeInt(1).writeInt(OpCode.MULTI).writeInt(OpCode.MULTI).writeBool(false).writeInt(-1);
    assertThatThrownBy(() -> RequestCodec.decode(nested.toByteArray())).isInstanceOf(MalformedFrameException.class);
  }

  @Test
  void aMultiWithoutTerminatorIsMalformedAndBoundedByItsBytes() {
    JuteOutput out = new JuteOutput().writeInt(1).writeInt(OpCode.MULTI);
    for (int i = 0; i < 10_000; i++) out.writeInt(OpCode.CHECK).writeBool(false).writeInt(-1).writeString("").writeInt(0);
    byte[] unterminated = out.toByteArray();
    assertThatThrownBy(() -> RequestCodec.decode(unterminated)).isInstanceOf(MalformedFrameException.class);
    out.writeInt(-1).writeBool(true).writeInt(-1);
    assertThat(((Request.Multi) RequestCodec.decode(out.toByteArray()).body()).ops()).hasSize(10_000);
  }

  @Test
  void rejectsHugeAndNegativeLengths() {
    byte[] frame = Zk.bytes(new RequestHeader(1, 1), new CreateRequest("/a", DATA, new ArrayList<>(), 0));
    byte[] hugePath = frame.clone();
    hugePath[8] = 0x7f;
    assertThatThrownBy(() -> RequestCodec.decode(hugePath)).isInstanceOf(MalformedFrameException.class);
    byte[] negativeAclCount = frame.clone();
    int aclCountAt = 8 + 4 + 2 + 4 + DATA.length;
    negativeAclCount[aclCountAt] = (byte) 0x80;
    assertThatThrownBy(() -> RequestCodec.decode(negativeAclCount)).isInstanceOf(MalformedFrameException.class);
  }

  @Test
  void encodeRefusesABodyThatDoesNotFitTheOpcode() {
    assertThatThrownBy(() -> RequestCodec.encode(p(1, OpCode.CREATE, new Request.Delete("/a", 0))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RequestCodec.encode(p(1, OpCode.SET_WATCHES,
        new Request.SetWatches(0, List.of(), List.of(), List.of(), List.of("/p"), List.of()))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RequestCodec.encode(p(1, 16, new Request.Sync("/"))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
