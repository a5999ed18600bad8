package io.drover.bench.zk;

/** Where a server runs: alone, or as one member of an {@link Ensemble}. */
public sealed interface Placement permits Placement.Standalone, Placement.InEnsemble {
  /** The port ZooKeeper clients connect to. */
  int clientPort();

  /** Short tag for directory and log names. */
  String tag();

  record Standalone(int clientPort) implements Placement {
    @Override public String tag() { return "standalone"; }
  }

  /**
   * Member {@code id} of {@code ensemble}, with the quorum timeouts every member shares.
   *
   * @param timing tickTime, initLimit and syncLimit, the same for both peers so failover is comparable
   */
  record InEnsemble(Ensemble ensemble, int id, QuorumTiming timing) implements Placement {
    public InEnsemble {
      ensemble.member(id);
    }

    @Override public int clientPort() { return ensemble.member(id).clientPort(); }

    @Override public String tag() { return "server" + id; }
  }

  /**
   * ZooKeeper's quorum timeouts: a tick, the ticks a learner has to connect and sync with a new
   * leader ({@code initLimit}), and the ticks it may lag before it is dropped ({@code syncLimit}).
   */
  record QuorumTiming(int tickTimeMs, int initLimitTicks, int syncLimitTicks) {
    public QuorumTiming {
      if (tickTimeMs < 1 || initLimitTicks < 1 || syncLimitTicks < 1) {
        throw new IllegalArgumentException("tickTime, initLimit and syncLimit must be positive");
      }
    }

    /** ZooKeeper's sample zoo.cfg: tickTime 2000, initLimit 10, syncLimit 5. */
    public static QuorumTiming zooKeeperSample() { return new QuorumTiming(2000, 10, 5); }
  }
}
