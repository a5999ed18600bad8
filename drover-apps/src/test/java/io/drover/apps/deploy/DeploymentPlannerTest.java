package io.drover.apps.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.apps.deploy.DeploymentAction.RestartApplication;
import io.drover.apps.deploy.DeploymentAction.ScaleApplication;
import io.drover.common.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

final class DeploymentPlannerTest {
  static final ObjectMapper JSON = Json.camelCase();
  static final String V1 = "2015-09-25T15:13:48.343Z";
  static final String V2 = "2015-09-30T09:09:17.614Z";

  static Map<String, RunSpec> apps(RunSpec... specs) {
    Map<String, RunSpec> m = new TreeMap<>();
    for (RunSpec s : specs) m.put(s.id(), s);
    return m;
  }

  static DeploymentPlan planned(Map<String, RunSpec> from, Map<String, RunSpec> to) {
    PlanResult r = DeploymentPlanner.plan("d1", from, to, V2);
    assertThat(r).isInstanceOf(PlanResult.Planned.class);
    return ((PlanResult.Planned) r).plan();
  }

  static List<List<String>> shape(DeploymentPlan plan) {
    return plan.steps().stream()
        .map(s -> s.actions().stream().map(a -> a.actionName() + " " + a.appId()).toList())
        .toList();
  }

  static JsonNode tree(Object value) { return JSON.valueToTree(value); }

  static JsonNode parse(String json) throws Exception { return JSON.readTree(json); }

  @Test
  void newAppIsStartedAtZeroThenScaled() {
    DeploymentPlan plan = planned(Map.of(), apps(RunSpec.of("/foo", V2, "c", 3)));
    assertThat(shape(plan)).containsExactly(List.of("StartApplication /foo"), List.of("ScaleApplication /foo"));
    assertThat(((ScaleApplication) plan.steps().get(1).actions().get(0)).scaleTo()).isEqualTo(3);
    assertThat(plan.affectedApps()).containsExactly("/foo");
  }

  @Test
  void removedAppsAreStoppedInOneStepDependentsFirst() {
    RunSpec db = RunSpec.of("/db", V1, "c", 1);
    RunSpec web = RunSpec.of("/web", V1, "c", 1).withDependencies(Set.of("/db"));
    RunSpec keep = RunSpec.of("/keep", V1, "c", 1);
    DeploymentPlan plan = planned(apps(db, web, keep), apps(keep));
    assertThat(shape(plan)).containsExactly(List.of("StopApplication /web", "StopApplication /db"));
  }

  @Test
  void scaleOnlyChangeIsAScaleWithTheChosenInstances() {
    RunSpec a = RunSpec.of("/a", V1, "c", 3);
    PlanResult r = DeploymentPlanner.plan("d1", apps(a), apps(a.withInstances(2).withVersion(V2)), V2,
        Map.of("/a", List.of("a.instance-1")));
    DeploymentPlan plan = ((PlanResult.Planned) r).plan();
    assertThat(plan.steps()).hasSize(1);
    assertThat(plan.steps().get(0).actions()).containsExactly(
        new ScaleApplication(a.withInstances(2).withVersion(V2), 2, List.of("a.instance-1")));
  }

  @Test
  void configChangeOrNewVersionIsARestartAndScaleToZeroIsAScale() {
    RunSpec a = RunSpec.of("/a", V1, "c", 3);
    assertThat(planned(apps(a), apps(a.withConfig("d").withVersion(V2))).steps().get(0).actions().get(0))
        .isInstanceOf(RestartApplication.class);
    assertThat(planned(apps(a), apps(a.withVersion(V2))).steps().get(0).actions().get(0)) // POST .../restart
        .isInstanceOf(RestartApplication.class);
    assertThat(planned(apps(a), apps(a.withConfig("d").withInstances(0))).steps().get(0).actions().get(0))
        .isInstanceOf(ScaleApplication.class);
  }

  @Test
  void nothingChangedGivesAnEmptyPlan() {
    RunSpec a = RunSpec.of("/a", V1, "c", 3);
    DeploymentPlan plan = planned(apps(a), apps(a));
    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.affectedApps()).isEmpty();
  }

  @Test
  void dependenciesComeInEarlierStepsAndGroupDependenciesExpand() {
    RunSpec db = RunSpec.of("/data/db", V2, "c", 1);
    RunSpec cache = RunSpec.of("/data/cache", V2, "c", 1);
    RunSpec api = RunSpec.of("/api", V2, "c", 1).withDependencies(Set.of("/data"));
    RunSpec web = RunSpec.of("/web", V2, "c", 1).withDependencies(Set.of("/api", "/nothing/here"));
    DeploymentPlan plan = planned(Map.of(), apps(db, cache, api, web));
    assertThat(shape(plan)).containsExactly(
        List.of("StartApplication /api", "StartApplication /data/cache", "StartApplication /data/db",
            "StartApplication /web"),
        List.of("ScaleApplication /data/cache", "ScaleApplication /data/db"),
        List.of("ScaleApplication /api"),
        List.of("ScaleApplication /web"));
  }

  @Test
  void depthCountsUnchangedDependenciesToo() {
    RunSpec db = RunSpec.of("/db", V1, "c", 1);
    RunSpec web = RunSpec.of("/web", V1, "c", 1).withDependencies(Set.of("/db"));
    RunSpec other = RunSpec.of("/other", V1, "c", 1);
    DeploymentPlan plan = planned(apps(db, web, other),
        apps(db, web.withConfig("x").withVersion(V2), other.withConfig("y").withVersion(V2)));
    assertThat(shape(plan)).containsExactly(List.of("RestartApplication /other"), List.of("RestartApplication /web"));
  }

  @Test
  void aCycleIsAValidationError() {
    RunSpec a = RunSpec.of("/a", V2, "c", 1).withDependencies(Set.of("/b"));
    RunSpec b = RunSpec.of("/b", V2, "c", 1).withDependencies(Set.of("/c"));
    RunSpec c = RunSpec.of("/c", V2, "c", 1).withDependencies(Set.of("/a"));
    PlanResult r = DeploymentPlanner.plan("d1", Map.of(), apps(a, b, c), V2);
    assertThat(r).isEqualTo(new PlanResult.CyclicDependencies(List.of("/a", "/b", "/c", "/a")));
    assertThat(PlanResult.CyclicDependencies.MESSAGE).isEqualTo("Dependency graph has cyclic dependencies.");
    RunSpec self = RunSpec.of("/g/x", V2, "c", 1).withDependencies(Set.of("/g"));
    assertThat(DeploymentPlanner.plan("d1", Map.of(), apps(self), V2))
        .isInstanceOf(PlanResult.CyclicDependencies.class);
  }

  @Test
  void dryRunJsonIsTheStepsOnly() throws Exception {
    DeploymentPlan plan = planned(apps(RunSpec.of("/old", V1, "c", 1)), apps(RunSpec.of("/foo", V2, "c", 2)));
    assertThat(tree(DeploymentJson.dryRun(plan))).isEqualTo(parse("""
        {"steps":[
          {"actions":[{"action":"StopApplication","app":"/old"}]},
          {"actions":[{"action":"StartApplication","app":"/foo"}]},
          {"actions":[{"action":"ScaleApplication","app":"/foo"}]}]}"""));
  }

  @Test
  void deploymentItemJson() throws Exception {
    RunSpec foo = RunSpec.of("/foo", V1, "c", 1);
    PlanResult r = DeploymentPlanner.plan("97c136bf-5a28-4821-9d94-480d9fbb01c8", apps(foo),
        apps(foo.withInstances(2).withVersion(V2)), V2);
    DeploymentPlan plan = ((PlanResult.Planned) r).plan();
    var readiness = Map.of("/foo", List.of(new DeploymentJson.ReadinessCheckResultView("foo.instance-c9de6033",
        "myReadyCheck", false, new DeploymentJson.LastResponseView(500, "application/json", "{}"))));
    assertThat(tree(DeploymentJson.deployment(plan, 1, readiness))).isEqualTo(parse("""
        {"id":"97c136bf-5a28-4821-9d94-480d9fbb01c8","version":"2015-09-30T09:09:17.614Z",
         "affectedApps":["/foo"],"affectedPods":[],
         "steps":[{"actions":[{"action":"ScaleApplication","app":"/foo"}]}],
         "currentActions":[{"action":"ScaleApplication","app":"/foo","readinessCheckResults":[
           {"taskId":"foo.instance-c9de6033","name":"myReadyCheck","ready":false,
            "lastResponse":{"status":500,"contentType":"application/json","body":"{}"}}]}],
         "currentStep":1,"totalSteps":1}"""));
    assertThat(tree(DeploymentJson.deployment(plan, 0, Map.of())).get("currentActions")).isEmpty();
  }
}
