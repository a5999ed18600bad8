package io.drover.coord.core;

/** A peer's state as ZooKeeper names it (QuorumPeer.ServerState); ordinals match ZooKeeper's. */
public enum ServerState { LOOKING, FOLLOWING, LEADING, OBSERVING }
