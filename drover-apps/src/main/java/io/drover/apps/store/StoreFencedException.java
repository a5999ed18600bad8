package io.drover.apps.store;

/**
 * A write was refused because this instance does not lead: either its {@link Fence} said so, or the fencing znode
 * (its leader latch node) no longer existed when the write reached ZooKeeper. Nothing of the refused write was
 * applied (chunks of a refused split value may remain; the next write of that value removes them).
 */
public final class StoreFencedException extends StoreException {
  public StoreFencedException(String message, Throwable cause) { super(message, cause); }

  public StoreFencedException(String message) { super(message); }
}
