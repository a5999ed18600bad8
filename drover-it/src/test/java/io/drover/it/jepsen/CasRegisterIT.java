package io.drover.it.jepsen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jepsen-style CAS register test of an ensemble under faults. {@value #KEYS} znodes, {@value #CLIENTS} clients (each
 * its own session to one server, spread over all servers) doing reads, CAS ({@code setData} with a version) and plain
 * writes while a {@link Nemesis} kills leaders, followers and quorums and partitions and slows links. Afterwards, with
 * everything repaired and the ensemble serving, it checks:
 * <ol>
 *   <li>writes and CAS are linearizable, and reads satisfy ZooKeeper's weaker read rule ({@link StaleReadRule}: reads
 *       are served locally and may be stale, so they are checked in a widened window plus per-session monotonicity);
 *   <li>no acknowledged write was lost ({@link LostWrites}), against each key's final register read on the leader.
 * </ol>
 * The ensemble kind comes from {@code -Djepsen.ensemble=zookeeper|coord} (default coord; skipped with the reason
 * while {@code drover coord} rejects the ensemble options {@code --id/--peers}; any other start failure fails).
 * The run length is {@code -Djepsen.seconds} (default 40).
 */
class CasRegisterIT {
  private static final int KEYS = 5;
  private static final int CLIENTS = 8;
  private static final int VOTERS = 3;
  private static final int OBSERVERS = 1;
  private static final int SESSION_TIMEOUT_MS = 4000;
  private static final long OP_INTERVAL_MS = 20;
  private static final Register INITIAL = new Register(0, 0);

  @TempDir Path tmp;

  @Test
  void casRegisterIsLinearizableAndLosesNoAcknowledgedWriteUnderFaults() throws Exception {
    ServerKind kind = ServerKind.fromSystemProperty();
    long seed = Long.getLong("jepsen.seed", System.nanoTime());
    Duration runFor = Duration.ofSeconds(Long.getLong("jepsen.seconds", 40));
    Ensemble started;
    try {
      started = Ensemble.start(kind, VOTERS, OBSERVERS, tmp);
    } catch (ServerProcess.StartFailed e) {
      Assumptions.assumeFalse(kind instanceof CoordServer && e.rejectedCommandLine(),
          "drover coord does not run as an ensemble yet: " + e.reason());
      throw e;
    }
    try (Ensemble ensemble = started) {
      System.out.printf("jepsen: %s ensemble of %d voters + %d observers, seed %d, %s of faults, logs in %s%n",
          kind.name(), VOTERS, OBSERVERS, seed, runFor, tmp);
      ensemble.awaitServing(Duration.ofSeconds(60));
      List<String> keys = createKeys(ensemble);

      History history = new History(500_000);
      AtomicLong values = new AtomicLong();
      AtomicInteger processIds = new AtomicInteger();
      AtomicInteger unexpected = new AtomicInteger();
      ConcurrentLinkedQueue<Throwable> clientErrors = new ConcurrentLinkedQueue<>();
      List<CasClient> clients = new ArrayList<>();
      ScheduledExecutorService pool = Executors.newScheduledThreadPool(CLIENTS, Thread.ofPlatform().name("client-", 0).daemon().factory());
      List<Integer> ids = ensemble.ids();
      for (int c = 0; c < CLIENTS; c++) {
        CasClient client = new CasClient(ensemble.connectString(ids.get(c % ids.size())), SESSION_TIMEOUT_MS, keys,
            history, values, processIds, unexpected, seed + c);
        clients.add(client);
        pool.scheduleWithFixedDelay(() -> {
          try {
            client.step(500);
          } catch (Exception | Error e) {
            clientErrors.add(e);
            throw new IllegalStateException(e);
          }
        }, 0, OP_INTERVAL_MS, TimeUnit.MILLISECONDS);
      }

      List<Nemesis.Injected> faults;
      try (Nemesis nemesis = new Nemesis(ensemble, seed, Duration.ofSeconds(3), Duration.ofSeconds(1))) {
        CompletableFuture<List<Nemesis.Injected>> done = nemesis.run(runFor);
        faults = done.get(runFor.toSeconds() + 120, TimeUnit.SECONDS);
      } finally {
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).as("clients stop").isTrue();
        for (CasClient client : clients) client.close();
      }
      assertThat(clientErrors).as("client errors").isEmpty();

      ensemble.heal();
      for (int id : ensemble.ids()) if (!ensemble.isRunning(id)) ensemble.restart(id);
      int leader = ensemble.awaitServing(Duration.ofSeconds(60));
      Map<String, Register> finalState = finalRegisters(ensemble.connectString(leader), keys);

      List<Op> ops = history.snapshot();
      long checkStart = System.nanoTime();
      Verdict verdict = Linearizability.check(StaleReadRule.widen(ops), Map.of(), INITIAL, Linearizability.Budget.DEFAULT);
      long checkMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - checkStart);
      List<String> backInTime = StaleReadRule.monotonic(ops);
      List<String> lost = LostWrites.check(ops, finalState, INITIAL);

      System.out.println(summary(kind, ops, faults, verdict, checkMs, finalState, processIds.get(), backInTime, lost));
      assertThat(unexpected.get()).as("unexpected ZooKeeper errors (see the log)").isZero();
      assertThat(verdict).as("linearizability of writes/CAS with ZooKeeper's read rule").isInstanceOf(Verdict.Linearizable.class);
      assertThat(backInTime).as("sessions going back in time").isEmpty();
      assertThat(lost).as("lost acknowledged writes").isEmpty();
      assertThat(faults.stream().filter(f -> !f.repair())).as("faults injected").hasSizeGreaterThanOrEqualTo(4);
      assertThat(ops.stream().filter(o -> o.isWrite() && o.outcome() == Op.Outcome.OK).count())
          .as("acknowledged writes").isGreaterThan(100);
    }
  }

  private static List<String> createKeys(Ensemble ensemble) throws Exception {
    List<String> keys = new ArrayList<>();
    try (ZooKeeper zk = connect(ensemble.connectString())) {
      zk.create("/jepsen", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      for (int k = 0; k < KEYS; k++) {
        String key = "/jepsen/k" + k;
        zk.create(key, CasClient.encode(INITIAL.value()), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        keys.add(key);
      }
    }
    return keys;
  }

  /** Each key read on the leader after a sync, once every client has stopped. */
  private static Map<String, Register> finalRegisters(String leader, List<String> keys) throws Exception {
    Map<String, Register> out = new LinkedHashMap<>();
    try (ZooKeeper zk = connect(leader)) {
      for (String key : keys) {
        CompletableFuture<Integer> synced = new CompletableFuture<>();
        zk.sync(key, (rc, path, ctx) -> synced.complete(rc), null);
        assertThat(synced.get(30, TimeUnit.SECONDS)).as("sync %s", key).isEqualTo(KeeperException.Code.OK.intValue());
        Stat stat = new Stat();
        out.put(key, new Register(CasClient.decode(zk.getData(key, false, stat)), stat.getVersion()));
      }
    }
    return out;
  }

  private static ZooKeeper connect(String connectString) throws Exception {
    CountDownLatch connected = new CountDownLatch(1);
    ZooKeeper zk = new ZooKeeper(connectString, SESSION_TIMEOUT_MS, e -> {
      if (e.getState() == Watcher.Event.KeeperState.SyncConnected) connected.countDown();
    });
    if (!connected.await(30, TimeUnit.SECONDS)) {
      zk.close();
      throw new IllegalStateException("no session to " + connectString + " within 30 s");
    }
    return zk;
  }

  private static String summary(ServerKind kind, List<Op> ops, List<Nemesis.Injected> faults, Verdict verdict, long checkMs,
                                Map<String, Register> finalState, int sessions, List<String> backInTime, List<String> lost) {
    StringBuilder sb = new StringBuilder("\n=== jepsen CAS register on " + kind.name() + " ===\n");
    for (Op.Kind k : Op.Kind.values()) {
      Map<Op.Outcome, Long> byOutcome = new EnumMap<>(Op.Outcome.class);
      for (Op o : ops) if (o.kind() == k) byOutcome.merge(o.outcome(), 1L, Long::sum);
      sb.append(String.format("  %-5s ok %6d  fail %6d  info %6d%n", k.name().toLowerCase(),
          byOutcome.getOrDefault(Op.Outcome.OK, 0L), byOutcome.getOrDefault(Op.Outcome.FAIL, 0L),
          byOutcome.getOrDefault(Op.Outcome.INFO, 0L)));
    }
    sb.append("  ").append(ops.size()).append(" operations in ").append(sessions).append(" sessions\n");
    sb.append("  faults (").append(faults.stream().filter(f -> !f.repair()).count()).append("):\n");
    for (Nemesis.Injected f : faults) sb.append(String.format("    %6d ms  %s%n", f.atMs(), f.description()));
    sb.append("  final registers: ").append(finalState.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "))).append('\n');
    sb.append("  linearizability: ").append(verdict).append(" (checked in ").append(checkMs).append(" ms)\n");
    sb.append("  sessions going back in time: ").append(backInTime.isEmpty() ? "none" : String.join("\n    ", backInTime)).append('\n');
    sb.append("  lost acknowledged writes: ").append(lost.isEmpty() ? "none" : String.join("\n    ", lost)).append('\n');
    return sb.toString();
  }
}
