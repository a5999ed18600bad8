package io.drover.master.cluster;

/**
 * Ids the master hands out (mesos.md §1 "ID formats"). Injected so the core stays pure and tests get stable ids.
 * Implementations must never repeat an id within one master's lifetime.
 */
public interface IdGenerator {
  /** {@code <M>-0000}, {@code <M>-0001}, ... */
  String nextFrameworkId();

  /** {@code <M>-S0}, {@code <M>-S1}, ... */
  String nextAgentId();

  /** {@code <M>-O0}, {@code <M>-O1}, ... */
  String nextOfferId();

  /** Sequential ids under {@code masterId} (the master's random UUID, chosen by the driver at start-up). */
  static IdGenerator sequential(String masterId) { return new Sequential(masterId); }

  /** Counter-based ids; not thread-safe, like the core that owns it. */
  final class Sequential implements IdGenerator {
    private final String masterId;
    private long frameworks;
    private long agents;
    private long offers;

    Sequential(String masterId) { this.masterId = masterId; }

    @Override public String nextFrameworkId() { return masterId + "-" + String.format("%04d", frameworks++); }

    @Override public String nextAgentId() { return masterId + "-S" + agents++; }

    @Override public String nextOfferId() { return masterId + "-O" + offers++; }
  }
}
