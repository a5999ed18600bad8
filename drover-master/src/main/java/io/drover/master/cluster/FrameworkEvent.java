package io.drover.master.cluster;

import java.util.List;

/** Scheduler API events (mesos.md §1 "Events") as domain records; the API layer maps them to JSON. */
public sealed interface FrameworkEvent {
  record Subscribed(String frameworkId, double heartbeatIntervalSeconds) implements FrameworkEvent {}

  record Offers(List<Offer> offers) implements FrameworkEvent {
    public Offers { offers = List.copyOf(offers); }
  }

  record Rescind(String offerId) implements FrameworkEvent {}

  record Update(TaskStatus status) implements FrameworkEvent {}

  /** An agent was lost (unreachable or gone); {@code executorId} null for the agent as a whole. */
  record Failure(String agentId, String executorId) implements FrameworkEvent {}

  record Error(String message) implements FrameworkEvent {}
}
