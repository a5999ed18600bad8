package io.drover.coord.core;

/** Receives the peer's effects, in order, synchronously on the calling thread. */
@FunctionalInterface
public interface Outbox {
  void emit(Effect effect);
}
