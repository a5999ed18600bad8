package io.drover.master.allocator;

import static io.drover.master.allocator.Fixtures.acceptAll;
import static io.drover.master.allocator.Fixtures.agent;
import static io.drover.master.allocator.Fixtures.allocator;
import static io.drover.master.allocator.Fixtures.byFramework;
import static io.drover.master.allocator.Fixtures.byRole;
import static io.drover.master.allocator.Fixtures.declineAll;
import static io.drover.master.allocator.Fixtures.framework;
import static io.drover.master.allocator.Fixtures.res;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.common.random.Rng;
import io.drover.common.resources.Resources;
import io.drover.common.resources.ResourcesParser;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AllocatorTest {
  @Test
  void offersAWholeAgentWithHostnameAndAttributesOnce() {
    Allocator a = allocator(1);
    a.addAgent("s1", "node1", res("cpus:4;mem:8192;ports:[31000-32000]"),
        ResourcesParser.parseAttributes("rack:r1;zone:a"));
    framework(a, "f1", "*");

    List<Allocation> offers = a.allocate(0);

    assertThat(offers).containsExactly(new Allocation("f1", "*", "s1", "node1",
        ResourcesParser.parseAttributes("rack:r1;zone:a"), res("cpus:4;mem:8192;ports:[31000-32000]")));
    assertThat(a.allocate(1000)).as("outstanding offers are not offered again").isEmpty();
    assertThat(a.agentFree("s1").isEmpty()).isTrue();
    assertThat(a.offeredTo("f1")).isEqualTo(res("cpus:4;mem:8192;ports:[31000-32000]"));
  }

  @Test
  void acceptedResourcesStayUsedAndTheRestComesBack() {
    Allocator a = allocator(1);
    agent(a, "s1", "cpus:4;mem:1024;ports:[31000-31010]");
    framework(a, "f1", "*");
    Allocation offer = a.allocate(0).get(0);

    Resources task = res("cpus:1;mem:256;ports:[31000-31000]");
    a.allocated("f1", "s1", "*", task);
    a.recoverResources("f1", "s1", "*", offer.resources().minus(task), 0, 0);

    assertThat(a.usedBy("f1")).isEqualTo(task);
    assertThat(a.allocate(1000)).singleElement().extracting(Allocation::resources)
        .isEqualTo(res("cpus:3;mem:768;ports:[31001-31010]"));
    a.released("f1", "s1", "*", task);
    assertThat(a.usedBy("f1").isEmpty()).isTrue();
    assertThat(a.agentFree("s1")).isEqualTo(task);
  }

  @Test
  void declinedAgentIsNotReofferedToThatFrameworkUntilRefuseSecondsElapse() {
    Allocator a = allocator(1);
    agent(a, "s1", "cpus:4;mem:1024");
    framework(a, "f1", "*");
    declineAll(a, a.allocate(0), 5.0, 0);

    assertThat(a.allocate(1000)).isEmpty();
    assertThat(a.allocate(4999)).isEmpty();
    assertThat(a.allocate(5000)).hasSize(1);
  }

  @Test
  void declinedAgentGoesToOtherFrameworks() {
    Allocator a = allocator(1);
    agent(a, "s1", "cpus:4;mem:1024");
    framework(a, "f1", "*");
    framework(a, "f2", "*");
    List<Allocation> first = a.allocate(0);
    assertThat(first).extracting(Allocation::frameworkId).containsExactly("f1");
    declineAll(a, first, 5.0, 0);

    List<Allocation> second = a.allocate(1000);
    assertThat(second).extracting(Allocation::frameworkId).containsExactly("f2");
    declineAll(a, second, 0, 1000);
    assertThat(a.allocate(2000)).as("f2 set no filter, f1 is still filtered")
        .extracting(Allocation::frameworkId).containsExactly("f2");
  }

  @Test
  void reviveClearsFilters() {
    Allocator a = allocator(1);
    agent(a, "s1", "cpus:4;mem:1024");
    framework(a, "f1", "*");
    declineAll(a, a.allocate(0), 3600, 0);
    assertThat(a.allocate(1000)).isEmpty();

    a.revive("f1", Set.of());

    assertThat(a.allocate(1001)).hasSize(1);
  }

  @Test
  void filterOnlyCoversTheRefusedResources() {
    Allocator a = allocator(1);
    agent(a, "s1", "cpus:4;mem:1024");
    framework(a, "f1", "*");
    Allocation offer = a.allocate(0).get(0);
    a.allocated("f1", "s1", "*", res("cpus:2;mem:512"));
    a.recoverResources("f1", "s1", "*", res("cpus:2;mem:512"), 60, 0);
    assertThat(a.allocate(1000)).isEmpty();

    a.released("f1", "s1", "*", res("cpus:1;mem:256"));

    assertThat(a.allocate(2000)).as("more than the refused resources is free again")
        .singleElement().extracting(Allocation::resources).isEqualTo(res("cpus:3;mem:768"));
    assertThat(offer.resources()).isEqualTo(res("cpus:4;mem:1024"));
  }

  @Test
  void refuseSecondsAreNormalisedAsInMesos() {
    assertThat(Allocator.refuseMillis(5.0)).isEqualTo(5000);
    assertThat(Allocator.refuseMillis(-1)).isEqualTo(5000);
    assertThat(Allocator.refuseMillis(Double.NaN)).isEqualTo(5000);
    assertThat(Allocator.refuseMillis(Double.POSITIVE_INFINITY)).isEqualTo(5000);
    assertThat(Allocator.refuseMillis(1e12)).isEqualTo(365L * 24 * 3600 * 1000);
    assertThat(Allocator.refuseMillis(0)).isZero();
  }

  @Test
  void shortFilterLastsAtLeastOneAllocationInterval() {
    Allocator a = allocator(1);
    agent(a, "s1", "cpus:4;mem:1024");
    framework(a, "f1", "*");
    declineAll(a, a.allocate(0), 0.1, 0);

    assertThat(a.allocate(500)).isEmpty();
    assertThat(a.allocate(1000)).hasSize(1);
  }

  @Test
  void zeroRefuseSecondsInstallsNoFilter() {
    Allocator a = allocator(1);
    agent(a, "s1", "cpus:4;mem:1024");
    framework(a, "f1", "*");
    declineAll(a, a.allocate(0), 0, 0);
    assertThat(a.allocate(1)).hasSize(1);
  }

  @Test
  void suppressedRolesGetNothingUntilRevived() {
    Allocator a = allocator(1);
    agent(a, "s1", "cpus:4;mem:1024;cpus(web):1");
    a.addFramework("f1", Set.of("web", "batch"), EnumSet.of(FrameworkCapability.MULTI_ROLE), Set.of());
    a.suppress("f1", Set.of());
    assertThat(a.allocate(0)).isEmpty();

    a.revive("f1", Set.of("batch"));
    List<Allocation> offers = a.allocate(1000);
    assertThat(offers).extracting(Allocation::role).containsExactly("batch");
    assertThat(offers.get(0).resources()).isEqualTo(res("cpus:4;mem:1024"));
    assertThat(a.suppressedRoles("f1")).containsExactly("web");

    a.revive("f1", Set.of("web"));
    assertThat(a.allocate(2000)).extracting(Allocation::role, Allocation::resources)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("web", res("cpus(web):1")));
  }

  @Test
  void frameworkSubscribedSuppressedGetsNoOffers() {
    Allocator a = allocator(1);
    agent(a, "s1", "cpus:4;mem:1024");
    a.addFramework("f1", Set.of("*"), Set.of(), Set.of("*"));
    assertThat(a.allocate(0)).isEmpty();
  }

  @Test
  void leftoversBelowMinimumAllocatableAreNotOffered() {
    Allocator a = allocator(1);
    agent(a, "tiny", "cpus:0.009;mem:31;disk:1000");
    agent(a, "cpuOnly", "cpus:0.01");
    agent(a, "memOnly", "mem:32");
    framework(a, "f1", "*");

    assertThat(a.allocate(0)).extracting(Allocation::agentId).containsExactlyInAnyOrder("cpuOnly", "memOnly");
  }

  @Test
  void minimumAllocatableIsConfigurable() {
    Allocator a = new Allocator(AllocatorConfig.defaults().withMinAllocatable(List.of(res("cpus:1;mem:128"))),
        Rng.seeded(1));
    agent(a, "s1", "cpus:1;mem:64");
    agent(a, "s2", "cpus:1;mem:128");
    framework(a, "f1", "*");
    assertThat(a.allocate(0)).extracting(Allocation::agentId).containsExactly("s2");
  }

  @Test
  void staticReservationsGoOnlyToTheirRoleAndItsSubroles() {
    Allocator a = allocator(1);
    agent(a, "s1", "cpus:2;mem:1024;cpus(web):2;mem(web):512");
    framework(a, "other", "other");
    framework(a, "webx", "webx");
    assertThat(a.allocate(0)).extracting(Allocation::resources).containsExactly(res("cpus:2;mem:1024"));

    framework(a, "api", "web/api");
    List<Allocation> offers = a.allocate(1000);
    assertThat(offers).extracting(Allocation::frameworkId, Allocation::resources)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("api", res("cpus(web):2;mem(web):512")));
  }

  @Test
  void reservedAndUnreservedGoTogetherToTheReservationRole() {
    Allocator a = allocator(1);
    agent(a, "s1", "cpus:2;mem:1024;cpus(web):2");
    framework(a, "web", "web");
    assertThat(a.allocate(0)).singleElement().extracting(Allocation::resources)
        .isEqualTo(res("cpus:2;mem:1024;cpus(web):2"));
  }

  @Test
  void weightTwoGetsAboutTwiceTheDominantShare() {
    Allocator a = allocator(7);
    for (int i = 0; i < 30; i++) agent(a, "s" + i, "cpus:1;mem:1024");
    framework(a, "fa", "a");
    framework(a, "fb", "b");
    a.updateWeights(Map.of("a", 2.0));

    Map<String, Resources> got = byRole(a.allocate(0));

    assertThat(got.get("a").scalarMillis("cpus")).isEqualTo(20_000);
    assertThat(got.get("b").scalarMillis("cpus")).isEqualTo(10_000);
    assertThat(a.roleShare("a")).isEqualTo(a.roleShare("b"));
    assertThat(a.weight("a")).isEqualTo(2.0);
  }

  @Test
  void hierarchicalRolesShareAsATree() {
    Allocator a = allocator(3);
    for (int i = 0; i < 40; i++) agent(a, "s" + i, "cpus:1;mem:1024");
    framework(a, "x", "eng/x");
    framework(a, "y", "eng/y");
    framework(a, "b", "ops");

    Map<String, Resources> got = byRole(a.allocate(0));

    assertThat(got.get("ops").scalarMillis("cpus")).isEqualTo(20_000);
    assertThat(got.get("eng/x").scalarMillis("cpus")).isEqualTo(10_000);
    assertThat(got.get("eng/y").scalarMillis("cpus")).isEqualTo(10_000);
  }

  @Test
  void quotaGuaranteeIsMetBeforeOthers() {
    Allocator a = allocator(5);
    for (int i = 0; i < 4; i++) agent(a, "s" + i, "cpus:2;mem:1024");
    framework(a, "fq", "q");
    framework(a, "fx", "x");
    a.updateWeights(Map.of("x", 100.0));
    a.setQuota("q", res("cpus:4"), Resources.EMPTY);

    Map<String, Resources> got = byRole(a.allocate(0));

    assertThat(got.get("q").scalarMillis("cpus")).isEqualTo(4000);
    assertThat(got.get("x").scalarMillis("cpus")).isEqualTo(4000);
    assertThat(a.consumedQuota("q")).containsEntry("cpus", 4000L);
  }

  @Test
  void headroomForAnUnmetGuaranteeIsHeldBack() {
    Allocator a = allocator(5);
    for (int i = 0; i < 4; i++) agent(a, "s" + i, "cpus:2;mem:1024");
    a.addFramework("fq", Set.of("q"), Set.of(), Set.of("q"));
    framework(a, "fx", "x");
    a.setQuota("q", res("cpus:5"), Resources.EMPTY);

    Map<String, Resources> got = byRole(a.allocate(0));

    assertThat(got.get("x").scalarMillis("cpus")).isEqualTo(3000);
    assertThat(got).doesNotContainKey("q");

    a.revive("fq", Set.of());
    assertThat(byRole(a.allocate(1000)).get("q").scalarMillis("cpus")).isEqualTo(5000);
  }

  @Test
  void quotaLimitIsNeverExceeded() {
    Allocator a = allocator(5);
    for (int i = 0; i < 4; i++) agent(a, "s" + i, "cpus:2;mem:1024");
    framework(a, "fl", "l");
    a.setQuota("l", Resources.EMPTY, res("cpus:3"));

    List<Allocation> offers = a.allocate(0);
    acceptAll(a, offers);
    acceptAll(a, a.allocate(1000));

    assertThat(a.usedBy("fl").scalarMillis("cpus")).isEqualTo(3000);
    assertThat(a.usedBy("fl").scalarMillis("mem")).as("unlimited kinds are not shrunk").isEqualTo(4096_000);
  }

  @Test
  void quotaLimitOfAParentCapsItsChildren() {
    Allocator a = allocator(5);
    for (int i = 0; i < 4; i++) agent(a, "s" + i, "cpus:2;mem:1024");
    framework(a, "f1", "eng/a");
    framework(a, "f2", "eng/b");
    a.setQuota("eng", Resources.EMPTY, res("cpus:5"));

    Map<String, Resources> got = byRole(a.allocate(0));

    assertThat(got.values().stream().mapToLong(r -> r.scalarMillis("cpus")).sum()).isEqualTo(5000);
  }

  @Test
  void removingAnAgentReturnsItsOutstandingOffersToRescind() {
    Allocator a = allocator(1);
    agent(a, "s1", "cpus:4;mem:1024");
    agent(a, "s2", "cpus:4;mem:1024");
    framework(a, "f1", "*");
    List<Allocation> offers = a.allocate(0);
    a.allocated("f1", "s1", "*", res("cpus:1;mem:100"));

    List<Allocation> rescind = a.removeAgent("s1");

    assertThat(rescind).singleElement().satisfies(o -> {
      assertThat(o.agentId()).isEqualTo("s1");
      assertThat(o.frameworkId()).isEqualTo("f1");
      assertThat(o.resources()).isEqualTo(res("cpus:3;mem:924"));
    });
    assertThat(offers).hasSize(2);
    assertThat(a.totals()).isEqualTo(res("cpus:4;mem:1024"));
    assertThat(a.usedBy("f1").isEmpty()).isTrue();
    assertThat(a.roleShare("*")).isEqualTo(1.0);
  }

  @Test
  void removingAFrameworkFreesEverythingAndReturnsItsOffers() {
    Allocator a = allocator(1);
    agent(a, "s1", "cpus:4;mem:1024");
    framework(a, "f1", "*");
    a.allocate(0);
    a.allocated("f1", "s1", "*", res("cpus:1;mem:100"));

    assertThat(a.removeFramework("f1")).singleElement().extracting(Allocation::resources)
        .isEqualTo(res("cpus:3;mem:924"));
    assertThat(a.agentFree("s1")).isEqualTo(res("cpus:4;mem:1024"));
    framework(a, "f2", "*");
    assertThat(a.allocate(1000)).extracting(Allocation::frameworkId).containsExactly("f2");
  }

  @Test
  void gpuAgentsGoOnlyToGpuFrameworks() {
    Allocator a = allocator(1);
    agent(a, "gpu", "cpus:4;mem:1024;gpus:1");
    agent(a, "plain", "cpus:4;mem:1024");
    framework(a, "f1", "*");
    assertThat(a.allocate(0)).extracting(Allocation::agentId).containsExactly("plain");

    a.addFramework("g", Set.of("*"), EnumSet.of(FrameworkCapability.GPU_RESOURCES), Set.of());
    assertThat(a.allocate(1000)).extracting(Allocation::agentId, Allocation::frameworkId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("gpu", "g"));
  }

  @Test
  void inactiveAgentsAndFrameworksGetNoOffers() {
    Allocator a = allocator(1);
    agent(a, "s1", "cpus:4;mem:1024");
    framework(a, "f1", "*");
    a.setAgentActive("s1", false);
    assertThat(a.allocate(0)).isEmpty();
    a.setAgentActive("s1", true);
    a.setFrameworkActive("f1", false);
    assertThat(a.allocate(0)).isEmpty();
    a.setFrameworkActive("f1", true);
    assertThat(a.allocate(0)).hasSize(1);
  }

  @Test
  void severalRolesNeedMultiRoleAndRolesAreValidated() {
    Allocator a = allocator(1);
    assertThatThrownBy(() -> a.addFramework("f", Set.of("a", "b"), Set.of(), Set.of()))
        .hasMessageContaining("MULTI_ROLE");
    assertThatThrownBy(() -> a.addFramework("f", Set.of("a//b"), Set.of(), Set.of()))
        .hasMessageContaining("empty path component");
    assertThatThrownBy(() -> a.setQuota("q", res("cpus:4"), res("cpus:2")))
        .hasMessageContaining("exceeds its limit");
  }

  @Test
  void recoveringMoreThanOfferedIsABug() {
    Allocator a = allocator(1);
    agent(a, "s1", "cpus:4;mem:1024");
    framework(a, "f1", "*");
    a.allocate(0);
    assertThatThrownBy(() -> a.recoverResources("f1", "s1", "*", res("cpus:5"), 5, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only cpus:4; mem:1024 is offered");
    a.recoverResources("f1", "gone-agent", "*", res("cpus:5"), 5, 0);
  }

  @Test
  void rolesViewReportsAllocationAndWeights() {
    Allocator a = allocator(1);
    agent(a, "s1", "cpus:4;mem:1024");
    framework(a, "f1", "web");
    a.updateWeights(Map.of("ops", 3.0));
    a.allocate(0);

    assertThat(a.roles()).containsExactly("ops", "web");
    assertThat(a.allocatedToRole("web")).isEqualTo(res("cpus:4;mem:1024"));
    assertThat(a.frameworksInRole("web")).containsExactly("f1");
    assertThat(a.weights()).containsExactly(Map.entry("ops", 3.0));
  }

  @Test
  void sameSeedSameOffers() {
    assertThat(run(42)).isEqualTo(run(42));
    assertThat(List.of(run(1), run(2), run(3), run(4))).as("agent order depends on the seed").doesNotHaveDuplicates();
  }

  private static List<Allocation> run(long seed) {
    Allocator a = allocator(seed);
    for (int i = 0; i < 20; i++) agent(a, String.format("s%02d", i), "cpus:" + (1 + i % 3) + ";mem:1024");
    framework(a, "f1", "a");
    framework(a, "f2", "b");
    framework(a, "f3", "b");
    List<Allocation> first = a.allocate(0);
    declineAll(a, first.subList(0, 5), 5, 0);
    acceptAll(a, first.subList(5, first.size()));
    return java.util.stream.Stream.concat(first.stream(), a.allocate(6000).stream()).toList();
  }

  @Test
  void offersPerFrameworkAreAggregatedPerAgent() {
    Allocator a = allocator(1);
    agent(a, "s1", "cpus:4;mem:1024;cpus(web):1");
    framework(a, "f1", "web");
    assertThat(byFramework(a.allocate(0))).containsExactly(Map.entry("f1", res("cpus:4;mem:1024;cpus(web):1")));
  }
}
