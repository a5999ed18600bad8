package io.drover.bench.swarm;

import java.io.IOException;

/** One side of the comparison. Workload ids are fresh per measurement; every call blocks until answered. */
sealed interface Orchestrator extends AutoCloseable permits SwarmSide, DroverSide {
  String name();

  /** Requests a new workload {@code id} of {@code instances}; returns once the request is accepted. */
  void create(String id, int instances) throws IOException, InterruptedException;

  void scale(String id, int instances) throws IOException, InterruptedException;

  /** A rolling restart with the same definition, {@link Workload#parallelism()} at a time. */
  void restart(String id) throws IOException, InterruptedException;

  Observation observe(String id) throws IOException, InterruptedException;

  /** Deletes workload {@code id} and waits until none of its containers is left (running or not). */
  void remove(String id) throws IOException, InterruptedException;

  @Override void close() throws IOException, InterruptedException;
}
