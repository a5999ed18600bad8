package io.drover.bench.zk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * Closed-loop load over the ZooKeeper client protocol: {@code clients} sessions, each keeping
 * {@code outstanding} async getData/setData requests in flight over {@code keys} znodes.
 *
 * <p>Every completion issues the next request from the completing client's event thread, so a
 * client's histogram, RNG and counters are only touched by that one thread. Only requests issued
 * and completed inside the measured window count; warm-up completions are discarded. The run is
 * bounded: no new request is issued after the window ends, and draining the in-flight ones is
 * bounded by {@link Settings#drainTimeoutMs}.
 */
public final class LoadGenerator {
  /** Root of the key space; keys are {@code /bench/k000000} …. */
  public static final String ROOT = "/bench";
  /** Latencies are recorded in microseconds up to one minute, 3 significant digits. */
  private static final long MAX_LATENCY_US = TimeUnit.MINUTES.toMicros(1);

  public record Settings(int clients, int outstanding, int keys, int valueBytes, int readPercent,
      long warmupMs, long durationMs, long seed, int sessionTimeoutMs, long drainTimeoutMs) {
    public Settings {
      if (clients < 1 || outstanding < 1 || keys < 1 || valueBytes < 0) {
        throw new IllegalArgumentException("clients, outstanding and keys must be >= 1, valueBytes >= 0");
      }
      if (readPercent < 0 || readPercent > 100) throw new IllegalArgumentException("readPercent must be 0..100");
      if (warmupMs < 0 || durationMs < 1) throw new IllegalArgumentException("warmupMs >= 0, durationMs >= 1");
    }

    public static Settings defaults(int readPercent) {
      return new Settings(16, 32, 1_000, 1_024, readPercent, 5_000, 20_000, 42L, 30_000, 30_000);
    }

    public Settings withReadPercent(int percent) {
      return new Settings(clients, outstanding, keys, valueBytes, percent, warmupMs, durationMs, seed,
          sessionTimeoutMs, drainTimeoutMs);
    }
  }

  /** Latencies in milliseconds; {@code ops} counts successful requests inside the measured window. */
  public record Result(int readPercent, long ops, long reads, long writes, long errors, double seconds,
      double opsPerSec, double p50Ms, double p99Ms, double p999Ms, double maxMs) {}

  /** Client i connects to entry i mod size: one entry per server spreads the sessions evenly. */
  private final List<String> connectStrings;
  private final Settings settings;

  public LoadGenerator(String connectString, Settings settings) {
    this(List.of(connectString), settings);
  }

  /** Sessions spread round-robin over {@code connectStrings} (one per ensemble member, as ZooKeeper's paper does). */
  public LoadGenerator(List<String> connectStrings, Settings settings) {
    if (connectStrings.isEmpty()) throw new IllegalArgumentException("no server to connect to");
    this.connectStrings = List.copyOf(connectStrings);
    this.settings = settings;
  }

  /** The connect string of client {@code index}. */
  String connectStringOf(int index) { return connectStrings.get(index % connectStrings.size()); }

  /** Creates {@link #ROOT} and its {@code keys} children with {@code valueBytes} values. */
  public void setup() throws IOException, InterruptedException, KeeperException {
    try (ZooKeeper zk = Zk.connect(String.join(",", connectStrings), settings.sessionTimeoutMs())) {
      zk.create(ROOT, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      Zk.createMany(zk, ROOT + "/k", settings.keys(), value(settings.valueBytes(), settings.seed()), 256);
    }
  }

  /** Runs warm-up then the measured window; blocks for about warm-up + duration. */
  public Result run() throws IOException, InterruptedException {
    List<ZooKeeper> sessions = new ArrayList<>();
    try {
      for (int i = 0; i < settings.clients(); i++) {
        sessions.add(Zk.connect(connectStringOf(i), settings.sessionTimeoutMs()));
      }
      long startNs = System.nanoTime();
      long measureStartNs = startNs + TimeUnit.MILLISECONDS.toNanos(settings.warmupMs());
      long measureEndNs = measureStartNs + TimeUnit.MILLISECONDS.toNanos(settings.durationMs());
      CountDownLatch drained = new CountDownLatch(settings.clients());
      List<Client> clients = new ArrayList<>();
      for (int i = 0; i < sessions.size(); i++) {
        clients.add(new Client(sessions.get(i), i, measureStartNs, measureEndNs, drained));
      }
      clients.forEach(Client::start);
      long sleepMs = TimeUnit.NANOSECONDS.toMillis(measureEndNs - System.nanoTime());
      if (sleepMs > 0) Thread.sleep(sleepMs);
      if (!drained.await(settings.drainTimeoutMs(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("requests still outstanding " + settings.drainTimeoutMs()
            + " ms after the measured window ended; the server is stuck or overloaded");
      }
      return summarize(clients);
    } finally {
      for (ZooKeeper zk : sessions) zk.close(1_000);
    }
  }

  private Result summarize(List<Client> clients) {
    Histogram all = new Histogram(MAX_LATENCY_US, 3);
    long reads = 0, writes = 0, errors = 0;
    for (Client c : clients) {
      all.add(c.histogram);
      reads += c.reads;
      writes += c.writes;
      errors += c.errors;
    }
    double seconds = settings.durationMs() / 1000.0;
    long ops = reads + writes;
    return new Result(settings.readPercent(), ops, reads, writes, errors, seconds, ops / seconds,
        ms(all.getValueAtPercentile(50)), ms(all.getValueAtPercentile(99)),
        ms(all.getValueAtPercentile(99.9)), ms(all.getMaxValue()));
  }

  private static double ms(long micros) { return micros / 1000.0; }

  static byte[] value(int bytes, long seed) {
    byte[] v = new byte[bytes];
    new SplittableRandom(seed).nextBytes(v);
    return v;
  }

  /** One session's closed loop; all mutable state is confined to that session's event thread after start. */
  private final class Client implements AsyncCallback.DataCallback, AsyncCallback.StatCallback {
    private final ZooKeeper zk;
    private final SplittableRandom rng;
    private final byte[] value;
    private final long measureStartNs;
    private final long measureEndNs;
    private final CountDownLatch drained;
    /** In flight; touched by the starting thread and the event thread, hence atomic. */
    private final AtomicLong inFlight = new AtomicLong();
    final Histogram histogram = new Histogram(MAX_LATENCY_US, 3);
    long reads;
    long writes;
    long errors;

    Client(ZooKeeper zk, int index, long measureStartNs, long measureEndNs, CountDownLatch drained) {
      this.zk = zk;
      this.rng = new SplittableRandom(settings.seed() * 1_000_003L + index);
      this.value = value(settings.valueBytes(), settings.seed() + index);
      this.measureStartNs = measureStartNs;
      this.measureEndNs = measureEndNs;
      this.drained = drained;
    }

    void start() {
      inFlight.addAndGet(settings.outstanding());
      for (int i = 0; i < settings.outstanding(); i++) {
        synchronized (this) { issue(); }
      }
    }

    /** Called with the monitor held: the first requests are issued from the caller's thread. */
    private void issue() {
      String path = ROOT + "/k" + Zk.suffix(rng.nextInt(settings.keys()));
      boolean read = rng.nextInt(100) < settings.readPercent();
      long issuedNs = System.nanoTime();
      if (read) zk.getData(path, false, this, issuedNs);
      else zk.setData(path, value, -1, this, issuedNs);
    }

    @Override public void processResult(int rc, String path, Object ctx, byte[] data, Stat stat) {
      completed(rc, (Long) ctx, true);
    }

    @Override public void processResult(int rc, String path, Object ctx, Stat stat) {
      completed(rc, (Long) ctx, false);
    }

    private synchronized void completed(int rc, long issuedNs, boolean read) {
      long nowNs = System.nanoTime();
      if (issuedNs >= measureStartNs && nowNs <= measureEndNs) {
        if (rc != KeeperException.Code.OK.intValue()) {
          errors++;
        } else {
          histogram.recordValue(Math.min(MAX_LATENCY_US, Math.max(0, (nowNs - issuedNs) / 1_000)));
          if (read) reads++;
          else writes++;
        }
      }
      if (nowNs < measureEndNs) {
        issue();
      } else if (inFlight.decrementAndGet() == 0) {
        drained.countDown();
      }
    }
  }
}
