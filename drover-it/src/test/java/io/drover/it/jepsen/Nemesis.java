package io.drover.it.jepsen;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects faults into an {@link Ensemble} on a schedule: each fault is injected, held for {@code hold}, then repaired
 * (heal, restart); once the ensemble serves again it runs unfaulted for {@code recover} before the next one. Faults cycle through kill -9 of the
 * leader, of a follower and of a quorum, isolating the leader, symmetric and asymmetric partitions, and slow links.
 * Runs on its own scheduler thread (no sleeps); {@link #run} completes when the time is up and everything is repaired.
 */
final class Nemesis implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Nemesis.class);
  private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(30);

  /** A fault injected or repaired ({@code repair}), what it was, and when (ms since the nemesis started). */
  record Injected(long atMs, String description, boolean repair) {}

  private interface Fault {
    /** Injects the fault and returns the repair plus a description. */
    Injection inject() throws IOException;
  }

  private record Injection(String description, Repair repair) {}

  private interface Repair {
    void run() throws IOException;
  }

  private final Ensemble ensemble;
  private final Random rnd;
  private final Duration hold;
  private final Duration recover;
  private final List<Injected> injected = new ArrayList<>();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("nemesis").daemon().factory());
  private final List<Fault> faults;
  private long startNs;

  Nemesis(Ensemble ensemble, long seed, Duration hold, Duration recover) {
    this.ensemble = ensemble;
    this.rnd = new Random(seed);
    this.hold = hold;
    this.recover = recover;
    // Ordered so that a short run still sees each kind of fault: crash, partition, quorum loss, slow network.
    this.faults = List.of(this::killLeader, this::isolateLeader, this::asymmetricPartition, this::killQuorum,
        this::symmetricPartition, this::slowLinks, this::killFollower);
  }

  /** Injects faults until {@code duration} has passed, then repairs the last one; the future completes after that. */
  CompletableFuture<List<Injected>> run(Duration duration) {
    CompletableFuture<List<Injected>> done = new CompletableFuture<>();
    startNs = System.nanoTime();
    long endNs = startNs + duration.toNanos();
    scheduler.schedule(() -> next(0, endNs, done), recover.toMillis(), TimeUnit.MILLISECONDS);
    return done;
  }

  private void next(int i, long endNs, CompletableFuture<List<Injected>> done) {
    if (System.nanoTime() + hold.toNanos() > endNs) {
      done.complete(injected());
      return;
    }
    try {
      Injection injection = faults.get(i % faults.size()).inject();
      record(injection.description(), false);
      scheduler.schedule(() -> {
        try {
          String during = modes();
          injection.repair().run();
          record("repaired: " + injection.description() + " (modes before repair: " + during + ")", true);
          awaitRecovery();
          scheduler.schedule(() -> next(i + 1, endNs, done), recover.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException | RuntimeException e) {
          done.completeExceptionally(e);
        }
      }, hold.toMillis(), TimeUnit.MILLISECONDS);
    } catch (IOException | RuntimeException e) {
      done.completeExceptionally(e);
    }
  }

  private void record(String description, boolean repair) {
    long atMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
    log.info("nemesis at {} ms: {}", atMs, description);
    synchronized (injected) {
      injected.add(new Injected(atMs, description, repair));
    }
  }

  /**
   * Waits (bounded) until the ensemble serves again, so each fault hits a working ensemble rather than one still
   * recovering from the previous fault. Not recovering in time is recorded, not fatal: the test's final wait decides.
   */
  private void awaitRecovery() {
    try {
      int leader = ensemble.awaitServing(RECOVERY_TIMEOUT);
      record("serving again, leader " + leader, true);
    } catch (ConditionTimeoutException e) {
      record("NOT serving " + RECOVERY_TIMEOUT.toSeconds() + " s after the repair: " + modes(), true);
    }
  }

  /** What each server reports in srvr right now, e.g. {@code 1=leader 2=follower 3=-} ("-": not serving). */
  private String modes() {
    StringBuilder sb = new StringBuilder();
    for (int id : ensemble.ids()) {
      if (!sb.isEmpty()) sb.append(' ');
      sb.append(id).append('=').append(ensemble.isRunning(id) ? ensemble.mode(id).orElse("-") : "down");
    }
    return sb.toString();
  }

  List<Injected> injected() {
    synchronized (injected) {
      return List.copyOf(injected);
    }
  }

  /** The current leader, or a random voter when none is known right now. */
  private int leaderOrAny() {
    List<Integer> voters = ensemble.voters();
    return ensemble.leader().orElse(voters.get(rnd.nextInt(voters.size())));
  }

  private int followerOf(int leader) {
    List<Integer> others = ensemble.voters().stream().filter(id -> id != leader).toList();
    return others.get(rnd.nextInt(others.size()));
  }

  private Injection killLeader() {
    int id = leaderOrAny();
    ensemble.kill9(id);
    return new Injection("kill -9 leader " + id, () -> ensemble.restart(id));
  }

  private Injection killFollower() {
    int id = followerOf(leaderOrAny());
    ensemble.kill9(id);
    return new Injection("kill -9 follower " + id, () -> ensemble.restart(id));
  }

  private Injection killQuorum() {
    int leader = leaderOrAny();
    int follower = followerOf(leader);
    ensemble.kill9(leader);
    ensemble.kill9(follower);
    return new Injection("kill -9 leader " + leader + " and follower " + follower + " (quorum lost)", () -> {
      ensemble.restart(leader);
      ensemble.restart(follower);
    });
  }

  private Injection isolateLeader() {
    int id = leaderOrAny();
    ensemble.partition(List.of(id), FaultProxy.PartitionMode.BLACKHOLE);
    return new Injection("isolate leader " + id + " (black hole)", ensemble::heal);
  }

  private Injection symmetricPartition() {
    int id = followerOf(leaderOrAny());
    ensemble.partition(List.of(id), FaultProxy.PartitionMode.REFUSE);
    return new Injection("partition follower " + id + " from the rest (refuse)", ensemble::heal);
  }

  private Injection asymmetricPartition() {
    List<Integer> ids = ensemble.ids();
    int id = ids.get(rnd.nextInt(ids.size()));
    ensemble.cutOutgoing(id, FaultProxy.PartitionMode.BLACKHOLE);
    return new Injection("cut the links server " + id + " opens (asymmetric, black hole)", ensemble::heal);
  }

  private Injection slowLinks() {
    Duration delay = Duration.ofMillis(50 + rnd.nextInt(150));
    ensemble.delay(delay);
    return new Injection("delay every peer link by " + delay.toMillis() + " ms", ensemble::heal);
  }

  @Override public void close() {
    scheduler.shutdownNow();
    try {
      if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) throw new IllegalStateException("nemesis did not stop");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
