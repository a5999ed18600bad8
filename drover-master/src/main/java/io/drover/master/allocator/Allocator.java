package io.drover.master.allocator;

import io.drover.common.random.Rng;
import io.drover.common.resources.Attributes;
import io.drover.common.resources.Resource;
import io.drover.common.resources.Resources;
import io.drover.common.resources.Scalar;
import io.drover.master.allocator.AgentState.Holder;
import io.drover.master.allocator.FrameworkState.Filter;
import io.drover.master.allocator.FrameworkState.FilterKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The master's hierarchical DRF allocator (Mesos {@code HierarchicalAllocator}) as a pure, single-threaded state
 * machine: the master feeds it agents, frameworks and resource events, and calls {@link #allocate(long)} every
 * allocation interval and after events that may create offers (agent or framework added, revive). Time arrives as
 * {@code nowMs} arguments; agent order comes from the injected {@link Rng}, so a seed replays a run exactly.
 *
 * <p>Resource lifecycle per agent: {@code free -> offered} (allocate), {@code offered -> used} ({@link #allocated}),
 * {@code offered -> free} ({@link #recoverResources}, with a refusal filter), {@code used -> free} ({@link #released}).
 * Invariant: {@code free + offered + used == total} on every agent. DRF shares count offered plus used.
 *
 * <p>Unknown agent or framework ids in recover/release are ignored (the master may race an agent removal); calls
 * that would break the invariant throw {@link IllegalArgumentException}, since they are master bugs.
 */
public final class Allocator {
  /** Mesos {@code Filters.refuse_seconds} default. */
  public static final double DEFAULT_REFUSE_SECONDS = 5.0;
  /** Longest refusal Mesos honours. */
  public static final double MAX_REFUSE_SECONDS = 365.0 * 24 * 3600;

  final AllocatorConfig config;
  final Rng rng;
  final TreeMap<String, AgentState> agents = new TreeMap<>();
  final TreeMap<String, FrameworkState> frameworks = new TreeMap<>();
  final DrfSorter roleSorter;
  final Map<String, DrfSorter> frameworkSorters = new HashMap<>();
  final Map<String, Integer> frameworksPerRole = new HashMap<>();
  final TreeMap<String, Double> weights = new TreeMap<>();
  final TreeMap<String, Quota> quotas = new TreeMap<>();
  final Map<String, Long> clusterTotals = new HashMap<>();
  /** Unreserved scalars allocated (offered + used) to each role, summed into every ancestor too. */
  final Map<String, Map<String, Long>> unreservedAllocatedTree = new HashMap<>();
  /** Reserved scalars on all agents by reservation role, summed into every ancestor too. */
  final Map<String, Map<String, Long>> reservationTree = new HashMap<>();

  public Allocator(AllocatorConfig config, Rng rng) {
    this.config = config;
    this.rng = rng;
    this.roleSorter = new DrfSorter(true, config.fairSharingExcludedNames());
  }

  // ---- agents ----

  /** Adds an agent with its total resources (incl. static reservations); all of it starts free. */
  public void addAgent(String agentId, String hostname, Resources total, Attributes attributes) {
    if (agents.containsKey(agentId)) throw new IllegalArgumentException("agent " + agentId + " already added");
    for (Resource r : total.reserved().toList()) Roles.validate(r.role());
    agents.put(agentId, new AgentState(agentId, hostname, total, attributes));
    changeTotals(total, +1);
  }

  /**
   * Removes an agent and everything allocated on it.
   *
   * @return the outstanding (offered, not used) allocations on it: the offers the master must rescind
   */
  public List<Allocation> removeAgent(String agentId) {
    AgentState a = agents.remove(agentId);
    if (a == null) return List.of();
    List<Allocation> rescind = new ArrayList<>();
    a.offered.forEach((h, res) -> {
      rescind.add(new Allocation(h.frameworkId(), h.role(), a.id, a.hostname, a.attributes, res));
      track(h, res, -1);
    });
    a.used.forEach((h, res) -> track(h, res, -1));
    changeTotals(a.total, -1);
    for (FrameworkState f : frameworks.values()) f.filters.keySet().removeIf(k -> k.agentId().equals(agentId));
    return rescind;
  }

  /**
   * Replaces an agent's total and attributes.
   *
   * @throws IllegalArgumentException if the new total does not contain what is offered or used there
   */
  public void updateAgent(String agentId, Resources total, Attributes attributes) {
    AgentState a = agent(agentId);
    Resources inUse = a.total.minus(a.free);
    if (!total.contains(inUse)) {
      throw new IllegalArgumentException("new total " + total + " of agent " + agentId + " lacks in-use " + inUse);
    }
    changeTotals(a.total, -1);
    a.total = total;
    a.free = total.minus(inUse);
    a.attributes = attributes;
    changeTotals(total, +1);
  }

  /** An inactive agent (e.g. disconnected) keeps its allocations but gets no new offers. */
  public void setAgentActive(String agentId, boolean active) { agent(agentId).active = active; }

  // ---- frameworks ----

  /**
   * Adds a framework subscribed to {@code roles} with {@code suppressedRoles} initially suppressed.
   *
   * @throws IllegalArgumentException on a duplicate id, an invalid role, or several roles without MULTI_ROLE
   */
  public void addFramework(String frameworkId, Set<String> roles, Set<FrameworkCapability> capabilities,
      Set<String> suppressedRoles) {
    if (frameworks.containsKey(frameworkId)) {
      throw new IllegalArgumentException("framework " + frameworkId + " already added");
    }
    checkRoles(roles, capabilities);
    FrameworkState f = new FrameworkState(frameworkId, roles, suppressedRoles, capabilities);
    frameworks.put(frameworkId, f);
    for (String role : f.roles) joinRole(frameworkId, role);
  }

  /** Changes roles, capabilities and suppressed roles; allocations in dropped roles stay until recovered. */
  public void updateFramework(String frameworkId, Set<String> roles, Set<FrameworkCapability> capabilities,
      Set<String> suppressedRoles) {
    FrameworkState f = framework(frameworkId);
    checkRoles(roles, capabilities);
    for (String old : Set.copyOf(f.roles)) if (!roles.contains(old)) leaveRole(frameworkId, old);
    for (String role : roles) if (!f.roles.contains(role)) joinRole(frameworkId, role);
    f.roles = new LinkedHashSet<>(roles);
    f.suppressed = new LinkedHashSet<>(suppressedRoles);
    f.capabilities = capabilities.isEmpty() ? EnumSet.noneOf(FrameworkCapability.class)
        : EnumSet.copyOf(capabilities);
    f.filters.keySet().removeIf(k -> !roles.contains(k.role()));
  }

  /**
   * Removes a framework and frees everything offered to or used by it.
   *
   * @return its outstanding offers, for the master to rescind
   */
  public List<Allocation> removeFramework(String frameworkId) {
    FrameworkState f = frameworks.remove(frameworkId);
    if (f == null) return List.of();
    List<Allocation> rescind = new ArrayList<>();
    for (AgentState a : agents.values()) {
      for (var it = a.offered.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        if (!e.getKey().frameworkId().equals(frameworkId)) continue;
        rescind.add(new Allocation(frameworkId, e.getKey().role(), a.id, a.hostname, a.attributes, e.getValue()));
        track(e.getKey(), e.getValue(), -1);
        a.free = a.free.plus(e.getValue());
        it.remove();
      }
      for (var it = a.used.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        if (!e.getKey().frameworkId().equals(frameworkId)) continue;
        track(e.getKey(), e.getValue(), -1);
        a.free = a.free.plus(e.getValue());
        it.remove();
      }
    }
    for (String role : f.roles) leaveRole(frameworkId, role);
    return rescind;
  }

  /** An inactive framework (e.g. disconnected, within its failover timeout) keeps allocations but gets no offers. */
  public void setFrameworkActive(String frameworkId, boolean active) { framework(frameworkId).active = active; }

  /** SUPPRESS: no offers for these roles (empty = all the framework's roles) until revived. */
  public void suppress(String frameworkId, Set<String> roles) {
    FrameworkState f = framework(frameworkId);
    f.suppressed.addAll(roles.isEmpty() ? f.roles : roles);
  }

  /** REVIVE: clears the refusal filters of these roles (empty = all) and unsuppresses them. */
  public void revive(String frameworkId, Set<String> roles) {
    FrameworkState f = framework(frameworkId);
    Set<String> target = roles.isEmpty() ? Set.copyOf(f.roles) : roles;
    f.suppressed.removeAll(target);
    f.filters.keySet().removeIf(k -> target.contains(k.role()));
  }

  // ---- resources ----

  /**
   * Returns offered resources to the free pool (declined offer, unused part of an accepted offer, rescinded offer)
   * and installs a refusal filter for (framework, role, agent) of {@code refuseSeconds}: pass
   * {@link #DEFAULT_REFUSE_SECONDS} when the call carried no filters, 0 for no filter. Negative, NaN or infinite
   * values mean the default; values above 365 days are capped. The filter expires after
   * {@code max(allocation interval, refuse)}. While it lasts, the framework is not offered, in that role on that
   * agent, any candidate the refused resources contain (so it does see offers once more becomes free, as in Mesos).
   * A newer refusal for the same (framework, role, agent) replaces the older one.
   */
  public void recoverResources(String frameworkId, String agentId, String role, Resources resources,
      double refuseSeconds, long nowMs) {
    AgentState a = agents.get(agentId);
    if (a == null || resources.isEmpty()) return;
    returnToFree(a, a.offered, new Holder(frameworkId, role), resources, "recovering", "offered");
    FrameworkState f = frameworks.get(frameworkId);
    long refuseMs = refuseMillis(refuseSeconds);
    if (f != null && refuseMs > 0) {
      long expiresAtMs = nowMs + Math.max(config.allocationIntervalMs(), refuseMs);
      f.filters.put(new FilterKey(role, agentId), new Filter(resources, expiresAtMs));
    }
  }

  static long refuseMillis(double refuseSeconds) {
    double s = refuseSeconds;
    if (Double.isNaN(s) || Double.isInfinite(s) || s < 0) s = DEFAULT_REFUSE_SECONDS;
    s = Math.min(s, MAX_REFUSE_SECONDS);
    return Math.round(s * 1000);
  }

  /**
   * Marks resources as used by launched tasks: taken from the framework's outstanding offers on the agent in that
   * role when they hold them (ACCEPT), otherwise from the free pool (tasks reported by a re-registering agent).
   *
   * @throws IllegalArgumentException if neither holds them
   */
  public void allocated(String frameworkId, String agentId, String role, Resources resources) {
    AgentState a = agent(agentId);
    Holder h = new Holder(frameworkId, role);
    Resources offered = a.offered.getOrDefault(h, Resources.EMPTY);
    if (offered.contains(resources)) {
      put(a.offered, h, offered.minus(resources));
    } else if (a.free.contains(resources)) {
      a.free = a.free.minus(resources);
      track(h, resources, +1);
    } else {
      throw new IllegalArgumentException("cannot mark " + resources + " used on agent " + agentId + " by "
          + frameworkId + ": offered " + offered + ", free " + a.free);
    }
    put(a.used, h, a.used.getOrDefault(h, Resources.EMPTY).plus(resources));
  }

  /** Tasks ended: their resources go back to the free pool. Unknown agents are ignored. */
  public void released(String frameworkId, String agentId, String role, Resources resources) {
    AgentState a = agents.get(agentId);
    if (a == null || resources.isEmpty()) return;
    returnToFree(a, a.used, new Holder(frameworkId, role), resources, "releasing", "used");
  }

  /** Moves resources a holder has offered or in use on an agent back to its free pool. */
  private void returnToFree(AgentState a, Map<Holder, Resources> from, Holder h, Resources resources, String verb,
      String held) {
    Resources holding = from.getOrDefault(h, Resources.EMPTY);
    if (!holding.contains(resources)) {
      throw new IllegalArgumentException(verb + " " + resources + " on agent " + a.id + " for " + h.frameworkId()
          + " in role " + h.role() + " but only " + holding + " is " + held);
    }
    put(from, h, holding.minus(resources));
    a.free = a.free.plus(resources);
    track(h, resources, -1);
  }

  // ---- weights and quota ----

  /** UPDATE_WEIGHTS: sets each role's weight (> 0); 1.0 restores the default. */
  public void updateWeights(Map<String, Double> roleWeights) {
    roleWeights.forEach((role, w) -> {
      Roles.validate(role);
      roleSorter.setWeight(role, w);
      if (w == 1.0) weights.remove(role); else weights.put(role, w);
    });
  }

  /** Sets (or, with {@link Quota#NONE}, removes) a role's quota. */
  public void setQuota(String role, Quota quota) {
    Roles.validate(role);
    if (quota.isNone()) quotas.remove(role); else quotas.put(role, quota);
  }

  public void setQuota(String role, Resources guarantees, Resources limits) {
    setQuota(role, Quota.of(guarantees, limits));
  }

  // ---- allocation ----

  /**
   * Runs one allocation cycle at {@code nowMs}: every free resource that some eligible framework may take is
   * offered, at most one allocation per (framework, role, agent) in the result. Result order is deterministic for a
   * given state and Rng sequence.
   */
  public List<Allocation> allocate(long nowMs) { return new AllocationCycle(this, nowMs).run(); }

  // ---- views for the operator API and /master/state ----

  public Resources totals() {
    Resources sum = Resources.EMPTY;
    for (AgentState a : agents.values()) sum = sum.plus(a.total);
    return sum;
  }

  public SortedSet<String> agentIds() { return Collections.unmodifiableSortedSet(new TreeSet<>(agents.keySet())); }

  public SortedSet<String> frameworkIds() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(frameworks.keySet()));
  }

  public Resources agentTotal(String agentId) { return agent(agentId).total; }

  public Resources agentFree(String agentId) { return agent(agentId).free; }

  public Resources agentOffered(String agentId) { return sum(agent(agentId).offered, h -> true); }

  public Resources agentUsed(String agentId) { return sum(agent(agentId).used, h -> true); }

  /** Outstanding offers of a framework over all agents and roles. */
  public Resources offeredTo(String frameworkId) { return sumAll(h -> h.frameworkId().equals(frameworkId), true); }

  /** Resources used by a framework's tasks over all agents and roles. */
  public Resources usedBy(String frameworkId) { return sumAll(h -> h.frameworkId().equals(frameworkId), false); }

  /** Offered plus used in exactly {@code role} (not its sub-roles). */
  public Resources allocatedToRole(String role) {
    return sumAll(h -> h.role().equals(role), true).plus(sumAll(h -> h.role().equals(role), false));
  }

  /** Roles that have frameworks, allocations, a weight or a quota; sorted. */
  public SortedSet<String> roles() {
    TreeSet<String> out = new TreeSet<>(frameworksPerRole.keySet());
    out.addAll(weights.keySet());
    out.addAll(quotas.keySet());
    for (AgentState a : agents.values()) {
      a.offered.keySet().forEach(h -> out.add(h.role()));
      a.used.keySet().forEach(h -> out.add(h.role()));
    }
    return Collections.unmodifiableSortedSet(out);
  }

  public Set<String> frameworksInRole(String role) {
    TreeSet<String> out = new TreeSet<>();
    frameworks.values().forEach(f -> { if (f.roles.contains(role)) out.add(f.id); });
    return out;
  }

  /** Weighted dominant share of the role's subtree. */
  public double roleShare(String role) { return roleSorter.share(role); }

  public double weight(String role) { return weights.getOrDefault(role, 1.0); }

  public Map<String, Double> weights() { return Collections.unmodifiableMap(new TreeMap<>(weights)); }

  public Quota quota(String role) { return quotas.getOrDefault(role, Quota.NONE); }

  public Map<String, Quota> quotas() { return Collections.unmodifiableMap(new TreeMap<>(quotas)); }

  /** Quota consumption of a role's subtree: unreserved allocations plus all its reservations, millis per kind. */
  public Map<String, Long> consumedQuota(String role) {
    Map<String, Long> c = Quantities.copy(unreservedAllocatedTree.getOrDefault(role, Map.of()));
    Quantities.add(c, reservationTree.getOrDefault(role, Map.of()));
    return Collections.unmodifiableMap(new TreeMap<>(c));
  }

  public Set<String> suppressedRoles(String frameworkId) { return Set.copyOf(framework(frameworkId).suppressed); }

  // ---- internals ----

  AgentState agent(String agentId) {
    AgentState a = agents.get(agentId);
    if (a == null) throw new IllegalArgumentException("unknown agent " + agentId);
    return a;
  }

  FrameworkState framework(String frameworkId) {
    FrameworkState f = frameworks.get(frameworkId);
    if (f == null) throw new IllegalArgumentException("unknown framework " + frameworkId);
    return f;
  }

  private static void checkRoles(Set<String> roles, Set<FrameworkCapability> capabilities) {
    if (roles.isEmpty()) throw new IllegalArgumentException("a framework needs at least one role");
    roles.forEach(Roles::validate);
    if (roles.size() > 1 && !capabilities.contains(FrameworkCapability.MULTI_ROLE)) {
      throw new IllegalArgumentException("several roles " + roles + " need the MULTI_ROLE capability");
    }
  }

  private void joinRole(String frameworkId, String role) {
    if (frameworksPerRole.merge(role, 1, Integer::sum) == 1) roleSorter.add(role);
    frameworkSorter(role).add(frameworkId);
  }

  private void leaveRole(String frameworkId, String role) {
    if (frameworksPerRole.merge(role, -1, Integer::sum) == 0) {
      frameworksPerRole.remove(role);
      roleSorter.remove(role);
    }
    frameworkSorter(role).remove(frameworkId);
  }

  DrfSorter frameworkSorter(String role) {
    return frameworkSorters.computeIfAbsent(role, r -> {
      DrfSorter s = new DrfSorter(false, config.fairSharingExcludedNames());
      s.setTotals(clusterTotals);
      return s;
    });
  }

  /** Adds (sign +1) or removes (-1) an allocation from the sorters and the quota consumption tree. */
  void track(Holder h, Resources res, int sign) {
    Map<String, Long> all = res.scalarTotals();
    Map<String, Long> unreserved = res.unreserved().scalarTotals();
    if (sign > 0) {
      roleSorter.allocated(h.role(), all);
      frameworkSorter(h.role()).allocated(h.frameworkId(), all);
    } else {
      roleSorter.unallocated(h.role(), all);
      frameworkSorter(h.role()).unallocated(h.frameworkId(), all);
    }
    addToTree(unreservedAllocatedTree, h.role(), unreserved, sign);
  }

  private static void addToTree(Map<String, Map<String, Long>> tree, String role, Map<String, Long> q, int sign) {
    if (q.isEmpty()) return;
    List<String> path = new ArrayList<>(Roles.ancestors(role));
    path.add(role);
    for (String r : path) {
      Map<String, Long> m = tree.computeIfAbsent(r, k -> new HashMap<>());
      if (sign > 0) Quantities.add(m, q); else Quantities.subtract(m, q);
      if (m.isEmpty()) tree.remove(r);
    }
  }

  private void changeTotals(Resources total, int sign) {
    Map<String, Long> scalars = total.scalarTotals();
    if (sign > 0) Quantities.add(clusterTotals, scalars); else Quantities.subtract(clusterTotals, scalars);
    for (Resource r : total.reserved().toList()) {
      if (r.value() instanceof Scalar s) addToTree(reservationTree, r.role(), Map.of(r.name(), s.millis()), sign);
    }
    roleSorter.setTotals(clusterTotals);
    for (DrfSorter s : frameworkSorters.values()) s.setTotals(clusterTotals);
  }

  private static void put(Map<Holder, Resources> map, Holder h, Resources r) {
    if (r.isEmpty()) map.remove(h); else map.put(h, r);
  }

  private static Resources sum(Map<Holder, Resources> map, Predicate<Holder> which) {
    Resources out = Resources.EMPTY;
    for (var e : map.entrySet()) if (which.test(e.getKey())) out = out.plus(e.getValue());
    return out;
  }

  private Resources sumAll(Predicate<Holder> which, boolean offered) {
    Resources out = Resources.EMPTY;
    for (AgentState a : agents.values()) out = out.plus(sum(offered ? a.offered : a.used, which));
    return out;
  }
}
