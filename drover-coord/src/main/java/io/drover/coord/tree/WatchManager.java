package io.drover.coord.tree;

import io.drover.coord.wire.Acl;
import io.drover.coord.wire.WatcherEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * All watches, as ZooKeeper's DataTree keeps them: a data table (getData/exists watches, persistent,
 * persistent-recursive) and a child table (getChildren watches, persistent). An addWatch PERSISTENT goes
 * to both tables, PERSISTENT_RECURSIVE only to the data table, so recursive watches never see
 * NodeChildrenChanged. A watcherId is the server's id for a client connection. Thread-safe (one lock):
 * reads may add watches from the event loop while 4lw reports read them from elsewhere.
 */
public final class WatchManager {
  /** WatcherType codes of checkWatches/removeWatches. */
  public static final int TYPE_CHILDREN = 1, TYPE_DATA = 2, TYPE_ANY = 3, TYPE_PERSISTENT = 4, TYPE_RECURSIVE = 5;

  private final WatchTable data = new WatchTable();
  private final WatchTable child = new WatchTable();

  public synchronized void add(String path, long watcherId, WatchKind kind) {
    switch (kind) {
      case DATA -> data.add(path, watcherId, WatchTable.STANDARD);
      case CHILD -> child.add(path, watcherId, WatchTable.STANDARD);
      case PERSISTENT -> {
        data.add(path, watcherId, WatchTable.PERSISTENT);
        child.add(path, watcherId, WatchTable.PERSISTENT);
      }
      case PERSISTENT_RECURSIVE -> data.add(path, watcherId, WatchTable.RECURSIVE);
    }
  }

  /**
   * Fires the watches for one event as DataTree does: NodeCreated and NodeDataChanged on the data table,
   * NodeChildrenChanged on the child table, NodeDeleted on the data table then on the child table for the
   * watchers the data table did not already notify.
   */
  public List<Delivery> trigger(String path, int eventType, long zxid) {
    List<Delivery> out = new ArrayList<>(2);
    trigger(path, eventType, zxid, null, out);
    return out;
  }

  /** {@code acl}: the ACL a watcher must be able to READ to be told (see {@link Delivery}); null = no check. */
  synchronized void trigger(String path, int eventType, long zxid, List<Acl> acl, List<Delivery> out) {
    switch (eventType) {
      case WatcherEvent.NODE_CREATED, WatcherEvent.NODE_DATA_CHANGED -> data.trigger(path, eventType, zxid, acl, null, out);
      case WatcherEvent.NODE_CHILDREN_CHANGED -> child.trigger(path, eventType, zxid, acl, null, out);
      case WatcherEvent.NODE_DELETED -> {
        Set<Long> notified = data.trigger(path, eventType, zxid, acl, null, out);
        child.trigger(path, eventType, zxid, acl, notified, out);
      }
      default -> throw new IllegalArgumentException("not a trigger event type: " + eventType);
    }
  }

  /** checkWatches: watcherType 1 children, 2 data, 3 any, 4 persistent, 5 recursive (DataTree.containsWatcher). */
  public synchronized boolean contains(String path, long watcherId, int watcherType) {
    return switch (watcherType) {
      case TYPE_CHILDREN -> child.contains(path, watcherId, WatchTable.STANDARD);
      case TYPE_DATA -> data.contains(path, watcherId, WatchTable.STANDARD);
      case TYPE_PERSISTENT -> data.contains(path, watcherId, WatchTable.PERSISTENT);
      case TYPE_RECURSIVE -> data.contains(path, watcherId, WatchTable.RECURSIVE);
      case TYPE_ANY -> child.contains(path, watcherId, 0) || data.contains(path, watcherId, 0);
      default -> throw new IllegalArgumentException("Invalid integer value for conversion to WatcherType: " + watcherType);
    };
  }

  /** removeWatches (DataTree.removeWatch); false means the server answers NOWATCHER. */
  public synchronized boolean remove(String path, long watcherId, int watcherType) {
    return switch (watcherType) {
      case TYPE_CHILDREN -> child.remove(path, watcherId, WatchTable.STANDARD);
      case TYPE_DATA -> data.remove(path, watcherId, WatchTable.STANDARD);
      case TYPE_PERSISTENT -> child.remove(path, watcherId, WatchTable.PERSISTENT) | data.remove(path, watcherId, WatchTable.PERSISTENT);
      case TYPE_RECURSIVE -> data.remove(path, watcherId, WatchTable.RECURSIVE);
      case TYPE_ANY -> child.remove(path, watcherId, 0) | data.remove(path, watcherId, 0);
      default -> throw new IllegalArgumentException("Invalid integer value for conversion to WatcherType: " + watcherType);
    };
  }

  /** Drops every watch of a closed connection. */
  public synchronized void removeWatcher(long watcherId) {
    data.removeWatcher(watcherId);
    child.removeWatcher(watcherId);
  }

  /** mntr's zk_watch_count: watchers per path summed over both tables (a persistent watch counts twice). */
  public synchronized int watchCount() { return data.size() + child.size(); }

  /** wchs: paths watched — of the data table only, as ZooKeeper's DataTree.getWatchesSummary. */
  public synchronized int watchedPathCount() { return data.pathCount(); }

  /** wchs: connections watching — of the data table only, as ZooKeeper. */
  public synchronized int watcherCount() { return data.watcherCount(); }

  /** wchc: watched paths per connection — of the data table only, as ZooKeeper's DataTree.getWatches. */
  public synchronized Map<Long, Set<String>> byWatcher() { return data.byWatcher(); }
}
