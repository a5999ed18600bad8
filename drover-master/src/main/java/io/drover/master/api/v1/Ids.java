package io.drover.master.api.v1;

import java.util.Objects;
import java.util.UUID;

/**
 * Generates ids the way the Mesos master does, from the master's own id {@code <M>} (a random UUID chosen at start,
 * injected here): frameworks {@code <M>-0000} ({@code %04d}, wider past 9999), agents {@code <M>-S<n>}, offers
 * {@code <M>-O<n>}; each counter starts at 0. Since a new master (or a failed-over one) has a new {@code <M>}, ids
 * never repeat across masters. Not thread-safe: the master calls it from its single state thread.
 */
public final class Ids {
  private final String masterId;
  private long nextFramework;
  private long nextAgent;
  private long nextOffer;

  public Ids(UUID masterId) { this(masterId.toString()); }

  /** @param masterId the master's id, normally a UUID string; must be non-empty */
  public Ids(String masterId) {
    Objects.requireNonNull(masterId, "masterId");
    if (masterId.isEmpty()) throw new IllegalArgumentException("master id is empty");
    this.masterId = masterId;
  }

  public String masterId() { return masterId; }

  public FrameworkID nextFrameworkId() { return new FrameworkID(String.format("%s-%04d", masterId, nextFramework++)); }

  public AgentID nextAgentId() { return new AgentID(masterId + "-S" + nextAgent++); }

  public OfferID nextOfferId() { return new OfferID(masterId + "-O" + nextOffer++); }
}
