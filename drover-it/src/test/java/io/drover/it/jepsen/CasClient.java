package io.drover.it.jepsen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One workload client: its own ZooKeeper session (the real Java client) to one server, doing one operation per
 * {@link #step} on a random key — a read, a CAS ({@code setData} with the version it last saw) or a plain write — and
 * recording each with its exact outcome:
 * <ul>
 *   <li>OK: the server answered success;
 *   <li>FAIL: {@code BadVersion} (the CAS was decided and refused); a failed read (it changes nothing either way);
 *   <li>INFO: connection loss, timeouts, session expired or moved — it may have been sent and applied. An operation is
 *       never submitted on a session already known to be expired (a new session is opened first), so the one case
 *       where expiry would prove "not applied" does not arise, and expiry is always INFO.
 * </ul>
 * Every new session is a new process id in the history. Values written are unique across the whole run.
 */
final class CasClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CasClient.class);

  private final String connectString;
  private final int sessionTimeoutMs;
  private final List<String> keys;
  private final History history;
  private final AtomicLong values;
  private final AtomicInteger processIds;
  private final Random rnd;
  private final Map<String, Integer> lastVersion = new HashMap<>();
  private final AtomicInteger unexpected;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition stateChanged = lock.newCondition();
  private volatile Watcher.Event.KeeperState state = Watcher.Event.KeeperState.Disconnected;
  private ZooKeeper zk;
  private int process;

  CasClient(String connectString, int sessionTimeoutMs, List<String> keys, History history, AtomicLong values,
            AtomicInteger processIds, AtomicInteger unexpected, long seed) {
    this.connectString = connectString;
    this.sessionTimeoutMs = sessionTimeoutMs;
    this.keys = keys;
    this.history = history;
    this.values = values;
    this.processIds = processIds;
    this.unexpected = unexpected;
    this.rnd = new Random(seed);
  }

  /** Runs one operation if the session is connected within {@code connectWaitMs}; otherwise does nothing. */
  void step(long connectWaitMs) throws IOException, InterruptedException {
    if (zk == null || !zk.getState().isAlive()) newSession();
    if (!awaitConnected(connectWaitMs)) return;
    String key = keys.get(rnd.nextInt(keys.size()));
    int kind = rnd.nextInt(10);
    if (kind < 5) read(key);
    else if (kind < 8) cas(key);
    else write(key);
  }

  private void newSession() throws IOException, InterruptedException {
    if (zk != null) zk.close();
    process = processIds.incrementAndGet();
    lastVersion.clear();
    setState(Watcher.Event.KeeperState.Disconnected);
    zk = new ZooKeeper(connectString, sessionTimeoutMs, this::onEvent);
  }

  private void onEvent(WatchedEvent e) {
    if (e.getType() == Watcher.Event.EventType.None) setState(e.getState());
  }

  private void setState(Watcher.Event.KeeperState s) {
    lock.lock();
    try {
      state = s;
      stateChanged.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private boolean awaitConnected(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    lock.lock();
    try {
      while (state != Watcher.Event.KeeperState.SyncConnected) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return false;
        stateChanged.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void read(String key) throws InterruptedException {
    long invoke = System.nanoTime();
    try {
      Stat stat = new Stat();
      long value = decode(zk.getData(key, false, stat));
      lastVersion.put(key, stat.getVersion());
      history.add(Op.read(process, key, new Register(value, stat.getVersion()), Op.Outcome.OK, invoke, System.nanoTime()));
    } catch (KeeperException e) {
      // A read has no effect: whatever went wrong, it constrains nothing.
      history.add(Op.read(process, key, new Register(0, 0), Op.Outcome.FAIL, invoke, System.nanoTime()));
      noteUnexpected(e);
    }
  }

  private void cas(String key) throws InterruptedException {
    int expected = lastVersion.getOrDefault(key, 0);
    long value = values.incrementAndGet();
    long invoke = System.nanoTime();
    try {
      Stat stat = zk.setData(key, encode(value), expected);
      lastVersion.put(key, stat.getVersion());
      history.add(Op.cas(process, key, expected, value, Op.Outcome.OK, invoke, System.nanoTime()));
    } catch (KeeperException.BadVersionException e) {
      lastVersion.remove(key);
      history.add(Op.cas(process, key, expected, value, Op.Outcome.FAIL, invoke, System.nanoTime()));
    } catch (KeeperException e) {
      history.add(Op.cas(process, key, expected, value, Op.Outcome.INFO, invoke, System.nanoTime()));
      noteUnexpected(e);
    }
  }

  private void write(String key) throws InterruptedException {
    long value = values.incrementAndGet();
    long invoke = System.nanoTime();
    try {
      Stat stat = zk.setData(key, encode(value), -1);
      lastVersion.put(key, stat.getVersion());
      history.add(Op.write(process, key, value, stat.getVersion(), Op.Outcome.OK, invoke, System.nanoTime()));
    } catch (KeeperException e) {
      history.add(Op.write(process, key, value, Op.UNKNOWN_VERSION, Op.Outcome.INFO, invoke, System.nanoTime()));
      noteUnexpected(e);
    }
  }

  /** Faults explain connection loss, timeouts and expiry; any other error (NoNode, ...) is counted as unexpected. */
  private void noteUnexpected(KeeperException e) {
    switch (e.code()) {
      case CONNECTIONLOSS, OPERATIONTIMEOUT, REQUESTTIMEOUT, SESSIONEXPIRED, SESSIONMOVED -> {
        if (e.code() == KeeperException.Code.SESSIONEXPIRED) setState(Watcher.Event.KeeperState.Expired);
      }
      default -> {
        unexpected.incrementAndGet();
        log.warn("unexpected error from {}", connectString, e);
      }
    }
  }

  static byte[] encode(long value) { return Long.toString(value).getBytes(StandardCharsets.US_ASCII); }

  static long decode(byte[] data) { return Long.parseLong(new String(data, StandardCharsets.US_ASCII)); }

  @Override public void close() throws InterruptedException {
    if (zk != null) zk.close();
  }
}
