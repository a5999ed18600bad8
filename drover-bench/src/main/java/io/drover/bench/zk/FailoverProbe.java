package io.drover.bench.zk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * Failover time of a running ensemble: {@code clients} sessions (connect string listing every member,
 * so the stock client picks and re-picks servers itself) each write their own znode in a closed loop,
 * one synchronous {@code setData} at a time. After a steady period the leader (found with {@code srvr})
 * gets SIGKILL; a client's failover time runs from the signal to the completion of its first
 * successful write <em>issued after</em> the signal (a dead leader cannot have served it, so it went
 * through the new one). Clients that do not recover within the timeout are counted, not timed.
 */
public final class FailoverProbe {
  public static final String ROOT = "/failover";

  /**
   * @param steadyMs writes before the kill, which must all have succeeded at least once by then
   * @param recoveryTimeoutMs how long to wait for every client's first write after the kill
   */
  public record Settings(int clients, int valueBytes, long steadyMs, long recoveryTimeoutMs, int sessionTimeoutMs) {
    public Settings {
      if (clients < 1 || valueBytes < 0 || steadyMs < 0 || recoveryTimeoutMs < 1 || sessionTimeoutMs < 1) {
        throw new IllegalArgumentException("clients >= 1, valueBytes >= 0, steadyMs >= 0, timeouts >= 1");
      }
    }
  }

  /**
   * One kill: who led before and after, each recovered client's failover time in ms (ascending),
   * and how many clients wrote nothing successfully within the timeout.
   */
  public record Outcome(int killedLeaderId, int newLeaderId, List<Double> recoveredMs, int unrecoveredClients) {
    public Outcome {
      recoveredMs = recoveredMs.stream().sorted().toList();
    }

    /** The first client back: how long the ensemble took to accept a write again. NaN when none recovered. */
    public double minMs() { return recoveredMs.isEmpty() ? Double.NaN : recoveredMs.get(0); }

    public double medianMs() { return Stats.median(recoveredMs); }

    public double maxMs() { return recoveredMs.isEmpty() ? Double.NaN : recoveredMs.get(recoveredMs.size() - 1); }
  }

  private final Settings settings;

  public FailoverProbe(Settings settings) { this.settings = settings; }

  public Outcome measure(RunningEnsemble ensemble) throws IOException, InterruptedException, KeeperException {
    String connect = ensemble.ensemble().connectString();
    byte[] value = LoadGenerator.value(settings.valueBytes(), 11L);
    try (ZooKeeper zk = Zk.connect(connect, settings.sessionTimeoutMs())) {
      zk.create(ROOT, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      Zk.createMany(zk, ROOT + "/c", settings.clients(), value, 64);
    }
    AtomicLong killNs = new AtomicLong(Long.MAX_VALUE);
    List<Writer> writers = new ArrayList<>();
    try {
      for (int i = 0; i < settings.clients(); i++) {
        writers.add(new Writer(Zk.connect(connect, settings.sessionTimeoutMs()), connect,
            ROOT + "/c" + Zk.suffix(i), value, killNs));
      }
      writers.forEach(Writer::start);
      Thread.sleep(settings.steadyMs());
      for (Writer w : writers) {
        if (w.successes.get() == 0) throw new IOException(w.path + ": no successful write in the steady period");
      }
      int leader = ensemble.awaitLeader(10_000);
      // Published after the signal: a write issued from then on cannot have been served by the old leader.
      killNs.set(ensemble.kill(leader));
      long deadlineNs = killNs.get() + TimeUnit.MILLISECONDS.toNanos(settings.recoveryTimeoutMs());
      while (System.nanoTime() < deadlineNs && writers.stream().anyMatch(w -> w.recoveredNs.get() == 0)) {
        Thread.sleep(5);
      }
      List<Double> recovered = new ArrayList<>();
      int unrecovered = 0;
      for (Writer w : writers) {
        long done = w.recoveredNs.get();
        if (done == 0) unrecovered++;
        else recovered.add((done - killNs.get()) / 1e6);
      }
      int newLeader = ensemble.awaitLeader(Math.max(1_000, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime())));
      return new Outcome(leader, newLeader, recovered, unrecovered);
    } finally {
      for (Writer w : writers) w.stop();
    }
  }

  /** One session's write loop, on its own thread; the measuring thread reads only the atomics. */
  private final class Writer implements Runnable {
    private final String connect;
    private final String path;
    private final byte[] value;
    private final AtomicLong killNs;
    private final Thread thread;
    final AtomicLong successes = new AtomicLong();
    /** nanoTime of the first success issued after the kill; 0 until then. */
    final AtomicLong recoveredNs = new AtomicLong();
    private volatile boolean running = true;
    private boolean started;
    /** Owned by the writer thread once started; closed by it when it ends. */
    private ZooKeeper zk;

    Writer(ZooKeeper zk, String connect, String path, byte[] value, AtomicLong killNs) {
      this.zk = zk;
      this.connect = connect;
      this.path = path;
      this.value = value;
      this.killNs = killNs;
      this.thread = new Thread(this, "failover-writer" + path.replace('/', '-'));
    }

    void start() {
      started = true;
      thread.start();
    }

    @Override public void run() {
      try {
        while (running) {
          long issuedNs = System.nanoTime();
          try {
            zk.setData(path, value, -1);
            long doneNs = System.nanoTime();
            successes.incrementAndGet();
            if (issuedNs >= killNs.get()) recoveredNs.compareAndSet(0, doneNs);
          } catch (KeeperException.SessionExpiredException e) {
            // Equivalent on both sides: the session outlived neither; start a new one and go on.
            zk.close();
            zk = Zk.connect(connect, settings.sessionTimeoutMs());
          } catch (KeeperException e) {
            // Connection loss while the ensemble elects: retry shortly (the client reconnects on its own).
            Thread.sleep(1);
          }
        }
      } catch (InterruptedException stopping) {
        // stop() interrupts a write blocked on a server that no longer answers.
      } catch (IOException e) {
        throw new IllegalStateException(path + ": could not reopen the session: " + e.getMessage(), e);
      } finally {
        try {
          zk.close(1_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    /** Ends the loop and waits for it; a writer never started closes its session here instead. */
    void stop() throws InterruptedException {
      if (!started) {
        zk.close(1_000);
        return;
      }
      running = false;
      thread.interrupt();
      thread.join(TimeUnit.SECONDS.toMillis(30));
    }
  }
}
