package io.drover.coord.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.coord.core.Effect;
import io.drover.coord.core.PeerMessage;
import io.drover.coord.core.ProposeResult;
import io.drover.coord.core.Role;
import io.drover.coord.core.ServerState;
import io.drover.coord.core.ZabConfig;
import io.drover.coord.core.ZabPeer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client-facing hooks on a fault-free ensemble of 3 voters and an observer, with instant FIFO
 * delivery and instant fsync: election, propose, forward, sync, session touches and the mntr figures.
 */
final class ZabPeerScenarioTest {
  private record Msg(long from, long to, PeerMessage m) {}

  private final Map<Long, ZabPeer> peers = new TreeMap<>();
  private final Map<Long, SimDisk> disks = new TreeMap<>();
  private final Map<Long, List<Effect>> seen = new TreeMap<>();
  private final ArrayDeque<Msg> wire = new ArrayDeque<>();
  private long nowMs;

  @BeforeEach
  void start() {
    Map<Long, Role> members = Map.of(1L, Role.VOTER, 2L, Role.VOTER, 3L, Role.VOTER, 4L, Role.OBSERVER);
    SimState.Observer none = new SimState.Observer() {
      @Override public void applied(long zxid, byte[] txn, long previousZxid) { }

      @Override public void restored(TreeMap<Long, byte[]> content, long zxid, long previousZxid) { }
    };
    for (long id = 1; id <= 4; id++) {
      long me = id;
      SimDisk disk = new SimDisk();
      disks.put(id, disk);
      seen.put(id, new ArrayList<>());
      ZabConfig config = ZabConfig.of(id, members, 200, 10, 5);
      peers.put(id, new ZabPeer(config, disk, disk, new SimState(disk, none),
          () -> ("touches-of-" + me).getBytes(StandardCharsets.UTF_8), e -> onEffect(me, e)));
    }
    peers.values().forEach(p -> p.start(nowMs));
    runFor(2_000);
  }

  private void onEffect(long from, Effect e) {
    seen.get(from).add(e);
    if (e instanceof Effect.Send s) wire.add(new Msg(from, s.to(), s.message()));
  }

  /** Delivers messages instantly, syncs every log at once, ticks every 50 ms. */
  private void runFor(long ms) {
    long end = nowMs + ms;
    while (nowMs < end) {
      for (int i = 0; i < 10_000 && !wire.isEmpty(); i++) {
        Msg m = wire.poll();
        if (!peers.containsKey(m.to())) continue; // a stopped server
        peers.get(m.to()).onMessage(nowMs, m.from(), m.m());
        for (var p : peers.entrySet()) p.getValue().onLogSynced(nowMs, disks.get(p.getKey()).lastZxid());
      }
      nowMs += 50;
      peers.values().forEach(p -> p.onTick(nowMs));
    }
  }

  private ZabPeer leader() {
    return peers.values().stream().filter(p -> p.state() == ServerState.LEADING).findFirst().orElseThrow();
  }

  @Test
  void theHighestIdLeadsAndEveryoneServes() {
    assertThat(leader().config().myId()).isEqualTo(3);
    assertThat(peers.get(4L).state()).isEqualTo(ServerState.OBSERVING);
    assertThat(peers.values()).allSatisfy(p -> assertThat(p.serving()).isTrue());
    assertThat(leader().learnerCount()).isEqualTo(3);
    assertThat(leader().syncedFollowers()).isEqualTo(2);
    assertThat(leader().syncedObservers()).isEqualTo(1);
    assertThat(peers.get(1L).leaderId()).isEqualTo(3);
    assertThat(leader().epoch()).isEqualTo(1);
  }

  @Test
  void proposalsCommitEverywhereInOrderAndOnlyTheLeaderProposes() {
    long z1 = ((ProposeResult.Accepted) leader().propose(nowMs, new byte[] {1})).zxid();
    long z2 = ((ProposeResult.Accepted) leader().propose(nowMs, new byte[] {2})).zxid();
    assertThat(leader().pendingProposals()).isEqualTo(2);
    assertThat(peers.get(1L).propose(nowMs, new byte[] {3})).isInstanceOf(ProposeResult.Refused.class);
    runFor(100);
    assertThat(z2).isEqualTo(z1 + 1).isEqualTo((1L << 32) | 2);
    assertThat(leader().pendingProposals()).isZero();
    for (var e : seen.entrySet()) {
      assertThat(e.getValue()).as("server %d", e.getKey()).filteredOn(Effect.Committed.class::isInstance)
          .containsExactly(new Effect.Committed(z1), new Effect.Committed(z2));
    }
    assertThat(peers.values()).allSatisfy(p -> assertThat(p.lastCommittedZxid()).isEqualTo(z2));
  }

  @Test
  void forwardSyncAndTouchesReachTheLeader() {
    assertThat(peers.get(4L).forward(nowMs, new byte[] {7})).isTrue();
    assertThat(peers.get(1L).sync(nowMs, 41)).isTrue();
    assertThat(leader().sync(nowMs, 42)).isTrue();
    runFor(300);
    List<Effect> atLeader = seen.get(3L);
    assertThat(atLeader).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(Effect.RequestFromLearner.class,
        r -> assertThat(r.learnerId()).isEqualTo(4)));
    assertThat(atLeader).contains(new Effect.SyncDone(42));
    assertThat(seen.get(1L)).contains(new Effect.SyncDone(41));
    assertThat(atLeader).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(Effect.LearnerPing.class,
        p -> assertThat(new String(p.touches(), StandardCharsets.UTF_8)).isEqualTo("touches-of-" + p.learnerId())));
  }

  @Test
  void aFollowerThatLosesItsLeaderStopsServingAndAQuorumElectsAnother() {
    peers.remove(3L); // the leader vanishes: its messages and ticks stop
    wire.removeIf(m -> m.to() == 3 || m.from() == 3);
    runFor(100);
    assertThat(peers.get(1L).serving()).isTrue(); // not yet: syncLimit is 5 ticks of 200 ms
    runFor(1_100);
    assertThat(seen.get(1L)).contains(new Effect.RoleChanged(ServerState.LOOKING, 1, -1, false));
    runFor(3_000);
    assertThat(leader().config().myId()).isEqualTo(2);
    assertThat(leader().epoch()).isEqualTo(2);
    assertThat(leader().serving()).isTrue();
  }
}
