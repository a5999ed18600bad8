package io.drover.coord.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.coord.wire.ConnectCodec;
import io.drover.coord.wire.ConnectRequest;
import io.drover.coord.wire.ConnectResponse;
import io.drover.coord.wire.OpCode;
import io.drover.coord.wire.Request;
import io.drover.coord.wire.RequestPacket;
import io.drover.coord.wire.ResponseCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that loses its leader keeps its clients for up to one tickTime while a new leader is elected (ZooKeeper
 * would close them all): sessions, connections and watches carry on, and only a client whose write went down with
 * the old leader gets a ConnectionLoss.
 */
class ElectionHoldTest {
  @TempDir Path tmp;

  private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

  /** The client's connection states and node events, in order. */
  private static final class Recorder implements Watcher {
    final List<Event.KeeperState> states = new CopyOnWriteArrayList<>();
    final List<Event.EventType> nodeEvents = new CopyOnWriteArrayList<>();

    @Override public void process(WatchedEvent e) {
      if (e.getType() == Event.EventType.None) states.add(e.getState());
      else nodeEvents.add(e.getType());
    }
  }

  private static TestEnsemble ensemble(Path dir, int tickMs) throws Exception {
    return TestEnsemble.start(dir, 3, 0, b -> b.tickTimeMs(tickMs));
  }

  @Test
  void aFollowersClientsKeepTheirConnectionsSessionsAndWatchesWhileTheLeaderIsReplaced() throws Exception {
    try (TestEnsemble ensemble = ensemble(tmp, 1_000)) {
      long leader = ensemble.awaitServing();
      long follower = ensemble.aFollower(leader);
      Recorder events = new Recorder();
      try (ZooKeeper zk = CoordTestServer.connect(ensemble.connectString(follower), 10_000, events)) {
        zk.create("/w", bytes("0"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.getData("/w", true, null);
        long session = zk.getSessionId();

        ensemble.stop(leader);
        zk.setData("/w", bytes("1"), 0); // issued while the followers elect: waits for the new leader

        long newLeader = ensemble.awaitServing();
        assertThat(newLeader).isNotEqualTo(leader);
        assertThat(zk.getData("/w", false, null)).isEqualTo(bytes("1"));
        assertThat(events.nodeEvents).as("the watch set before the election fired").containsExactly(
            Watcher.Event.EventType.NodeDataChanged);
        assertThat(events.states).as("never disconnected").containsExactly(Watcher.Event.KeeperState.SyncConnected);
        assertThat(zk.getSessionId()).isEqualTo(session);
      }
    }
  }

  @Test
  void pingsAreAnsweredAndNewClientsWaitUntilTheQuorumIsBack() throws Exception {
    try (TestEnsemble ensemble = ensemble(tmp, 3_000)) {
      long leader = ensemble.awaitServing();
      long survivor = ensemble.aFollower(leader);
      int port = ensemble.clientPort(survivor);
      try (RawClient kept = new RawClient(port)) {
        ConnectResponse session = kept.connect(0, new byte[16], 10_000, 0);
        assertThat(session.sessionId()).isNotZero();
        List<Long> others = ensemble.ids().stream().filter(id -> id != survivor).toList();
        for (long id : others) ensemble.stop(id);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ensemble.mode(survivor) == null);

        kept.send(new RequestPacket(OpCode.XID_PING, OpCode.PING, new Request.Empty()));
        assertThat(ResponseCodec.decodeReply(kept.readFrame(), OpCode.PING).xid()).as("a ping while electing")
            .isEqualTo(OpCode.XID_PING);
        try (RawClient late = new RawClient(port)) {
          late.sendFrame(ConnectCodec.encodeRequest(new ConnectRequest(0, 0, 10_000, 0, new byte[16], false, true)));
          kept.send(new RequestPacket(1, OpCode.EXISTS, new Request.Exists("/", false)));
          ensemble.start(others.get(0));

          ConnectResponse answered = ConnectCodec.decodeResponse(late.readFrame());
          assertThat(answered.sessionId()).as("the handshake waited for the quorum").isNotZero();
          assertThat(ResponseCodec.decodeReply(kept.readFrame(), OpCode.EXISTS).xid()).as("the held read").isEqualTo(1);
          assertThat(ensemble.mode(survivor)).isIn("leader", "follower");
        }
      }
    }
  }

  @Test
  void withoutALeaderWithinATickTheKeptConnectionsClose() throws Exception {
    try (TestEnsemble ensemble = ensemble(tmp, 500)) {
      long leader = ensemble.awaitServing();
      long survivor = ensemble.aFollower(leader);
      Recorder events = new Recorder();
      try (ZooKeeper zk = CoordTestServer.connect(ensemble.connectString(survivor), 10_000, events)) {
        for (long id : ensemble.ids()) if (id != survivor) ensemble.stop(id);
        Awaitility.await().atMost(Duration.ofSeconds(10))
            .until(() -> events.states.contains(Watcher.Event.KeeperState.Disconnected));
        assertThat(ensemble.mode(survivor)).isNull();
        try (RawClient late = new RawClient(ensemble.clientPort(survivor))) {
          late.sendFrame(ConnectCodec.encodeRequest(new ConnectRequest(0, 0, 10_000, 0, new byte[16], false, true)));
          assertThat(late.closedByServer()).as("no longer kept: a new client is refused").isTrue();
        }
      }
    }
  }

  @Test
  void aWriteLostWithTheOldLeaderEndsOnlyItsOwnConnection() throws Exception {
    // An isolated leader is noticed after syncLimit (5 ticks); the followers then elect within the tick they keep.
    try (TestEnsemble ensemble = ensemble(tmp, 1_000)) {
      long leader = ensemble.awaitServing();
      long follower = ensemble.aFollower(leader);
      Recorder lostEvents = new Recorder();
      Recorder idleEvents = new Recorder();
      try (ZooKeeper lost = CoordTestServer.connect(ensemble.connectString(follower), 10_000, lostEvents);
           ZooKeeper idle = CoordTestServer.connect(ensemble.connectString(follower), 10_000, idleEvents)) {
        lost.create("/x", bytes("0"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        long lostSession = lost.getSessionId();
        ensemble.isolate(leader); // the forwarded write goes nowhere; the followers elect a new leader
        AtomicInteger rc = new AtomicInteger(Integer.MIN_VALUE);
        lost.setData("/x", bytes("1"), 0, (code, path, ctx, stat) -> rc.set(code), null);

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> rc.get() != Integer.MIN_VALUE);
        assertThat(KeeperException.Code.get(rc.get())).isEqualTo(KeeperException.Code.CONNECTIONLOSS);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "leader".equals(ensemble.mode(follower))
            || "follower".equals(ensemble.mode(follower)));
        idle.setData("/x", bytes("2"), 0);
        assertThat(idleEvents.states).as("the other client of that server kept its connection")
            .containsExactly(Watcher.Event.KeeperState.SyncConnected);
        assertThat(lostEvents.states).contains(Watcher.Event.KeeperState.Disconnected);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> lost.getState() == ZooKeeper.States.CONNECTED);
        assertThat(lost.getSessionId()).isEqualTo(lostSession);
        assertThat(lost.getData("/x", false, null)).as("the lost write was never applied").isEqualTo(bytes("2"));
        ensemble.heal(leader);
      }
    }
  }
}
