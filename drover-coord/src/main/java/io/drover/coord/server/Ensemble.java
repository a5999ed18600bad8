package io.drover.coord.server;

/**
 * What makes a coord server a member of a replicated ensemble, as ZooKeeper's zoo.cfg {@code server.N} lines,
 * {@code initLimit} and {@code syncLimit} (in ticks; defaults 10 and 5).
 *
 * @param maxOutstandingProposals proposals a leader keeps in flight; further writes wait in order for room
 * @param readOnlyMode while not part of a serving quorum, accept clients that allow read-only servers and serve
 *     them reads (ZooKeeper's {@code readonlymode.enabled}); off by default, as in ZooKeeper
 */
public record Ensemble(Peers peers, int initLimitTicks, int syncLimitTicks, int maxOutstandingProposals,
    boolean readOnlyMode) {
  public static final int DEFAULT_INIT_LIMIT = 10;
  public static final int DEFAULT_SYNC_LIMIT = 5;
  public static final int DEFAULT_MAX_OUTSTANDING_PROPOSALS = 20_000;

  public Ensemble {
    if (initLimitTicks <= 0) throw new IllegalArgumentException("--init-limit must be positive, was " + initLimitTicks);
    if (syncLimitTicks <= 0) throw new IllegalArgumentException("--sync-limit must be positive, was " + syncLimitTicks);
    if (maxOutstandingProposals <= 0) {
      throw new IllegalArgumentException("maxOutstandingProposals must be positive, was " + maxOutstandingProposals);
    }
  }

  public Ensemble(Peers peers, int initLimitTicks, int syncLimitTicks) {
    this(peers, initLimitTicks, syncLimitTicks, DEFAULT_MAX_OUTSTANDING_PROPOSALS, false);
  }

  public static Ensemble of(Peers peers) { return new Ensemble(peers, DEFAULT_INIT_LIMIT, DEFAULT_SYNC_LIMIT); }
}
