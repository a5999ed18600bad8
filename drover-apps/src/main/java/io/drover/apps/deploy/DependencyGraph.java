package io.drover.apps.deploy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The dependency graph of a set of apps (Marathon's {@code RootGroup.dependencyGraph}): an edge from an app to each
 * app it depends on. A dependency naming no app but a group prefix stands for every app below that group; one that
 * matches nothing adds no edge.
 */
public final class DependencyGraph {
  private final Map<String, SortedSet<String>> edges = new TreeMap<>();
  private final Map<String, Integer> depth = new HashMap<>();

  public DependencyGraph(Map<String, RunSpec> apps) {
    for (RunSpec app : apps.values()) {
      TreeSet<String> out = new TreeSet<>();
      for (String dep : app.dependencies()) {
        if (apps.containsKey(dep)) {
          out.add(dep);
        } else {
          String prefix = dep.endsWith("/") ? dep : dep + "/";
          for (String id : apps.keySet()) if (id.startsWith(prefix)) out.add(id);
        }
      }
      edges.put(app.id(), Collections.unmodifiableSortedSet(out));
    }
  }

  /** The apps {@code id} depends on directly (empty for unknown ids). */
  public SortedSet<String> dependenciesOf(String id) {
    return edges.getOrDefault(id, Collections.emptySortedSet());
  }

  /** One cycle (ids along it, the first repeated at the end), or empty when the graph is acyclic. */
  public Optional<List<String>> findCycle() {
    Map<String, Integer> color = new HashMap<>(); // absent = unvisited, 1 = on the stack, 2 = done
    for (String start : edges.keySet()) {
      if (color.containsKey(start)) continue;
      List<String> path = new ArrayList<>();
      Optional<List<String>> cycle = visit(start, color, path);
      if (cycle.isPresent()) return cycle;
    }
    return Optional.empty();
  }

  private Optional<List<String>> visit(String node, Map<String, Integer> color, List<String> path) {
    color.put(node, 1);
    path.add(node);
    for (String next : dependenciesOf(node)) {
      Integer c = color.get(next);
      if (c == null) {
        Optional<List<String>> cycle = visit(next, color, path);
        if (cycle.isPresent()) return cycle;
      } else if (c == 1) {
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(next), path.size()));
        cycle.add(next);
        return Optional.of(cycle);
      }
    }
    path.remove(path.size() - 1);
    color.put(node, 2);
    return Optional.empty();
  }

  /**
   * The number of apps on the longest dependency path starting at {@code id} (1 for an app without dependencies):
   * Marathon's equivalence class. An app's dependencies always have a smaller value. Requires an acyclic graph.
   */
  public int longestPath(String id) {
    Integer known = depth.get(id);
    if (known != null) return known;
    int longest = 0;
    for (String dep : dependenciesOf(id)) longest = Math.max(longest, longestPath(dep));
    depth.put(id, longest + 1);
    return longest + 1;
  }
}
