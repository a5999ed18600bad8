package io.drover.master.allocator;

import io.drover.common.resources.Resource;
import io.drover.common.resources.Resources;
import io.drover.master.allocator.AgentState.Holder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One allocation cycle (Mesos {@code HierarchicalAllocatorProcess::__allocate}), run over the allocator's state.
 *
 * <p>Agents are visited in a random order drawn from the allocator's Rng. On each agent:
 * <ol>
 *   <li>Stage 1: roles whose quota guarantee (own or nearest ancestor's) is unmet, in DRF order, get what they may
 *       take: reservations for them (or their ancestors) plus unreserved resources.
 *   <li>Stage 2: every role, in DRF order (re-sorted after each allocation), gets the same.
 * </ol>
 * What a role "may take" of each unreserved scalar kind is capped by (a) the remaining quota limit of the role and
 * every ancestor, and (b) headroom: the cluster's free unreserved amount must stay at or above the sum of unmet
 * guarantees of all quota roots, except that a role may eat into its own quota root's unmet guarantee. Within a role
 * the first framework in framework-DRF order that is active, not suppressed for the role, allowed on GPU agents, and
 * not filtered for this agent gets the whole candidate, provided it holds one of the minimum allocatable sets.
 */
final class AllocationCycle {
  private final Allocator alloc;
  private final long nowMs;
  /** Free unreserved scalars on active agents, millis; the supply that headroom is measured against. */
  private final Map<String, Long> available = new HashMap<>();
  /** Roles with a guarantee and no ancestor with one: each one's unmet guarantee counts once in the headroom. */
  private final List<String> quotaRoots = new ArrayList<>();
  private final Map<String, String> quotaRootOf = new HashMap<>();
  private final LinkedHashMap<OfferKey, Resources> result = new LinkedHashMap<>();

  private record OfferKey(String agentId, Holder holder) {}

  AllocationCycle(Allocator alloc, long nowMs) {
    this.alloc = alloc;
    this.nowMs = nowMs;
    for (AgentState a : alloc.agents.values()) {
      if (a.active) Quantities.add(available, a.free.unreserved().scalarTotals());
    }
    alloc.quotas.forEach((role, q) -> {
      if (!q.guaranteesMillis().isEmpty() && Roles.ancestors(role).stream().noneMatch(this::hasGuarantee)) {
        quotaRoots.add(role);
      }
    });
  }

  List<Allocation> run() {
    List<AgentState> order = new ArrayList<>();
    for (AgentState a : alloc.agents.values()) if (a.active && !a.free.isEmpty()) order.add(a);
    shuffle(order);
    for (AgentState a : order) {
      if (!quotaRoots.isEmpty()) {
        for (String role : List.copyOf(alloc.roleSorter.sort())) {
          if (a.free.isEmpty()) break;
          String root = quotaRoot(role);
          if (root != null && isPositive(unmet(root))) allocateToRole(a, role, true);
        }
      }
      for (String role : List.copyOf(alloc.roleSorter.sort())) {
        if (a.free.isEmpty()) break;
        allocateToRole(a, role, false);
      }
    }
    List<Allocation> out = new ArrayList<>(result.size());
    result.forEach((k, res) -> {
      AgentState a = alloc.agents.get(k.agentId());
      out.add(new Allocation(k.holder().frameworkId(), k.holder().role(), a.id, a.hostname, a.attributes, res));
    });
    return out;
  }

  /** Fisher-Yates over the id-sorted agents, so the order depends only on the Rng's sequence. */
  private void shuffle(List<AgentState> list) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = alloc.rng.nextInt(i + 1);
      AgentState t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }

  private void allocateToRole(AgentState a, String role, boolean quotaStage) {
    Resources allocatable = a.free.filter(r -> Roles.isAllocatableTo(r, role));
    if (allocatable.isEmpty()) return;
    Resources reserved = allocatable.reserved();
    Resources unreserved = allocatable.unreserved();
    String root = quotaRoot(role);
    Map<String, Long> ownUnmet = root == null ? Map.of() : unmet(root);
    Map<String, Long> required = requiredHeadroom();
    Map<String, Long> limitLeft = limitRemaining(role);
    for (Map.Entry<String, Long> e : unreserved.scalarTotals().entrySet()) {
      String kind = e.getKey();
      long cap = e.getValue();
      Long limit = limitLeft.get(kind);
      if (limit != null) cap = Math.min(cap, limit);
      long need = required.getOrDefault(kind, 0L);
      if (need > 0) {
        long spare = Math.max(0, available.getOrDefault(kind, 0L) - need);
        cap = Math.min(cap, ownUnmet.getOrDefault(kind, 0L) + spare);
      }
      unreserved = unreserved.withUnreservedScalarAtMost(kind, cap);
    }
    Resources candidate = reserved.plus(unreserved);
    if (candidate.isEmpty()) return;
    if (quotaStage && reserved.isEmpty() && !helpsGuarantee(unreserved, ownUnmet)) return;
    if (!meetsMinimum(candidate)) return;
    for (String fid : List.copyOf(alloc.frameworkSorter(role).sort())) {
      FrameworkState f = alloc.frameworks.get(fid);
      if (f == null || !f.active || f.suppressed.contains(role)) continue;
      if (alloc.config.filterGpuResources() && a.hasGpus() && !f.capabilities.contains(FrameworkCapability.GPU_RESOURCES)) {
        continue;
      }
      if (f.filtered(role, a.id, candidate, nowMs)) continue;
      give(a, new Holder(fid, role), candidate);
      return;
    }
  }

  private void give(AgentState a, Holder h, Resources res) {
    a.free = a.free.minus(res);
    a.offered.merge(h, res, Resources::plus);
    alloc.track(h, res, +1);
    Quantities.subtract(available, res.unreserved().scalarTotals());
    result.merge(new OfferKey(a.id, h), res, Resources::plus);
  }

  private static boolean helpsGuarantee(Resources unreserved, Map<String, Long> ownUnmet) {
    return ownUnmet.entrySet().stream().anyMatch(e -> e.getValue() > 0 && unreserved.scalarMillis(e.getKey()) > 0);
  }

  private boolean meetsMinimum(Resources candidate) {
    List<Resources> sets = alloc.config.minAllocatable();
    if (sets.isEmpty()) return true;
    for (Resources min : sets) {
      boolean ok = true;
      for (Resource r : min.toList()) {
        if (candidate.scalarMillis(r.name()) < min.scalarMillis(r.name())) {
          ok = false;
          break;
        }
      }
      if (ok) return true;
    }
    return false;
  }

  private boolean hasGuarantee(String role) {
    Quota q = alloc.quotas.get(role);
    return q != null && !q.guaranteesMillis().isEmpty();
  }

  /** The topmost of the role and its ancestors that has a guarantee (a quota root); null if none. Memoised. */
  private String quotaRoot(String role) {
    if (quotaRoots.isEmpty()) return null;
    String root = quotaRootOf.computeIfAbsent(role, r -> {
      String found = hasGuarantee(r) ? r : "";
      for (String anc : Roles.ancestors(r)) if (hasGuarantee(anc)) found = anc;
      return found;
    });
    return root.isEmpty() ? null : root;
  }

  private Map<String, Long> unmet(String role) {
    Map<String, Long> consumed = alloc.consumedQuota(role);
    Map<String, Long> out = new HashMap<>();
    alloc.quotas.get(role).guaranteesMillis().forEach((k, g) -> {
      long gap = g - consumed.getOrDefault(k, 0L);
      if (gap > 0) out.put(k, gap);
    });
    return out;
  }

  private static boolean isPositive(Map<String, Long> q) { return q.values().stream().anyMatch(v -> v > 0); }

  private Map<String, Long> requiredHeadroom() {
    if (quotaRoots.isEmpty()) return Map.of();
    Map<String, Long> sum = new HashMap<>();
    for (String root : quotaRoots) Quantities.add(sum, unmet(root));
    return sum;
  }

  /** Per kind: the smallest {@code limit - consumed} over the role and its ancestors (never negative). */
  private Map<String, Long> limitRemaining(String role) {
    if (alloc.quotas.isEmpty()) return Map.of();
    Map<String, Long> out = new HashMap<>();
    List<String> chain = new ArrayList<>(Roles.ancestors(role));
    chain.add(role);
    for (String r : chain) {
      Quota q = alloc.quotas.get(r);
      if (q == null || q.limitsMillis().isEmpty()) continue;
      Map<String, Long> consumed = alloc.consumedQuota(r);
      q.limitsMillis().forEach((k, lim) -> {
        long left = Math.max(0, lim - consumed.getOrDefault(k, 0L));
        out.merge(k, left, Math::min);
      });
    }
    return out;
  }
}
