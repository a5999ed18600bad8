package io.drover.coord.core;

/** Supplies the opaque session touches a learner piggybacks on its PING reply (ZooKeeper: (sessionId, timeout) pairs). */
@FunctionalInterface
public interface TouchSource {
  byte[] drainTouches();

  TouchSource NONE = () -> new byte[0];
}
