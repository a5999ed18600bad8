package io.drover.coord.diff;

import io.drover.coord.diff.OpScript.AclKind;
import io.drover.coord.diff.OpScript.MultiOp;
import io.drover.coord.diff.OpScript.Step;
import io.drover.coord.diff.OpScript.Target;
import io.drover.coord.diff.OpScript.Watch;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.awaitility.Awaitility;

/**
 * Runs an {@link OpScript} against one server with the real ZooKeeper Java client, one operation at a time, and
 * renders every outcome as a normalised string, so two servers can be compared line by line.
 *
 * <p>Normalisation, and why: ctime/mtime are wall-clock and differ between runs, so they are left out; a session id
 * is chosen by the server, so an ephemeralOwner that is a session of this run is shown as {@code s<client>.<generation>}
 * (container and TTL owners are encodings, not sessions, and stay raw). Zxids are compared raw: both servers start
 * empty, and every session create/close and every write, failed or not, consumes exactly one zxid in ZooKeeper.
 */
public final class ScriptRunner {
  public static final int SESSION_TIMEOUT_MS = 10_000;
  private static final byte[] AUTH = "user:pw".getBytes(StandardCharsets.UTF_8);

  /** Outcomes in script order (then a dump of the final tree); watch events per client, in arrival order. */
  public record Result(List<String> outcomes, List<List<String>> events) {}

  private final String connectString;
  private final Map<Long, String> sessionLabels = new HashMap<>();
  private final List<String> createdPaths = new ArrayList<>();
  private final List<Client> clients = new ArrayList<>();
  /** Zxids of session closes: the events they fire are compared as a set, see {@link EventLog#render}. */
  private final Set<Long> closeZxids = new HashSet<>();

  private ScriptRunner(String connectString) { this.connectString = connectString; }

  public static Result run(String connectString, OpScript script) throws Exception {
    return new ScriptRunner(connectString).execute(script);
  }

  private Result execute(OpScript script) throws Exception {
    try {
      for (int c = 0; c < script.clients(); c++) {
        Client client = new Client(c);
        clients.add(client);
        connect(client);
      }
      List<String> outcomes = new ArrayList<>();
      int i = 0;
      for (Step step : script.steps()) {
        String outcome = apply(step);
        // The client's last seen zxid comes from reply headers: reads carry the server's last processed zxid.
        outcomes.add("#" + i++ + " c" + step.client() + " " + outcome + " @0x" + Long.toHexString(clients.get(step.client()).zk.lastZxid()));
      }
      for (Client c : clients) c.zk.sync("/");
      awaitQuiet();
      dumpTree(clients.get(OpScript.AUTH_CLIENT).zk, "/", outcomes);
      List<List<String>> events = new ArrayList<>();
      for (Client c : clients) events.add(c.events.render(closeZxids));
      return new Result(outcomes, events);
    } finally {
      for (Client c : clients) if (c.zk != null) c.zk.close();
    }
  }

  /** Waits until no client has received an event for a while (after the sync barrier, all events are in flight). */
  private void awaitQuiet() {
    AtomicInteger last = new AtomicInteger(-1);
    AtomicLong sinceNs = new AtomicLong(System.nanoTime());
    Awaitility.await("watch events settle").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(25)).until(() -> {
      int total = clients.stream().mapToInt(c -> c.events.size()).sum();
      if (total != last.getAndSet(total)) sinceNs.set(System.nanoTime());
      return System.nanoTime() - sinceNs.get() > 150_000_000L;
    });
  }

  private void connect(Client client) throws Exception {
    client.generation++;
    CountDownLatch connected = new CountDownLatch(1);
    Watcher recorder = client.watcher("default");
    // A new object per session, so removeWatches(default) names exactly this session's default watcher.
    Watcher defaultWatcher = e -> {
      if (e.getState() == Watcher.Event.KeeperState.SyncConnected) connected.countDown();
      recorder.process(e);
    };
    client.defaultWatcher = defaultWatcher;
    TrackingZooKeeper zk = new TrackingZooKeeper(connectString, defaultWatcher);
    if (client.index == OpScript.AUTH_CLIENT) zk.addAuthInfo("digest", AUTH);
    if (!connected.await(20, TimeUnit.SECONDS)) throw new IllegalStateException("client " + client.index + " not connected to " + connectString);
    client.zk = zk;
    sessionLabels.put(zk.getSessionId(), "s" + client.index + "." + client.generation);
  }

  private String resolve(Target t) {
    return switch (t) {
      case Target.Literal l -> l.path();
      case Target.Recent r -> createdPaths.isEmpty() ? "/d" : createdPaths.get(createdPaths.size() - 1 - r.back() % createdPaths.size());
    };
  }

  private String show(Target t) {
    return switch (t) {
      case Target.Literal l -> "'" + l.path() + "'";
      case Target.Recent r -> r + "='" + resolve(r) + "'";
    };
  }

  private String apply(Step step) throws Exception {
    Client c = clients.get(step.client());
    String head = describe(step);
    try {
      return head + " -> " + perform(c, step);
    } catch (KeeperException e) {
      StringBuilder sb = new StringBuilder(head).append(" -> ").append(e.code());
      if (e.getResults() != null) sb.append(' ').append(results(e.getResults()));
      return sb.toString();
    } catch (IllegalArgumentException e) {
      return head + " -> client-rejected IllegalArgumentException";
    }
  }

  private String describe(Step step) {
    return switch (step) {
      case Step.Create s -> "create(" + s.api() + ") " + show(s.target()) + " " + s.mode() + " " + s.acl() + " data=" + data(s.data()) + " ttl=" + s.ttlMs();
      case Step.SetData s -> "setData " + show(s.target()) + " data=" + data(s.data()) + " v=" + s.version();
      case Step.Delete s -> "delete " + show(s.target()) + " v=" + s.version();
      case Step.Exists s -> "exists " + show(s.target()) + " " + s.watch();
      case Step.GetData s -> "getData " + show(s.target()) + " " + s.watch();
      case Step.GetChildren s -> (s.withStat() ? "getChildren2 " : "getChildren ") + show(s.target()) + " " + s.watch();
      case Step.AddWatch s -> "addWatch " + show(s.target()) + " " + s.watch() + " " + s.mode();
      case Step.RemoveWatches s -> (s.watch() instanceof Watch.None ? "removeAllWatches " : "removeWatches ") + show(s.target())
          + " " + s.watch() + " " + s.type() + (s.local() ? " local" : "");
      case Step.Multi s -> "multi " + s.ops().stream().map(this::describe).toList();
      case Step.GetAcl s -> "getACL " + show(s.target());
      case Step.SetAcl s -> "setACL " + show(s.target()) + " " + s.acl() + " v=" + s.version();
      case Step.Sync s -> "sync " + show(s.target());
      case Step.GetEphemerals s -> "getEphemerals " + s.prefix();
      case Step.ChildCount s -> "getAllChildrenNumber " + show(s.target());
      case Step.Reopen s -> "reopen " + sessionLabels.get(clients.get(s.client()).zk.getSessionId());
    };
  }

  private String describe(MultiOp op) {
    return switch (op) {
      case MultiOp.Create m -> "create " + show(m.target()) + " " + m.mode() + " data=" + data(m.data());
      case MultiOp.Delete m -> "delete " + show(m.target()) + " v=" + m.version();
      case MultiOp.SetData m -> "setData " + show(m.target()) + " data=" + data(m.data()) + " v=" + m.version();
      case MultiOp.Check m -> "check " + show(m.target()) + " v=" + m.version();
    };
  }

  private String perform(Client c, Step step) throws Exception {
    ZooKeeper zk = c.zk;
    switch (step) {
      case Step.Create s -> {
        String path;
        Stat stat = null;
        if (s.api() == OpScript.CreateApi.CREATE) {
          path = zk.create(resolve(s.target()), bytes(s.data()), acl(s.acl()), s.mode());
        } else {
          stat = new Stat();
          path = zk.create(resolve(s.target()), bytes(s.data()), acl(s.acl()), s.mode(), stat, s.ttlMs());
        }
        createdPaths.add(path);
        return "created '" + path + "'" + (stat == null ? "" : " " + stat(stat));
      }
      case Step.SetData s -> { return stat(zk.setData(resolve(s.target()), bytes(s.data()), s.version())); }
      case Step.Delete s -> {
        zk.delete(resolve(s.target()), s.version());
        return "deleted";
      }
      case Step.Exists s -> {
        String path = resolve(s.target());
        Stat stat = switch (s.watch()) {
          case Watch.None n -> zk.exists(path, false);
          case Watch.Default d -> zk.exists(path, true);
          case Watch.Named n -> zk.exists(path, c.watcher(n.name()));
        };
        return stat == null ? "absent" : stat(stat);
      }
      case Step.GetData s -> {
        String path = resolve(s.target());
        Stat stat = new Stat();
        byte[] data = switch (s.watch()) {
          case Watch.None n -> zk.getData(path, false, stat);
          case Watch.Default d -> zk.getData(path, true, stat);
          case Watch.Named n -> zk.getData(path, c.watcher(n.name()), stat);
        };
        return "data=" + (data == null ? "null" : "'" + new String(data, StandardCharsets.UTF_8) + "'") + " " + stat(stat);
      }
      case Step.GetChildren s -> {
        String path = resolve(s.target());
        Stat stat = s.withStat() ? new Stat() : null;
        List<String> children = switch (s.watch()) {
          case Watch.None n -> s.withStat() ? zk.getChildren(path, false, stat) : zk.getChildren(path, false);
          case Watch.Default d -> s.withStat() ? zk.getChildren(path, true, stat) : zk.getChildren(path, true);
          case Watch.Named n -> s.withStat() ? zk.getChildren(path, c.watcher(n.name()), stat) : zk.getChildren(path, c.watcher(n.name()));
        };
        return new TreeSet<>(children) + (stat == null ? "" : " " + stat(stat));
      }
      case Step.AddWatch s -> {
        switch (s.watch()) {
          case Watch.None n -> throw new IllegalStateException("addWatch needs a watcher: " + s);
          case Watch.Default d -> zk.addWatch(resolve(s.target()), s.mode());
          case Watch.Named n -> zk.addWatch(resolve(s.target()), c.watcher(n.name()), s.mode());
        }
        return "ok";
      }
      case Step.RemoveWatches s -> {
        String path = resolve(s.target());
        switch (s.watch()) {
          case Watch.None n -> zk.removeAllWatches(path, s.type(), s.local());
          case Watch.Default d -> zk.removeWatches(path, c.defaultWatcher, s.type(), s.local());
          case Watch.Named n -> zk.removeWatches(path, c.watcher(n.name()), s.type(), s.local());
        }
        return "ok";
      }
      case Step.Multi s -> {
        List<Op> ops = new ArrayList<>();
        for (MultiOp op : s.ops()) ops.add(switch (op) {
          case MultiOp.Create m -> Op.create(resolve(m.target()), bytes(m.data()), acl(AclKind.OPEN), m.mode());
          case MultiOp.Delete m -> Op.delete(resolve(m.target()), m.version());
          case MultiOp.SetData m -> Op.setData(resolve(m.target()), bytes(m.data()), m.version());
          case MultiOp.Check m -> Op.check(resolve(m.target()), m.version());
        });
        List<OpResult> results = zk.multi(ops);
        for (OpResult r : results) if (r instanceof OpResult.CreateResult cr) createdPaths.add(cr.getPath());
        return "ok " + results(results);
      }
      case Step.GetAcl s -> {
        Stat stat = new Stat();
        List<ACL> acl = zk.getACL(resolve(s.target()), stat);
        return acl(acl) + " " + stat(stat);
      }
      case Step.SetAcl s -> { return stat(zk.setACL(resolve(s.target()), acl(s.acl()), s.version())); }
      case Step.Sync s -> {
        zk.sync(resolve(s.target()));
        return "ok";
      }
      case Step.GetEphemerals s -> {
        List<String> paths = s.prefix() == null ? zk.getEphemerals() : zk.getEphemerals(s.prefix());
        return new TreeSet<>(paths).toString();
      }
      case Step.ChildCount s -> { return "count=" + zk.getAllChildrenNumber(resolve(s.target())); }
      case Step.Reopen s -> {
        zk.close();
        long closeZxid = c.zk.lastZxid();
        closeZxids.add(closeZxid);
        connect(c);
        return "closed at 0x" + Long.toHexString(closeZxid) + "; opened " + sessionLabels.get(c.zk.getSessionId());
      }
    }
  }

  private String results(List<OpResult> results) {
    List<String> out = new ArrayList<>();
    for (OpResult r : results) {
      out.add(switch (r) {
        case OpResult.CreateResult cr -> "created '" + cr.getPath() + "'" + (cr.getStat() == null ? "" : " " + stat(cr.getStat()));
        case OpResult.DeleteResult dr -> "deleted";
        case OpResult.SetDataResult sr -> "set " + stat(sr.getStat());
        case OpResult.CheckResult cr -> "checked";
        case OpResult.ErrorResult er -> "error " + KeeperException.Code.get(er.getErr());
        default -> "unexpected " + r.getClass().getSimpleName() + " type=" + r.getType();
      });
    }
    return out.toString();
  }

  /** Every znode outside /zookeeper with data, stat and ACL, depth first in name order; NOAUTH and the like recorded. */
  private void dumpTree(ZooKeeper zk, String path, List<String> out) throws InterruptedException {
    if (path.equals("/zookeeper")) return;
    StringBuilder line = new StringBuilder("tree '").append(path).append("'");
    try {
      Stat stat = new Stat();
      byte[] data = zk.getData(path, false, stat);
      line.append(" data=").append(data == null ? "null" : "'" + new String(data, StandardCharsets.UTF_8) + "'").append(' ').append(stat(stat));
    } catch (KeeperException e) {
      line.append(" getData ").append(e.code());
    }
    try {
      line.append(" acl=").append(acl(zk.getACL(path, new Stat())));
    } catch (KeeperException e) {
      line.append(" getACL ").append(e.code());
    }
    List<String> children = List.of();
    try {
      children = zk.getChildren(path, false);
    } catch (KeeperException e) {
      line.append(" getChildren ").append(e.code());
    }
    out.add(line.toString());
    for (String child : new TreeSet<>(children)) dumpTree(zk, (path.equals("/") ? "" : path) + "/" + child, out);
  }

  private String stat(Stat s) {
    return "{czxid=0x" + Long.toHexString(s.getCzxid()) + " mzxid=0x" + Long.toHexString(s.getMzxid())
        + " pzxid=0x" + Long.toHexString(s.getPzxid()) + " v=" + s.getVersion() + " cv=" + s.getCversion()
        + " av=" + s.getAversion() + " owner=" + owner(s.getEphemeralOwner()) + " len=" + s.getDataLength()
        + " children=" + s.getNumChildren() + "}";
  }

  private String owner(long owner) {
    if (owner == 0) return "0";
    String label = sessionLabels.get(owner);
    return label != null ? label : "0x" + Long.toHexString(owner);
  }

  private static String acl(List<ACL> acl) {
    TreeSet<String> out = new TreeSet<>();
    for (ACL a : acl) out.add(a.getId().getScheme() + ":" + a.getId().getId() + ":" + a.getPerms());
    return out.toString();
  }

  /** A mutable copy: the client's validateACL calls contains(null), which immutable lists reject. */
  private static List<ACL> acl(AclKind kind) {
    return new ArrayList<>(switch (kind) {
      case OPEN -> ZooDefs.Ids.OPEN_ACL_UNSAFE;
      case READ_ONLY -> ZooDefs.Ids.READ_ACL_UNSAFE;
      case CREATOR_ALL -> ZooDefs.Ids.CREATOR_ALL_ACL;
      case IP_LOCAL -> List.of(new ACL(ZooDefs.Perms.ALL, new Id("ip", "127.0.0.1")));
      case IP_OTHER -> List.of(new ACL(ZooDefs.Perms.ALL, new Id("ip", "10.1.2.3")));
      case EMPTY -> List.<ACL>of();
    });
  }

  private static byte[] bytes(String data) { return data == null ? null : data.getBytes(StandardCharsets.UTF_8); }

  private static String data(String data) { return data == null ? "null" : "'" + data + "'"; }

  /** One script client: its current session, the watcher objects it has registered, and the events they saw. */
  private static final class Client {
    final int index;
    final EventLog events = new EventLog();
    final Map<String, Watcher> named = new HashMap<>();
    Watcher defaultWatcher;
    int generation;
    TrackingZooKeeper zk;

    Client(int index) { this.index = index; }

    Watcher watcher(String name) { return named.computeIfAbsent(name, n -> e -> events.record(n, e)); }
  }

  /** The real client, exposing the zxid of the last reply header it read. */
  private static final class TrackingZooKeeper extends ZooKeeper {
    TrackingZooKeeper(String connectString, Watcher watcher) throws IOException {
      super(connectString, SESSION_TIMEOUT_MS, watcher);
    }

    long lastZxid() { return cnxn.getLastZxid(); }
  }

  /**
   * Events in arrival order. The client delivers one notification to all its matching watchers in a row with the
   * same WatchedEvent object, in hash-set order; such a run is one entry whose watcher names are sorted.
   */
  private static final class EventLog {
    private record Entry(WatchedEvent event, TreeSet<String> watchers) {}

    private final List<Entry> entries = new ArrayList<>();

    synchronized void record(String watcher, WatchedEvent e) {
      if (e.getType() == Watcher.Event.EventType.None) return; // connection state changes are not under test
      Entry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
      if (last != null && last.event() == e) {
        last.watchers().add(watcher);
      } else {
        entries.add(new Entry(e, new TreeSet<>(List.of(watcher))));
      }
    }

    synchronized int size() { return entries.size(); }

    /**
     * One line per entry. Exception: a run of events from one session close is sorted. A close deletes all the
     * session's ephemerals in one txn, and ZooKeeper orders them by HashSet iteration (PrepRequestProcessor copies
     * getEphemerals(), a HashSet, into CloseSessionTxn.paths2Delete; DataTree.killSession follows that list), an
     * artifact no client can rely on. Within a single delete, create or multi the order stays compared.
     */
    synchronized List<String> render(Set<Long> closeZxids) {
      List<String> out = new ArrayList<>();
      int runStart = 0;
      long runZxid = Long.MIN_VALUE;
      for (Entry en : entries) {
        WatchedEvent e = en.event();
        if (e.getZxid() != runZxid) {
          sortIfClose(out, runStart, runZxid, closeZxids);
          runStart = out.size();
          runZxid = e.getZxid();
        }
        out.add(e.getType() + " '" + e.getPath() + "' zxid=0x" + Long.toHexString(e.getZxid()) + " " + en.watchers());
      }
      sortIfClose(out, runStart, runZxid, closeZxids);
      return out;
    }

    private static void sortIfClose(List<String> out, int from, long zxid, Set<Long> closeZxids) {
      if (closeZxids.contains(zxid)) Collections.sort(out.subList(from, out.size()));
    }
  }
}
