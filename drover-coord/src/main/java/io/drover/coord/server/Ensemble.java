package io.drover.coord.server;

/**
 * What makes a coord server a member of a replicated ensemble, as ZooKeeper's zoo.cfg {@code server.N} lines,
 * {@code initLimit} and {@code syncLimit} (in ticks; defaults 10 and 5).
 */
public record Ensemble(Peers peers, int initLimitTicks, int syncLimitTicks) {
  public static final int DEFAULT_INIT_LIMIT = 10;
  public static final int DEFAULT_SYNC_LIMIT = 5;

  public Ensemble {
    if (initLimitTicks <= 0) throw new IllegalArgumentException("--init-limit must be positive, was " + initLimitTicks);
    if (syncLimitTicks <= 0) throw new IllegalArgumentException("--sync-limit must be positive, was " + syncLimitTicks);
  }

  public static Ensemble of(Peers peers) { return new Ensemble(peers, DEFAULT_INIT_LIMIT, DEFAULT_SYNC_LIMIT); }
}
