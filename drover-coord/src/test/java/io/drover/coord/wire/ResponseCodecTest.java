package io.drover.coord.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jute.Record;
import org.apache.zookeeper.MultiResponse;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.ClientInfo;
import org.apache.zookeeper.proto.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResponseCodecTest {
  private static final byte[] DATA = "world".getBytes(StandardCharsets.UTF_8);
  private static final long ZXID = 0x0000000300000007L;
  private static final Stat S = Zk.STAT;

  private static Arguments c(String name, int opCode, int xid, Response ours, Record... zkBody) {
    Record[] zk = new Record[zkBody.length + 1];
    zk[0] = new ReplyHeader(xid, ZXID, 0);
    System.arraycopy(zkBody, 0, zk, 1, zkBody.length);
    return Arguments.of(name, opCode, xid, ours, zk);
  }

  private static MultiResponse zkMulti(OpResult... results) {
    MultiResponse m = new MultiResponse();
    for (OpResult r : results) m.add(r);
    return m;
  }

  static Stream<Arguments> everyResponse() {
    var zs = Zk.stat(S);
    return Stream.of(
        c("create", 1, 1, new Response.Create("/a0000000001"), new CreateResponse("/a0000000001")),
        c("create2", 15, 2, new Response.Create2("/b", S), new Create2Response("/b", zs)),
        c("createContainer", 19, 3, new Response.Create2("/c", S), new Create2Response("/c", zs)),
        c("createTTL", 21, 4, new Response.Create2("/t", S), new Create2Response("/t", zs)),
        c("delete", 2, 5, new Response.Empty()),
        c("exists", 3, 6, new Response.StatOnly(S), new ExistsResponse(zs)),
        c("getData", 4, 7, new Response.GetData(DATA, S), new GetDataResponse(DATA, zs)),
        c("getData null", 4, 7, new Response.GetData(null, S), new GetDataResponse(null, zs)),
        c("setData", 5, 8, new Response.StatOnly(S), new SetDataResponse(zs)),
        c("getACL", 6, 9, new Response.GetAcl(Zk.ACLS, S), new GetACLResponse(Zk.acls(Zk.ACLS), zs)),
        c("setACL", 7, 10, new Response.StatOnly(S), new SetACLResponse(zs)),
        c("getChildren", 8, 11, new Response.GetChildren(List.of("zookeeper", "a")), new GetChildrenResponse(List.of("zookeeper", "a"))),
        c("sync", 9, 12, new Response.Sync("/a"), new SyncResponse("/a")),
        c("ping", 11, -2, new Response.Empty()),
        c("getChildren2", 12, 13, new Response.GetChildren2(List.of(), S), new GetChildren2Response(List.of(), zs)),
        c("check", 13, 14, new Response.StatOnly(S), new SetDataResponse(zs)),
        c("checkWatches", 17, 15, new Response.Empty()),
        c("removeWatches", 18, 16, new Response.Empty()),
        c("auth", 100, -4, new Response.Empty()),
        c("setWatches", 101, -8, new Response.Empty()),
        c("getEphemerals", 103, 17, new Response.Ephemerals(List.of("/e1", "/e2")), new GetEphemeralsResponse(List.of("/e1", "/e2"))),
        c("getAllChildrenNumber", 104, 18, new Response.AllChildrenNumber(42), new GetAllChildrenNumberResponse(42)),
        c("setWatches2", 105, -8, new Response.Empty()),
        c("addWatch", 106, 19, new Response.Error(0), new ErrorResponse(0)),
        c("whoAmI", 107, 20, new Response.WhoAmI(List.of(new Response.ClientInfo("ip", "127.0.0.1"), new Response.ClientInfo("digest", "u"))),
            new WhoAmIResponse(List.of(new ClientInfo("ip", "127.0.0.1"), new ClientInfo("digest", "u")))),
        c("closeSession", -11, 21, new Response.Empty()),
        c("multi success", 14, 22, new Response.Multi(List.of(
                new Response.OpResult(1, 0, new Response.Create("/m1")),
                new Response.OpResult(15, 0, new Response.Create2("/m2", S)),
                new Response.OpResult(2, 0, new Response.Empty()),
                new Response.OpResult(5, 0, new Response.StatOnly(S)),
                new Response.OpResult(13, 0, new Response.Empty()))),
            zkMulti(new OpResult.CreateResult("/m1"), new OpResult.CreateResult("/m2", zs), new OpResult.DeleteResult(),
                new OpResult.SetDataResult(zs), new OpResult.CheckResult())),
        c("multi failure", 14, 23, new Response.Multi(List.of(
                new Response.OpResult(-1, 0, new Response.Error(0)),
                new Response.OpResult(-1, -101, new Response.Error(-101)),
                new Response.OpResult(-1, -2, new Response.Error(-2)))),
            zkMulti(new OpResult.ErrorResult(0), new OpResult.ErrorResult(-101), new OpResult.ErrorResult(-2))),
        c("empty multi", 14, 24, new Response.Multi(List.of()), zkMulti()),
        c("multiRead", 22, 25, new Response.Multi(List.of(
                new Response.OpResult(8, 0, new Response.GetChildren(List.of("x"))),
                new Response.OpResult(4, 0, new Response.GetData(DATA, S)),
                new Response.OpResult(-1, -101, new Response.Error(-101)))),
            zkMulti(new OpResult.GetChildrenResult(List.of("x")), new OpResult.GetDataResult(DATA, zs), new OpResult.ErrorResult(-101))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyResponse")
  void encodesExactlyLikeZooKeeper(String name, int opCode, int xid, Response ours, Record[] zk) {
    assertThat(ResponseCodec.encodeReply(xid, ZXID, 0, ours)).isEqualTo(Zk.bytes(zk));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyResponse")
  void decodesWhatZooKeeperWrites(String name, int opCode, int xid, Response ours, Record[] zk) {
    assertThat(ResponseCodec.decodeReply(Zk.bytes(zk), opCode)).usingRecursiveComparison()
        .isEqualTo(new ResponseCodec.Reply(xid, ZXID, 0, ours));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyResponse")
  void anErrorReplyIsTheHeaderAlone(String name, int opCode, int xid, Response ours, Record[] zk) {
    byte[] frame = ResponseCodec.encodeReply(xid, ZXID, Code.NONODE.value, ours);
    assertThat(frame).isEqualTo(Zk.bytes(new ReplyHeader(xid, ZXID, -101)));
    assertThat(ResponseCodec.decodeReply(frame, opCode)).usingRecursiveComparison()
        .isEqualTo(new ResponseCodec.Reply(xid, ZXID, -101, new Response.Empty()));
  }

  @Test
  void createContainerAndTtlResultsInAMultiGoOutAsCreate2() {
    Response.Multi ours = new Response.Multi(List.of(
        new Response.OpResult(19, 0, new Response.Create2("/c", S)),
        new Response.OpResult(21, 0, new Response.Create2("/t", S)),
        new Response.OpResult(20, 0, new Response.Empty())));
    MultiResponse zk = zkMulti(new OpResult.CreateResult("/c", Zk.stat(S)), new OpResult.CreateResult("/t", Zk.stat(S)),
        new OpResult.DeleteResult());
    assertThat(ResponseCodec.encodeReply(3, ZXID, 0, ours)).isEqualTo(Zk.bytes(new ReplyHeader(3, ZXID, 0), zk));
  }

  @Test
  void aMultiResultWhoseBodyDoesNotFitItsTypeIsRefused() {
    Response.Multi bad = new Response.Multi(List.of(new Response.OpResult(5, 0, new Response.Empty())));
    assertThatThrownBy(() -> ResponseCodec.encodeReply(1, 0, 0, bad)).isInstanceOf(IllegalArgumentException.class);
    Response.Multi badType = new Response.Multi(List.of(new Response.OpResult(3, 0, new Response.StatOnly(S))));
    assertThatThrownBy(() -> ResponseCodec.encodeReply(1, 0, 0, badType)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void notificationMatchesZooKeeperAndLiteralBytes() {
    WatcherEvent e = new WatcherEvent(WatcherEvent.NODE_DATA_CHANGED, WatcherEvent.STATE_SYNC_CONNECTED, "/a");
    byte[] frame = ResponseCodec.encodeNotification(ZXID, e);
    assertThat(frame).isEqualTo(Zk.bytes(new ReplyHeader(-1, ZXID, 0),
        new org.apache.zookeeper.proto.WatcherEvent(3, 3, "/a")));
    assertThat(frame).isEqualTo(ConnectCodecTest.hex("ffffffff" + "0000000300000007" + "00000000"
        + "00000003" + "00000003" + "00000002" + "2f61"));
    assertThat(ResponseCodec.decodeNotification(frame)).isEqualTo(new ResponseCodec.Notification(ZXID, e));
  }

  @Test
  void literalPingReply() {
    assertThat(ResponseCodec.encodeReply(-2, 0x100000001L, 0, new Response.Empty()))
        .isEqualTo(ConnectCodecTest.hex("fffffffe" + "0000000100000001" + "00000000"));
  }

  @Test
  void frameVariantsWriteThePrefixInPlaceAndAppend() {
    JuteOutput out = new JuteOutput(16);
    WatcherEvent e = new WatcherEvent(WatcherEvent.NODE_CREATED, 3, "/n");
    ResponseCodec.writeNotificationFrame(out, ZXID, e);
    ResponseCodec.writeReplyFrame(out, 9, ZXID, 0, new Response.GetData(DATA, S));
    byte[] a = Frames.withLengthPrefix(ResponseCodec.encodeNotification(ZXID, e));
    byte[] b = Frames.withLengthPrefix(ResponseCodec.encodeReply(9, ZXID, 0, new Response.GetData(DATA, S)));
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    assertThat(Arrays.copyOf(out.array(), out.size())).isEqualTo(both);
  }

  @Test
  void decodeReplyRejectsTruncationAndTrailingBytes() {
    byte[] frame = ResponseCodec.encodeReply(1, ZXID, 0, new Response.GetData(DATA, S));
    assertThatThrownBy(() -> ResponseCodec.decodeReply(Arrays.copyOf(frame, frame.length - 1), 4))
        .isInstanceOf(MalformedFrameException.class);
    assertThatThrownBy(() -> ResponseCodec.decodeReply(Arrays.copyOf(frame, frame.length + 1), 4))
        .isInstanceOf(MalformedFrameException.class);
  }
}
