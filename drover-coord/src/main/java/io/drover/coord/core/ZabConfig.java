package io.drover.coord.core;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One peer's view of the ensemble and its timers. The quorum is a majority of the VOTERS; observers never vote,
 * never ACK and learn commits through INFORM.
 *
 * @param commitLogCount how many trailing log entries a leader may send as a DIFF; a learner further behind gets
 *     a SNAP (ZooKeeper's committedLog size, 500)
 * @param maxOutstandingProposals bound on proposals a leader keeps in flight; {@code propose} refuses beyond it
 */
public record ZabConfig(long myId, Map<Long, Role> members, long tickMs, int initLimitTicks, int syncLimitTicks,
    long finalizeWaitMs, long maxNotificationIntervalMs, int commitLogCount, int maxOutstandingProposals) {
  public ZabConfig {
    members = Collections.unmodifiableMap(new TreeMap<>(members)); // sorted: iteration order is deterministic
    if (!members.containsKey(myId)) throw new IllegalArgumentException("myId " + myId + " is not a member");
    if (members.keySet().stream().anyMatch(id -> id < 0)) throw new IllegalArgumentException("negative server id");
    if (!members.containsValue(Role.VOTER)) throw new IllegalArgumentException("no voters");
    if (tickMs <= 0 || initLimitTicks <= 0 || syncLimitTicks <= 0 || finalizeWaitMs <= 0
        || maxNotificationIntervalMs < finalizeWaitMs || commitLogCount < 0 || maxOutstandingProposals <= 0) {
      throw new IllegalArgumentException("bad timers or limits for server " + myId);
    }
  }

  /** ZooKeeper's defaults: finalizeWait 200 ms, notification backoff up to 60 s, committedLog 500. */
  public static ZabConfig of(long myId, Map<Long, Role> members, long tickMs, int initLimitTicks,
      int syncLimitTicks, int maxOutstandingProposals) {
    return new ZabConfig(myId, members, tickMs, initLimitTicks, syncLimitTicks, 200, 60_000, 500,
        maxOutstandingProposals);
  }

  /** {@link #of(long, Map, long, int, int, int)} with at most 1,000 outstanding proposals. */
  public static ZabConfig of(long myId, Map<Long, Role> members, long tickMs, int initLimitTicks,
      int syncLimitTicks) {
    return of(myId, members, tickMs, initLimitTicks, syncLimitTicks, 1000);
  }

  public boolean isVoter(long id) { return members.get(id) == Role.VOTER; }

  public boolean iAmVoter() { return isVoter(myId); }

  public long voterCount() { return members.values().stream().filter(r -> r == Role.VOTER).count(); }

  /** True when the given ids contain a majority of the voters (ids that are not voters do not count). */
  public boolean isQuorum(java.util.Collection<Long> ids) {
    long votes = ids.stream().distinct().filter(this::isVoter).count();
    return votes * 2 > voterCount();
  }

  public long initLimitMs() { return tickMs * initLimitTicks; }

  public long syncLimitMs() { return tickMs * syncLimitTicks; }
}
