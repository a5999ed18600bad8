package io.drover.coord.core;

/**
 * ZooKeeper's acceptedEpoch and currentEpoch files. Setters are durable when they return (ZooKeeper writes these
 * files synchronously); a fresh server reads 0 for both.
 */
public interface EpochStore {
  long acceptedEpoch();

  long currentEpoch();

  void setAcceptedEpoch(long epoch);

  void setCurrentEpoch(long epoch);
}
