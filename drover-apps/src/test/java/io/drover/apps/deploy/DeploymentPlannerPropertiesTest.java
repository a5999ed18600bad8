package io.drover.apps.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.apps.deploy.DeploymentAction.StartApplication;
import io.drover.apps.deploy.DeploymentAction.StopApplication;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Random before/after app sets: the plan's shape rules and rollback. */
final class DeploymentPlannerPropertiesTest {

  /** Up to 12 apps; dependencies only point at apps with a smaller index, so the graph is acyclic. */
  static Map<String, RunSpec> randomApps(Random r, String version) {
    Map<String, RunSpec> apps = new TreeMap<>();
    for (int k = 0; k < 12; k++) {
      if (r.nextInt(3) == 0) continue;
      Set<String> deps = new TreeSet<>();
      for (int d = 0; d < k; d++) if (r.nextInt(4) == 0) deps.add("/app" + d);
      RunSpec spec = RunSpec.of("/app" + k, r.nextBoolean() ? "v1" : version, "c" + r.nextInt(2), r.nextInt(4))
          .withDependencies(deps);
      apps.put(spec.id(), spec);
    }
    return apps;
  }

  static DeploymentPlan plan(Map<String, RunSpec> from, Map<String, RunSpec> to) {
    PlanResult r = DeploymentPlanner.plan("d", from, to, "v2");
    assertThat(r).isInstanceOf(PlanResult.Planned.class);
    return ((PlanResult.Planned) r).plan();
  }

  @Property(tries = 500)
  void planShape(@ForAll long seed) {
    Random r = new Random(seed);
    Map<String, RunSpec> from = randomApps(r, "v1");
    Map<String, RunSpec> to = randomApps(r, "v2");
    DeploymentPlan plan = plan(from, to);

    Map<String, Integer> stepOfApp = new HashMap<>();
    Map<String, Integer> countOfApp = new HashMap<>();
    int stopStep = -1;
    int startStep = -1;
    for (int s = 0; s < plan.steps().size(); s++) {
      assertThat(plan.steps().get(s).actions()).isNotEmpty();
      for (DeploymentAction a : plan.steps().get(s).actions()) {
        switch (a) {
          case StopApplication stop -> stopStep = s;
          case StartApplication start -> startStep = s;
          case DeploymentAction.ScaleApplication scale -> record(a, s, stepOfApp, countOfApp);
          case DeploymentAction.RestartApplication restart -> record(a, s, stepOfApp, countOfApp);
        }
      }
    }
    if (stopStep >= 0 && startStep >= 0) assertThat(stopStep).isLessThan(startStep);
    if (stopStep >= 0) assertThat(stopStep).isZero();

    Set<String> changed = new TreeSet<>();
    for (RunSpec spec : to.values()) {
      RunSpec old = from.get(spec.id());
      boolean needsWork = old == null || old.instances() != spec.instances() || !old.configKey().equals(spec.configKey())
          || !old.version().equals(spec.version())
          || (!old.equals(spec) && spec.instances() == 0); // Marathon: any change to a spec at 0 is a scale
      if (needsWork) changed.add(spec.id());
    }
    assertThat(countOfApp.keySet()).isEqualTo(changed);
    assertThat(countOfApp.values()).allMatch(c -> c == 1);

    Set<String> removed = new TreeSet<>(from.keySet());
    removed.removeAll(to.keySet());
    Set<String> expectedAffected = new TreeSet<>(changed);
    expectedAffected.addAll(removed);
    assertThat(plan.affectedApps()).isEqualTo(expectedAffected);

    for (String app : stepOfApp.keySet()) {
      for (String dep : to.get(app).dependencies()) {
        if (stepOfApp.containsKey(dep)) assertThat(stepOfApp.get(dep)).isLessThan(stepOfApp.get(app));
      }
    }
    if (from.equals(to)) assertThat(plan.isEmpty()).isTrue();
  }

  private static void record(DeploymentAction a, int step, Map<String, Integer> stepOf, Map<String, Integer> count) {
    stepOf.put(a.appId(), step);
    count.merge(a.appId(), 1, Integer::sum);
  }

  @Property(tries = 300)
  void rollbackGivesBackTheOriginalApps(@ForAll long seed) {
    Random r = new Random(seed);
    Map<String, RunSpec> a = randomApps(r, "v1");
    Map<String, RunSpec> b = randomApps(r, "v2");
    DeploymentPlan forward = plan(a, b);
    assertThat(DeploymentPlanReverter.revert(a, b, b)).isEqualTo(a);
    PlanResult back = DeploymentPlanReverter.rollback("r", forward, b, "v3");
    assertThat(((PlanResult.Planned) back).plan().target()).isEqualTo(a);
    assertThat(((PlanResult.Planned) back).plan().original()).isEqualTo(b);
  }

  @Property(tries = 200)
  void rollbackLeavesOtherDeploymentsAppsAlone(@ForAll long seed) {
    Random r = new Random(seed);
    Map<String, RunSpec> a = randomApps(r, "v1");
    Map<String, RunSpec> b = new TreeMap<>(a);
    List<String> ids = new ArrayList<>(a.keySet());
    if (ids.isEmpty()) return;
    String touched = ids.get(r.nextInt(ids.size()));
    b.put(touched, a.get(touched).withConfig("changed").withVersion("v2"));
    Map<String, RunSpec> current = new TreeMap<>(b);
    current.put("/other", RunSpec.of("/other", "v3", "x", 1)); // added meanwhile by another deployment
    Map<String, RunSpec> reverted = DeploymentPlanReverter.revert(a, b, current);
    Map<String, RunSpec> expected = new TreeMap<>(a);
    expected.put("/other", current.get("/other"));
    assertThat(reverted).isEqualTo(expected);
  }
}
