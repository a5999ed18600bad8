package io.drover.master.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.common.random.Rng;
import io.drover.common.resources.Attributes;
import io.drover.common.resources.Resource;
import io.drover.common.resources.Resources;
import io.drover.common.resources.ResourcesParser;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random workloads against the allocator, with invariants checked after every step: nothing offered beyond an
 * agent's free resources or twice, bookkeeping balances, quota limits hold, refusal filters hold; plus DRF fairness.
 */
class AllocatorPropertiesTest {
  private static final List<String> ROLES = List.of("*", "a", "a/b", "c", "res");

  private record Refusal(Resources refused, long untilMs) {}

  @Property(tries = 200)
  void randomWorkloadsKeepTheInvariants(@ForAll long seed) {
    Random rnd = new Random(seed);
    Allocator alloc = new Allocator(AllocatorConfig.defaults(), Rng.seeded(seed));
    // Limits are set before anything is allocated, and reservations only exist for "res", so the consumption of a
    // limited role can only grow through allocations, which must respect the limit.
    Map<String, Long> cpuLimits = Map.of("a", 1000L * (2 + rnd.nextInt(6)), "c", 1000L * (1 + rnd.nextInt(4)));
    cpuLimits.forEach((role, lim) -> alloc.setQuota(role, new Quota(Map.of(), Map.of("cpus", lim))));
    if (rnd.nextBoolean()) alloc.setQuota("*", new Quota(Map.of("cpus", 3000L), Map.of()));
    Map<List<String>, Refusal> refusals = new HashMap<>();
    List<Allocation> outstanding = new ArrayList<>();
    int agentSeq = 0;
    int frameworkSeq = 0;
    long nowMs = 0;

    for (int step = 0; step < 60; step++) {
      int op = rnd.nextInt(10);
      if (op <= 1 || alloc.agentIds().isEmpty()) {
        String text = "cpus:" + (1 + rnd.nextInt(4)) + ";mem:" + (256 * (1 + rnd.nextInt(8)))
            + ";ports:[" + (31000 + rnd.nextInt(10)) + "-" + (31010 + rnd.nextInt(10)) + "]"
            + (rnd.nextInt(3) == 0 ? ";cpus(res):1" : "");
        alloc.addAgent("s" + agentSeq++, "h", ResourcesParser.parseResources(text), Attributes.EMPTY);
      } else if (op == 2 && frameworkSeq < 6 || alloc.frameworkIds().isEmpty()) {
        String id = "f" + frameworkSeq++;
        Set<String> roles = new java.util.HashSet<>(
            List.of(ROLES.get(rnd.nextInt(ROLES.size())), ROLES.get(rnd.nextInt(ROLES.size()))));
        alloc.addFramework(id, roles, EnumSet.of(FrameworkCapability.MULTI_ROLE), Set.of());
      } else if (op == 3 && rnd.nextInt(4) == 0) {
        String agent = pick(rnd, List.copyOf(alloc.agentIds()));
        List<Allocation> rescinded = alloc.removeAgent(agent);
        assertThat(rescinded).allMatch(o -> o.agentId().equals(agent));
        outstanding.removeIf(o -> o.agentId().equals(agent));
        refusals.keySet().removeIf(k -> k.get(2).equals(agent));
      } else if (op == 4) {
        String fw = pick(rnd, List.copyOf(alloc.frameworkIds()));
        if (rnd.nextBoolean()) {
          alloc.suppress(fw, Set.of());
        } else {
          alloc.revive(fw, Set.of());
          refusals.keySet().removeIf(k -> k.get(0).equals(fw));
        }
      } else if (op == 5) {
        for (String agent : alloc.agentIds()) {
          for (String fw : alloc.frameworkIds()) {
            for (String role : ROLES) {
              Resources used = usedOn(alloc, agent, fw, role);
              if (!used.isEmpty() && rnd.nextBoolean()) alloc.released(fw, agent, role, used);
            }
          }
        }
      } else {
        nowMs += 1000;
        Map<String, Resources> freeBefore = new HashMap<>();
        for (String agent : alloc.agentIds()) freeBefore.put(agent, alloc.agentFree(agent));
        List<Allocation> offers = alloc.allocate(nowMs);
        checkOffers(alloc, offers, freeBefore, refusals, nowMs);
        outstanding.addAll(offers);
        respond(alloc, rnd, outstanding, refusals, nowMs);
      }
      checkBookkeeping(alloc, cpuLimits);
    }
  }

  private static void checkOffers(Allocator alloc, List<Allocation> offers, Map<String, Resources> freeBefore,
      Map<List<String>, Refusal> refusals, long nowMs) {
    Map<String, Resources> perAgent = new HashMap<>();
    Map<String, Long> portsPerAgent = new HashMap<>();
    Resources sum = Resources.EMPTY;
    for (Allocation o : offers) {
      assertThat(o.resources().isEmpty()).isFalse();
      perAgent.merge(o.agentId(), o.resources(), Resources::plus);
      portsPerAgent.merge(o.agentId(), o.resources().ranges("ports").count(), Long::sum);
      sum = sum.plus(o.resources());
      for (Resource r : o.resources().reserved().toList()) {
        assertThat(Roles.isAllocatableTo(r, o.role())).as("%s offered to role %s", r, o.role()).isTrue();
      }
      Refusal refusal = refusals.get(List.of(o.frameworkId(), o.role(), o.agentId()));
      if (refusal != null && nowMs < refusal.untilMs()) {
        assertThat(refusal.refused().contains(o.resources())).as("offer %s despite refusal %s", o, refusal).isFalse();
      }
    }
    perAgent.forEach((agent, res) -> {
      assertThat(freeBefore.get(agent).contains(res)).as("agent %s offered %s of free %s", agent, res,
          freeBefore.get(agent)).isTrue();
      assertThat(portsPerAgent.get(agent)).as("a port offered twice").isEqualTo(res.ranges("ports").count());
    });
    assertThat(alloc.totals().contains(sum)).isTrue();
  }

  private static void respond(Allocator alloc, Random rnd, List<Allocation> outstanding,
      Map<List<String>, Refusal> refusals, long nowMs) {
    for (Allocation o : List.copyOf(outstanding)) {
      if (!alloc.agentIds().contains(o.agentId()) || !alloc.frameworkIds().contains(o.frameworkId())) {
        outstanding.remove(o);
        continue;
      }
      int choice = rnd.nextInt(4);
      if (choice == 0) continue; // keep the offer outstanding for now
      outstanding.remove(o);
      Resources use = choice == 1 ? o.resources() : Resources.EMPTY;
      if (choice == 2) {
        long cpus = o.resources().unreserved().scalarMillis("cpus");
        use = cpus >= 500 ? Resources.scalars("cpus", 500) : Resources.EMPTY;
      }
      if (!use.isEmpty()) alloc.allocated(o.frameworkId(), o.agentId(), o.role(), use);
      Resources rest = o.resources().minus(use);
      double refuse = List.of(0.0, 0.5, 5.0, 30.0, -1.0).get(rnd.nextInt(5));
      alloc.recoverResources(o.frameworkId(), o.agentId(), o.role(), rest, refuse, nowMs);
      long refuseMs = Allocator.refuseMillis(refuse);
      if (!rest.isEmpty() && refuseMs > 0) {
        refusals.put(List.of(o.frameworkId(), o.role(), o.agentId()),
            new Refusal(rest, nowMs + Math.max(1000, refuseMs)));
      }
    }
  }

  private static void checkBookkeeping(Allocator alloc, Map<String, Long> cpuLimits) {
    Resources totalSum = Resources.EMPTY;
    for (String agent : alloc.agentIds()) {
      Resources total = alloc.agentTotal(agent);
      assertThat(alloc.agentFree(agent).plus(alloc.agentOffered(agent)).plus(alloc.agentUsed(agent)))
          .as("free + offered + used == total on %s", agent).isEqualTo(total);
      totalSum = totalSum.plus(total);
    }
    assertThat(alloc.totals()).isEqualTo(totalSum);
    cpuLimits.forEach((role, lim) ->
        assertThat(alloc.consumedQuota(role).getOrDefault("cpus", 0L)).as("cpus consumed by %s", role)
            .isLessThanOrEqualTo(lim));
  }

  private static Resources usedOn(Allocator alloc, String agent, String fw, String role) {
    AgentState a = alloc.agent(agent);
    return a.used.getOrDefault(new AgentState.Holder(fw, role), Resources.EMPTY);
  }

  private static <T> T pick(Random rnd, List<T> list) { return list.get(rnd.nextInt(list.size())); }

  /**
   * Two frameworks with equal weight keep launching one fixed-size task per offer (declining the rest with the
   * default filter when a task no longer fits). While both tasks still fit on the agent, their dominant shares never
   * differ by more than one task's dominant share.
   */
  @Property(tries = 100)
  void drfSharesConvergeWithinOneTask(@ForAll @IntRange(min = 1, max = 4) int cpusA,
      @ForAll @IntRange(min = 1, max = 8) int memA, @ForAll @IntRange(min = 1, max = 4) int cpusB,
      @ForAll @IntRange(min = 1, max = 8) int memB, @ForAll boolean sameRole, @ForAll long seed) {
    Allocator alloc = new Allocator(AllocatorConfig.defaults(), Rng.seeded(seed));
    Resources total = ResourcesParser.parseResources("cpus:32;mem:32768");
    alloc.addAgent("s1", "h", total, Attributes.EMPTY);
    alloc.addFramework("A", Set.of("ra"), Set.of(), Set.of());
    alloc.addFramework("B", Set.of(sameRole ? "ra" : "rb"), Set.of(), Set.of());
    Map<String, Resources> task = Map.of(
        "A", Resources.scalars("cpus", cpusA * 1000L, "mem", memA * 512_000L),
        "B", Resources.scalars("cpus", cpusB * 1000L, "mem", memB * 512_000L));
    Map<String, Integer> launched = new HashMap<>(Map.of("A", 0, "B", 0));
    double maxTaskShare = Math.max(share(task.get("A"), total), share(task.get("B"), total));

    for (long now = 0; now < 200_000; now += 1000) {
      Resources free = alloc.agentFree("s1");
      if (free.contains(task.get("A")) && free.contains(task.get("B"))) {
        double diff = launched.get("A") * share(task.get("A"), total)
            - launched.get("B") * share(task.get("B"), total);
        assertThat(Math.abs(diff)).isLessThanOrEqualTo(maxTaskShare + 1e-9);
      }
      for (Allocation o : alloc.allocate(now)) {
        Resources t = task.get(o.frameworkId());
        if (o.resources().contains(t)) {
          alloc.allocated(o.frameworkId(), o.agentId(), o.role(), t);
          launched.merge(o.frameworkId(), 1, Integer::sum);
          alloc.recoverResources(o.frameworkId(), o.agentId(), o.role(), o.resources().minus(t), 0, now);
        } else {
          alloc.recoverResources(o.frameworkId(), o.agentId(), o.role(), o.resources(),
              Allocator.DEFAULT_REFUSE_SECONDS, now);
        }
      }
    }
    assertThat(launched.get("A") + launched.get("B")).isPositive();
  }

  private static double share(Resources r, Resources total) {
    return Math.max(r.scalarMillis("cpus") / (double) total.scalarMillis("cpus"),
        r.scalarMillis("mem") / (double) total.scalarMillis("mem"));
  }
}
