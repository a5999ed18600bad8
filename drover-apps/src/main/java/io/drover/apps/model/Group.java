package io.drover.apps.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable group of the root group tree. Apps and subgroups are keyed by their absolute ids (direct children
 * only). {@code dependencies} are absolute app or group ids inherited by every app below this group. Pods are not
 * supported ({@code pods} is always {@code []} in JSON). Every update returns a new tree; the groups along the
 * changed path get the given version, as Marathon stamps them.
 */
public record Group(PathId id, SortedMap<PathId, AppDefinition> apps, SortedMap<PathId, Group> groups,
    List<PathId> dependencies, Timestamp version, boolean enforceRole) {

  public Group {
    apps = Collections.unmodifiableSortedMap(new TreeMap<>(apps));
    groups = Collections.unmodifiableSortedMap(new TreeMap<>(groups));
    dependencies = List.copyOf(dependencies);
  }

  public static Group empty(PathId id, Timestamp version) {
    return new Group(id, new TreeMap<>(), new TreeMap<>(), List.of(), version, false);
  }

  public static Group emptyRoot(Timestamp version) { return empty(PathId.ROOT, version); }

  public Group withVersion(Timestamp v) { return new Group(id, apps, groups, dependencies, v, enforceRole); }

  public Group withDependencies(List<PathId> deps) { return new Group(id, apps, groups, deps, version, enforceRole); }

  public Group withEnforceRole(boolean e) { return new Group(id, apps, groups, dependencies, version, e); }

  /** The group with this id (this group itself for its own id), if it exists in this tree. */
  public Optional<Group> group(PathId gid) {
    if (gid.equals(id)) return Optional.of(this);
    if (!id.includes(gid)) return Optional.empty();
    PathId next = id.child(gid.segments().get(id.segments().size()));
    Group child = groups.get(next);
    return child == null ? Optional.empty() : child.group(gid);
  }

  public Optional<AppDefinition> app(PathId appId) {
    if (appId.isRoot()) return Optional.empty();
    return group(appId.parent()).map(g -> g.apps.get(appId));
  }

  /** Whether an app or a group has this id. */
  public boolean exists(PathId pid) { return app(pid).isPresent() || group(pid).isPresent(); }

  /** Every app in this tree, ordered by id. */
  public List<AppDefinition> transitiveApps() {
    List<AppDefinition> out = new ArrayList<>();
    collectApps(out);
    out.sort((a, b) -> a.id().compareTo(b.id()));
    return out;
  }

  private void collectApps(List<AppDefinition> out) {
    out.addAll(apps.values());
    groups.values().forEach(g -> g.collectApps(out));
  }

  /** Every group below this one (excluding itself), parents before children. */
  public List<Group> transitiveGroups() {
    List<Group> out = new ArrayList<>();
    for (Group g : groups.values()) {
      out.add(g);
      out.addAll(g.transitiveGroups());
    }
    return out;
  }

  /** Adds or replaces {@code app}, creating missing parent groups ({@code mkdir -p}); stamps the path with {@code v}. */
  public Group putApp(AppDefinition app, Timestamp v) {
    return update(app.id().parent(), g -> {
      SortedMap<PathId, AppDefinition> a = new TreeMap<>(g.apps);
      a.put(app.id(), app);
      return new Group(g.id, a, g.groups, g.dependencies, v, g.enforceRole);
    }, v);
  }

  /** Removes the app if present (the tree is returned unchanged otherwise). */
  public Group removeApp(PathId appId, Timestamp v) {
    if (app(appId).isEmpty()) return this;
    return update(appId.parent(), g -> {
      SortedMap<PathId, AppDefinition> a = new TreeMap<>(g.apps);
      a.remove(appId);
      return new Group(g.id, a, g.groups, g.dependencies, v, g.enforceRole);
    }, v);
  }

  /** Adds or replaces the subgroup {@code g} (by its id), creating missing parents. */
  public Group putGroup(Group g, Timestamp v) {
    if (g.id.equals(id)) return g.withVersion(v);
    return update(g.id.parent(), parent -> {
      SortedMap<PathId, Group> gs = new TreeMap<>(parent.groups);
      gs.put(g.id, g);
      return new Group(parent.id, parent.apps, gs, parent.dependencies, v, parent.enforceRole);
    }, v);
  }

  /** Removes a subgroup and everything in it, if present. */
  public Group removeGroup(PathId gid, Timestamp v) {
    if (gid.equals(id) || group(gid).isEmpty()) return this;
    return update(gid.parent(), parent -> {
      SortedMap<PathId, Group> gs = new TreeMap<>(parent.groups);
      gs.remove(gid);
      return new Group(parent.id, parent.apps, gs, parent.dependencies, v, parent.enforceRole);
    }, v);
  }

  /** Applies {@code change} to the group {@code gid} (created if missing) and re-links the path up to this group. */
  private Group update(PathId gid, java.util.function.UnaryOperator<Group> change, Timestamp v) {
    if (!id.includes(gid)) throw new IllegalArgumentException(gid + " is not inside " + id);
    if (gid.equals(id)) return change.apply(this);
    PathId next = id.child(gid.segments().get(id.segments().size()));
    Group child = groups.getOrDefault(next, empty(next, v));
    SortedMap<PathId, Group> gs = new TreeMap<>(groups);
    gs.put(next, child.update(gid, change, v));
    return new Group(id, apps, gs, dependencies, v, enforceRole);
  }

  /**
   * Multiplies every nested app's instance count by {@code factor}, rounding up (Marathon's {@code scaleBy}:
   * {@code ceil(instances * factor)}).
   */
  public Group scaleBy(double factor, Timestamp v) {
    Group out = this;
    for (AppDefinition a : transitiveApps()) {
      out = out.putApp(a.withInstances((int) Math.ceil(a.instances() * factor)), v);
    }
    return out.withVersion(v);
  }

  /**
   * The ids of the apps {@code appId} depends on: its own dependencies plus those of every group containing it;
   * a dependency naming a group stands for all apps in that group. Ids that name nothing are ignored (Marathon
   * allows them); an app never depends on itself.
   */
  public Set<PathId> effectiveDependencies(PathId appId) {
    Optional<AppDefinition> app = app(appId);
    if (app.isEmpty()) return Set.of();
    List<PathId> declared = new ArrayList<>(app.get().dependencies());
    for (PathId ancestor : appId.ancestors()) group(ancestor).ifPresent(g -> declared.addAll(g.dependencies));
    Set<PathId> out = new LinkedHashSet<>();
    for (PathId d : declared) {
      if (app(d).isPresent()) out.add(d);
      else group(d).ifPresent(g -> g.transitiveApps().forEach(a -> out.add(a.id())));
    }
    out.remove(appId);
    return Collections.unmodifiableSet(out);
  }

  /** Whether the app dependency graph (with inherited group dependencies) has a cycle. */
  public boolean hasCyclicDependencies() {
    Map<PathId, Set<PathId>> edges = new HashMap<>();
    for (AppDefinition a : transitiveApps()) edges.put(a.id(), effectiveDependencies(a.id()));
    Set<PathId> done = new HashSet<>();
    Set<PathId> onPath = new HashSet<>();
    for (PathId start : edges.keySet()) {
      if (cycleFrom(start, edges, done, onPath)) return true;
    }
    return false;
  }

  private static boolean cycleFrom(PathId n, Map<PathId, Set<PathId>> edges, Set<PathId> done, Set<PathId> onPath) {
    if (onPath.contains(n)) return true;
    if (!done.add(n)) return false;
    onPath.add(n);
    for (PathId m : edges.getOrDefault(n, Set.of())) {
      if (cycleFrom(m, edges, done, onPath)) return true;
    }
    onPath.remove(n);
    return false;
  }

  /**
   * Tree-level rules, run on the root after an update (apps are validated one by one when parsed): no dependency
   * cycle ({@code Dependency graph has cyclic dependencies.} at {@code /}) and no app and group with the same id.
   */
  public List<Violation> validate() {
    List<Violation> vs = new ArrayList<>();
    if (hasCyclicDependencies()) vs.add(Violation.of("/", "Dependency graph has cyclic dependencies."));
    for (Group g : transitiveGroupsAndSelf()) {
      for (PathId appId : g.apps.keySet()) {
        if (g.groups.containsKey(appId)) {
          vs.add(Violation.of("/", "Groups and Applications may not have the same identifier: " + appId));
        }
      }
    }
    return Violation.grouped(vs);
  }

  private List<Group> transitiveGroupsAndSelf() {
    List<Group> out = new ArrayList<>();
    out.add(this);
    out.addAll(transitiveGroups());
    return out;
  }
}
