package io.drover.coord.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.coord.session.SessionTable;
import io.drover.coord.wire.Acl;
import io.drover.coord.wire.Code;
import io.drover.coord.wire.ConnectResponse;
import io.drover.coord.wire.OpCode;
import io.drover.coord.wire.Request;
import io.drover.coord.wire.RequestPacket;
import io.drover.coord.wire.Response;
import io.drover.coord.wire.ResponseCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What real clients never send: hostile lengths, garbage, unknown opcodes, floods, stale sessions. The server
 * answers with ZooKeeper's error code or closes that one connection, and keeps serving everyone else.
 */
class BadInputTest {
  private static final int MAX_OUTSTANDING = 50;
  @TempDir static Path tmp;
  static CoordTestServer server;

  @BeforeAll static void start() throws Exception {
    server = CoordTestServer.start(tmp.resolve("data"),
        b -> b.maxOutstandingPerConnection(MAX_OUTSTANDING).metricsPort(MetricsHttp.EPHEMERAL));
  }

  @AfterAll static void stop() throws Exception { server.close(); }

  private static RawClient session() throws Exception {
    RawClient c = new RawClient(server.port());
    ConnectResponse r = c.connect(0, new byte[16], 30_000, 0);
    assertThat(r.timeOut()).isPositive();
    return c;
  }

  private static ResponseCodec.Reply call(RawClient c, int xid, int op, Request body) throws Exception {
    c.send(new RequestPacket(xid, op, body));
    return ResponseCodec.decodeReply(c.readFrame(), op);
  }

  private static void assertStillServing() throws Exception {
    try (ZooKeeper zk = server.client()) {
      assertThat(zk.exists("/", false)).isNotNull();
    }
  }

  @Test
  void hugeOrNegativeLengthClosesTheConnection() throws Exception {
    for (int len : new int[] {0x7fffffff, 0xfffff + 1025, -1}) {
      try (RawClient c = session()) {
        c.sendRaw(new byte[] {(byte) (len >>> 24), (byte) (len >>> 16), (byte) (len >>> 8), (byte) len, 1, 2, 3});
        assertThat(c.closedByServer()).as("length %d", len).isTrue();
      }
    }
    assertStillServing();
  }

  @Test
  void garbageHandshakeOrRequestClosesTheConnection() throws Exception {
    try (RawClient c = new RawClient(server.port())) {
      c.sendFrame(new byte[] {1, 2, 3, 4, 5});
      assertThat(c.closedByServer()).isTrue();
    }
    try (RawClient c = session()) {
      c.sendFrame(new byte[] {0, 0, 0, 7, 0, 0, 0, 1, (byte) 0xff}); // a create with a truncated body
      assertThat(c.closedByServer()).isTrue();
    }
    assertStillServing();
  }

  @Test
  void unknownOpcodeIsUnimplementedAndTheConnectionLivesOn() throws Exception {
    try (RawClient c = session()) {
      assertThat(call(c, 1, 999, new Request.Empty()).err()).isEqualTo(Code.UNIMPLEMENTED.value);
      assertThat(call(c, 2, OpCode.RECONFIG, new Request.Empty()).err()).isEqualTo(Code.UNIMPLEMENTED.value);
      ResponseCodec.Reply ok = call(c, 3, OpCode.EXISTS, new Request.Exists("/", false));
      assertThat(ok.err()).isZero();
      assertThat(ok.xid()).isEqualTo(3);
    }
  }

  @Test
  void invalidPathsAreBadArguments() throws Exception {
    try (RawClient c = session()) {
      int xid = 1;
      // As ZooKeeper's PrepRequestProcessor: a create finds the parent first (so "/missing/" is NONODE), then
      // validates the whole path; a delete only rejects paths without a slash, with NUL, or the special nodes.
      for (String path : new String[] {"no-slash", "/zookeeper/", "/zookeeper/.", "/zookeeper/..", "/nul\u0000"}) {
        var r = call(c, xid++, OpCode.CREATE, new Request.Create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, 0));
        assertThat(r.err()).as(path).isEqualTo(Code.BADARGUMENTS.value);
      }
      for (String path : new String[] {"relative", "/nul\u0000", "/zookeeper", "/zookeeper/config"}) {
        assertThat(call(c, xid++, OpCode.DELETE, new Request.Delete(path, -1)).err()).as(path).isEqualTo(Code.BADARGUMENTS.value);
      }
    }
  }

  @Test
  void aFloodOfRequestsIsThrottledAndAnsweredInOrder() throws Exception {
    int n = 20 * MAX_OUTSTANDING;
    try (RawClient c = session()) {
      for (int xid = 1; xid <= n; xid++) c.send(new RequestPacket(xid, OpCode.GET_DATA, new Request.GetData("/", false)));
      for (int xid = 1; xid <= n; xid++) {
        var r = ResponseCodec.decodeReply(c.readFrame(), OpCode.GET_DATA);
        assertThat(r.xid()).isEqualTo(xid);
        assertThat(r.body()).isInstanceOf(Response.GetData.class);
      }
    }
    assertStillServing();
  }

  @Test
  void wrongPasswordOrUnknownSessionGetsTimeoutZero() throws Exception {
    long sessionId;
    int timeout;
    try (RawClient c = new RawClient(server.port())) {
      ConnectResponse first = c.connect(0, new byte[16], 30_000, 0);
      sessionId = first.sessionId();
      timeout = first.timeOut();
    }
    try (RawClient c = new RawClient(server.port())) {
      byte[] wrong = SessionTable.password(sessionId);
      wrong[0] ^= 1;
      ConnectResponse r = c.connect(sessionId, wrong, 30_000, 0);
      assertThat(r.timeOut()).isZero();
      assertThat(r.sessionId()).isZero();
      assertThat(c.closedByServer()).isTrue();
    }
    try (RawClient c = new RawClient(server.port())) {
      assertThat(c.connect(0x1234_5678L, new byte[16], 30_000, 0).timeOut()).isZero();
    }
    try (RawClient c = new RawClient(server.port())) {
      ConnectResponse resumed = c.connect(sessionId, SessionTable.password(sessionId), 30_000, 0);
      assertThat(resumed.sessionId()).isEqualTo(sessionId);
      assertThat(resumed.timeOut()).isEqualTo(timeout);
    }
  }

  @Test
  void aClientAheadOfTheServerIsRefused() throws Exception {
    try (RawClient c = new RawClient(server.port())) {
      c.sendFrame(io.drover.coord.wire.ConnectCodec.encodeRequest(
          new io.drover.coord.wire.ConnectRequest(0, Long.MAX_VALUE, 30_000, 0, new byte[16], false, true)));
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void timeoutsAreClampedToTwoAndTwentyTicks() throws Exception {
    int tick = server.server().config().tickTimeMs();
    try (RawClient c = new RawClient(server.port())) {
      assertThat(c.connect(0, new byte[16], 1, 0).timeOut()).isEqualTo(2 * tick);
    }
    try (RawClient c = new RawClient(server.port())) {
      assertThat(c.connect(0, new byte[16], 10_000_000, 0).timeOut()).isEqualTo(20 * tick);
    }
  }

  @Test
  void anAbandonedSessionExpiresAndItsEphemeralsGoWithIt() throws Exception {
    BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
    try (ZooKeeper watcher = server.client(); RawClient c = new RawClient(server.port())) {
      ConnectResponse r = c.connect(0, new byte[16], 1, 0); // the minimum: two ticks
      var created = call(c, 1, OpCode.CREATE, new Request.Create("/abandoned", new byte[0], Acl.OPEN_ACL_UNSAFE, 1));
      assertThat(created.err()).isZero();
      assertThat(watcher.exists("/abandoned", events::add).getEphemeralOwner()).isEqualTo(r.sessionId());
      // No pings from here on: the session expires, the ephemeral is deleted and the watcher hears of it.
      WatchedEvent e = events.poll(20, TimeUnit.SECONDS);
      assertThat(e).isNotNull();
      assertThat(e.getType()).isEqualTo(Watcher.Event.EventType.NodeDeleted);
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void fourLetterWordsOutsideTheWhitelistAreRefused() throws Exception {
    try (CoordTestServer strict = CoordTestServer.start(tmp.resolve("strict"), b -> b.fourLetterWords(Set.of("srvr")))) {
      assertThat(FourLetter.ask(strict.port(), "ruok")).isEqualTo("ruok is not executed because it is not in the whitelist.\n");
      assertThat(FourLetter.ask(strict.port(), "srvr")).contains("Mode: standalone");
    }
  }

  @Test
  void prometheusMetricsAreServed() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.server().metricsPort() + "/metrics"))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("zk_znode_count", "zk_packets_received", "zk_avg_latency");
  }
}
