package io.drover.apps.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A group body ({@code POST/PUT /v2/groups[/{id}]}) as parsed by {@link GroupJson}: every field optional, ids
 * already resolved to absolute ones. Special bodies: only {@code version} = roll back to that version; only
 * {@code scaleBy} = scale all nested apps ({@link #isRollback()}, {@link #isScale()}).
 */
public record GroupUpdate(Optional<PathId> id, Optional<List<AppDefinition>> apps, Optional<List<GroupUpdate>> groups,
    Optional<List<PathId>> dependencies, Optional<Double> scaleBy, Optional<Timestamp> version,
    Optional<Boolean> enforceRole) {

  public boolean isRollback() {
    return version.isPresent() && apps.isEmpty() && groups.isEmpty() && dependencies.isEmpty() && scaleBy.isEmpty();
  }

  public boolean isScale() {
    return scaleBy.isPresent() && apps.isEmpty() && groups.isEmpty() && dependencies.isEmpty() && version.isEmpty();
  }

  /**
   * The group this body describes, applied to {@code current} (or to an empty group {@code gid} when absent), as
   * Marathon's {@code GroupConversion} does: given {@code apps} replace the group's apps; given {@code groups}
   * replace its subgroups, each applied to the existing subgroup of that id; given {@code dependencies} and
   * {@code enforceRole} replace. Every group built gets {@code v}; apps keep their own version info.
   */
  public Group applyTo(PathId gid, Optional<Group> current, Timestamp v) {
    Group base = current.orElse(Group.empty(gid, v));
    SortedMap<PathId, AppDefinition> newApps = new TreeMap<>(base.apps());
    if (apps.isPresent()) {
      newApps.clear();
      for (AppDefinition a : apps.get()) newApps.put(a.id(), a);
    }
    SortedMap<PathId, Group> newGroups = new TreeMap<>(base.groups());
    if (groups.isPresent()) {
      newGroups.clear();
      for (GroupUpdate gu : groups.get()) {
        PathId cid = gu.id().orElseThrow(() -> new IllegalArgumentException("nested group without id"));
        newGroups.put(cid, gu.applyTo(cid, Optional.ofNullable(base.groups().get(cid)), v));
      }
    }
    return new Group(gid, newApps, newGroups, dependencies.orElse(base.dependencies()), v,
        enforceRole.orElse(base.enforceRole()));
  }

  /**
   * The group tree exactly as this body describes it (no existing state), for reading back a stored
   * {@code GET /v2/groups} document: each group keeps its own {@code version} ({@code fallback} when absent).
   */
  public Group toGroup(PathId gid, Timestamp fallback) {
    SortedMap<PathId, AppDefinition> as = new TreeMap<>();
    apps.orElse(List.of()).forEach(a -> as.put(a.id(), a));
    SortedMap<PathId, Group> gs = new TreeMap<>();
    for (GroupUpdate gu : groups.orElse(List.of())) {
      PathId cid = gu.id().orElseThrow(() -> new IllegalArgumentException("nested group without id"));
      gs.put(cid, gu.toGroup(cid, fallback));
    }
    return new Group(gid, as, gs, dependencies.orElse(List.of()), version.orElse(fallback), enforceRole.orElse(false));
  }

  /** All apps of this body and its nested groups. */
  public List<AppDefinition> transitiveApps() {
    List<AppDefinition> out = new ArrayList<>(apps.orElse(List.of()));
    groups.orElse(List.of()).forEach(g -> out.addAll(g.transitiveApps()));
    return out;
  }
}
