package io.drover.it.jepsen;

/**
 * One operation of a history: who ran it ({@code process}: one client session; a new session is a new process),
 * on which key, what it asked and what it got, and when (invoke and complete from one monotonic clock,
 * {@link System#nanoTime()}).
 *
 * <p>The meaning of {@code value} and {@code version} depends on {@code kind}:
 * <ul>
 *   <li>{@link Kind#READ}: the observed data and data version (meaningful only when {@link Outcome#OK});
 *   <li>{@link Kind#WRITE}: the value written; {@code version} is the data version the server returned for it,
 *       or {@link #UNKNOWN_VERSION};
 *   <li>{@link Kind#CAS}: the value written; {@code version} is the expected version the write was conditional on.
 * </ul>
 *
 * <p>An {@link Outcome#INFO} operation's {@code completeNs} is when the client gave up on it; the checker treats it as
 * open-ended: it may take effect at any point after its invoke, or never.
 */
public record Op(int process, String key, Kind kind, long value, long version, Outcome outcome, long invokeNs,
                 long completeNs) {
  public static final long UNKNOWN_VERSION = -1;

  public enum Kind { READ, WRITE, CAS }

  /** OK: happened with this result; FAIL: certainly did not happen; INFO: unknown (may have happened, or not). */
  public enum Outcome { OK, FAIL, INFO }

  public Op {
    if (key == null || kind == null || outcome == null) throw new IllegalArgumentException("key, kind and outcome are required");
    if (completeNs < invokeNs) throw new IllegalArgumentException("completes before it is invoked: " + invokeNs + " > " + completeNs);
  }

  public static Op read(int process, String key, Register observed, Outcome outcome, long invokeNs, long completeNs) {
    return new Op(process, key, Kind.READ, observed.value(), observed.version(), outcome, invokeNs, completeNs);
  }

  public static Op write(int process, String key, long value, long newVersion, Outcome outcome, long invokeNs, long completeNs) {
    return new Op(process, key, Kind.WRITE, value, newVersion, outcome, invokeNs, completeNs);
  }

  public static Op cas(int process, String key, long expectedVersion, long value, Outcome outcome, long invokeNs, long completeNs) {
    return new Op(process, key, Kind.CAS, value, expectedVersion, outcome, invokeNs, completeNs);
  }

  /** This operation with another invoke time (used to widen a read's window; see {@link StaleReadRule}). */
  Op invokedAt(long newInvokeNs) {
    return new Op(process, key, kind, value, version, outcome, newInvokeNs, completeNs);
  }

  /** True when the operation changes the register if it takes effect. */
  boolean isWrite() { return kind != Kind.READ; }

  /**
   * The register after this operation takes effect in {@code state}, or null when it cannot be linearized there. An
   * INFO CAS whose expected version does not match is also null: it would be a no-op, which is the same as never
   * taking effect, and refusing it keeps the search from exploring equivalent orders.
   */
  Register step(Register state) {
    return switch (kind) {
      case READ -> state.value() == value && state.version() == version ? state : null;
      case WRITE -> version == UNKNOWN_VERSION || outcome != Outcome.OK || version == state.version() + 1
          ? state.written(value) : null;
      case CAS -> state.version() == version ? state.written(value) : null;
    };
  }

  /** A one-line rendering with times in ms relative to {@code originNs}. */
  String describe(long originNs) {
    String what = switch (kind) {
      case READ -> outcome == Outcome.OK ? "read -> " + new Register(value, version) : "read";
      case WRITE -> "write " + value + (version == UNKNOWN_VERSION ? "" : " -> version " + version);
      case CAS -> "cas(expect version " + version + ", set " + value + ")";
    };
    String end = outcome == Outcome.INFO ? "open" : String.format("%.1f ms", (completeNs - originNs) / 1e6);
    return String.format("p%d %s %s %s [%.1f ms .. %s]", process, key, what, outcome.name().toLowerCase(),
        (invokeNs - originNs) / 1e6, end);
  }
}
