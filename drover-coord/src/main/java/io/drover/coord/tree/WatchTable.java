package io.drover.coord.tree;

import io.drover.coord.wire.Acl;
import io.drover.coord.wire.WatcherEvent;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One of ZooKeeper's two watch managers (data or child), as {@code WatchManager}: per watcher and path
 * a set of modes. A trigger fires every watcher on the exact path (dropping its STANDARD mode, keeping
 * persistent ones) and, when recursive watches exist, PERSISTENT_RECURSIVE watchers on every ancestor.
 * Not thread-safe: {@link WatchManager} serializes access.
 */
final class WatchTable {
  static final int STANDARD = 1, PERSISTENT = 2, RECURSIVE = 4;

  private final Map<String, Set<Long>> byPath = new HashMap<>();
  private final Map<Long, Map<String, Integer>> byWatcher = new HashMap<>();
  private int recursiveCount;

  boolean add(String path, long watcherId, int mode) {
    byPath.computeIfAbsent(path, p -> new LinkedHashSet<>(4)).add(watcherId);
    Map<String, Integer> paths = byWatcher.computeIfAbsent(watcherId, w -> new HashMap<>());
    int old = paths.getOrDefault(path, 0);
    int now = old | mode;
    if (now == old) return false;
    paths.put(path, now);
    if (mode == RECURSIVE) recursiveCount++;
    return true;
  }

  /**
   * Fires the watches for an event on {@code path}; appends a delivery for each fired watcher not in
   * {@code suppress}. Returns every fired watcher (including suppressed ones), as ZooKeeper does.
   */
  Set<Long> trigger(String path, int type, long zxid, List<Acl> acl, Set<Long> suppress, List<Delivery> out) {
    Set<Long> fired = null;
    String local = path;
    boolean atParent = false;
    while (true) {
      Set<Long> watchers = byPath.get(local);
      if (watchers != null) {
        for (Iterator<Long> it = watchers.iterator(); it.hasNext(); ) {
          Long w = it.next();
          Map<String, Integer> paths = byWatcher.get(w);
          Integer modes = paths == null ? null : paths.get(local);
          if (modes == null) throw new IllegalStateException("watch table inconsistent for " + w + " at " + local);
          if (!atParent) {
            if (fired == null) fired = new LinkedHashSet<>();
            fired.add(w);
            int left = modes & ~STANDARD;
            if (left == 0) {
              it.remove();
              paths.remove(local);
              if (paths.isEmpty()) byWatcher.remove(w);
            } else if (left != modes) {
              paths.put(local, left);
            }
          } else if ((modes & RECURSIVE) != 0) {
            if (fired == null) fired = new LinkedHashSet<>();
            fired.add(w);
          }
        }
        if (watchers.isEmpty()) byPath.remove(local);
      }
      if (recursiveCount == 0 || "/".equals(local)) break;
      local = PathUtils.parent(local);
      atParent = true;
    }
    if (fired == null) return Set.of();
    WatcherEvent event = new WatcherEvent(type, WatcherEvent.STATE_SYNC_CONNECTED, path);
    for (Long w : fired) {
      if (suppress == null || !suppress.contains(w)) out.add(new Delivery(w, event, zxid, acl));
    }
    return fired;
  }

  /** mode 0 means any mode. */
  boolean contains(String path, long watcherId, int mode) {
    Map<String, Integer> paths = byWatcher.get(watcherId);
    Integer modes = paths == null ? null : paths.get(path);
    return modes != null && (mode == 0 || (modes & mode) != 0);
  }

  /** Removes one mode (or all when mode is 0) of a watcher's watch on a path; true if anything changed. */
  boolean remove(String path, long watcherId, int mode) {
    Map<String, Integer> paths = byWatcher.get(watcherId);
    Set<Long> watchers = byPath.get(path);
    if (paths == null || watchers == null) return false;
    int old = paths.getOrDefault(path, 0);
    int now = mode == 0 ? 0 : old & ~mode;
    if (now == old) return false;
    if (now == 0) {
      paths.remove(path);
      if (paths.isEmpty()) byWatcher.remove(watcherId);
      watchers.remove(watcherId);
      if (watchers.isEmpty()) byPath.remove(path);
    } else {
      paths.put(path, now);
    }
    if ((old & RECURSIVE) != 0 && (now & RECURSIVE) == 0) recursiveCount--;
    return true;
  }

  void removeWatcher(long watcherId) {
    Map<String, Integer> paths = byWatcher.remove(watcherId);
    if (paths == null) return;
    for (Map.Entry<String, Integer> e : paths.entrySet()) {
      Set<Long> watchers = byPath.get(e.getKey());
      if (watchers != null) {
        watchers.remove(watcherId);
        if (watchers.isEmpty()) byPath.remove(e.getKey());
      }
      if ((e.getValue() & RECURSIVE) != 0) recursiveCount--;
    }
  }

  /** Sum over paths of the watchers on it ({@code WatchManager.size()}). */
  int size() {
    int n = 0;
    for (Set<Long> s : byPath.values()) n += s.size();
    return n;
  }

  int pathCount() { return byPath.size(); }

  int watcherCount() { return byWatcher.size(); }

  Map<Long, Set<String>> byWatcher() {
    Map<Long, Set<String>> out = new HashMap<>();
    for (Map.Entry<Long, Map<String, Integer>> e : byWatcher.entrySet()) {
      out.put(e.getKey(), Set.copyOf(e.getValue().keySet()));
    }
    return out;
  }
}
