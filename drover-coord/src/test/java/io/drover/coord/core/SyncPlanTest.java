package io.drover.coord.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.coord.core.SyncPlan.Mode;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

final class SyncPlanTest {
  /** A leader log holding zxids (1,1)..(1,5) then (3,1)..(3,3), based at {@code base}. */
  private static ZabLog log(long base, long... zxids) {
    TreeMap<Long, byte[]> m = new TreeMap<>();
    for (long z : zxids) m.put(z, new byte[0]);
    return new ZabLog() {
      @Override public void append(long zxid, byte[] txn) { throw new UnsupportedOperationException(); }

      @Override public void truncateAfter(long zxid) { throw new UnsupportedOperationException(); }

      @Override public void reset(long baseZxid) { throw new UnsupportedOperationException(); }

      @Override public long lastZxid() { return m.isEmpty() ? base : m.lastKey(); }

      @Override public long baseZxid() { return base; }

      @Override public boolean contains(long zxid) { return m.containsKey(zxid); }

      @Override public long lastZxidBefore(long zxid) {
        Long k = m.lowerKey(zxid);
        return k == null ? base : k;
      }

      @Override public List<LogEntry> entriesAfter(long zxid, int limit) {
        return m.tailMap(zxid, false).entrySet().stream().limit(limit)
            .map(e -> new LogEntry(e.getKey(), e.getValue())).toList();
      }

      @Override public int countAfter(long zxid) { return m.tailMap(zxid, false).size(); }
    };
  }

  private static final long E1_3 = Zxid.make(1, 3);
  private static final long E1_5 = Zxid.make(1, 5);
  private static final long E3_3 = Zxid.make(3, 3);
  private static final ZabLog LEADER = log(0, Zxid.make(1, 1), Zxid.make(1, 2), E1_3, Zxid.make(1, 4), E1_5,
      Zxid.make(3, 1), Zxid.make(3, 2), E3_3);

  @Test
  void samePointOrPrefixIsADiff() {
    assertThat(SyncPlan.plan(E3_3, 0, LEADER, E3_3, 500)).isEqualTo(new SyncPlan(Mode.DIFF, E3_3));
    assertThat(SyncPlan.plan(E1_3, 0, LEADER, E3_3, 500)).isEqualTo(new SyncPlan(Mode.DIFF, E1_3));
    assertThat(SyncPlan.plan(0, 0, LEADER, E3_3, 500)).isEqualTo(new SyncPlan(Mode.DIFF, 0));
  }

  @Test
  void txnsTheLeaderNeverHadAreTruncated() {
    // learner logged (1,6),(1,7) in epoch 1 that were never committed; the leader moved on to epoch 3
    assertThat(SyncPlan.plan(Zxid.make(1, 7), 0, LEADER, E3_3, 500)).isEqualTo(new SyncPlan(Mode.TRUNC, E1_5));
    // learner is ahead of the leader in the leader's own epoch numbering
    assertThat(SyncPlan.plan(Zxid.make(3, 9), 0, LEADER, E3_3, 500)).isEqualTo(new SyncPlan(Mode.TRUNC, E3_3));
  }

  @Test
  void tooFarBehindOrBelowTheLogIsASnap() {
    assertThat(SyncPlan.plan(0, 0, LEADER, E3_3, 4)).isEqualTo(new SyncPlan(Mode.SNAP, E3_3));
    ZabLog compacted = log(E1_3, Zxid.make(1, 4), E1_5, E3_3);
    assertThat(SyncPlan.plan(Zxid.make(1, 2), 0, compacted, E1_5, 500)).isEqualTo(new SyncPlan(Mode.SNAP, E1_5));
    assertThat(SyncPlan.plan(E1_3, 0, compacted, E1_5, 500)).isEqualTo(new SyncPlan(Mode.DIFF, E1_3));
  }

  @Test
  void aSnapNeverTakesTheLearnersStateBackwards() {
    // the leader's state lags its log (not yet established): a long DIFF instead of an older snapshot
    assertThat(SyncPlan.plan(E1_3, E1_3, LEADER, Zxid.make(1, 1), 2)).isEqualTo(new SyncPlan(Mode.DIFF, E1_3));
  }
}
