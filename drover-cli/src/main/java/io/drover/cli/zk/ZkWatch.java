package io.drover.cli.zk;

import java.io.PrintWriter;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.ZooKeeper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drover zk watch PATH [--recursive] [--count N]}: a persistent watch (ZooKeeper 3.6+ addWatch). */
@Command(name = "watch", exitCodeOnInvalidInput = ZkExit.USAGE,
    description = {"Print each event on PATH as 'EVENT_TYPE path' (e.g. 'NodeDataChanged /a') until Ctrl-C or N events.",
        "PATH need not exist yet. Without --recursive: NodeCreated, NodeDataChanged, NodeDeleted, NodeChildrenChanged "
            + "of PATH itself; with --recursive: created, changed and deleted for PATH and every znode below it."})
final class ZkWatch extends ZkSubcommand {
  /** Bounds events not yet printed; when full, the client's event thread waits for stdout to catch up. */
  static final int QUEUE_CAPACITY = 1024;

  @Parameters(index = "0", paramLabel = "PATH") String path;

  @Option(names = "--recursive", description = "Watch every znode below PATH too (PERSISTENT_RECURSIVE).")
  boolean recursive;

  @Option(names = "--count", paramLabel = "N", defaultValue = "0", description = "Stop after N events (0: never).")
  int count;

  private final BlockingQueue<WatchedEvent> events = new ArrayBlockingQueue<>(QUEUE_CAPACITY);

  @Override void validate() {
    requireValidPath(path, false);
    if (count < 0) throw usage("--count must be 0 (no limit) or positive, got " + count);
  }

  @Override void onConnectionEvent(WatchedEvent event) { enqueue(event); }

  @Override int execute(ZooKeeper zk, PrintWriter out, PrintWriter err) throws KeeperException, InterruptedException {
    zk.addWatch(path, event -> {
      // Connection-state events reach this watcher too; they arrive once through onConnectionEvent instead.
      if (event.getType() != EventType.None) enqueue(event);
    }, recursive ? AddWatchMode.PERSISTENT_RECURSIVE : AddWatchMode.PERSISTENT);
    err.println("watching " + path + (recursive ? " and everything below it" : "") + "; Ctrl-C to stop");
    err.flush();
    int seen = 0;
    while (count == 0 || seen < count) {
      WatchedEvent event = events.take();
      if (event.getType() != EventType.None) {
        out.println(event.getType() + " " + event.getPath());
        out.flush();
        seen++;
        continue;
      }
      switch (event.getState()) {
        case Disconnected -> err.println("connection lost; reconnecting (the watch is restored on reconnect)");
        case SyncConnected -> err.println("reconnected");
        case Expired -> {
          err.println("session expired: the watch is gone; run the command again");
          return ZkExit.UNREACHABLE;
        }
        default -> err.println("connection state: " + event.getState());
      }
      err.flush();
    }
    return ZkExit.OK;
  }

  private void enqueue(WatchedEvent event) {
    try {
      events.put(event);
    } catch (InterruptedException e) {
      // Only happens while the client shuts down, when no one will print the event anyway; keep the flag.
      Thread.currentThread().interrupt();
    }
  }
}
