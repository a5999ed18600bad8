package io.drover.apps.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class GroupTest {
  private static final Timestamp T0 = Timestamp.ofEpochMs(0);
  private static final Timestamp T1 = Timestamp.ofEpochMs(1000);

  private static AppDefinition app(String id, String... deps) {
    return AppDefinition.builder(PathId.of(id)).cmd("sleep 60").dependencies(
        java.util.Arrays.stream(deps).map(PathId::of).toList()).build();
  }

  @Test
  void putAppCreatesMissingParentGroupsAndStampsThePath() {
    Group root = Group.emptyRoot(T0).putApp(app("/prod/web/api"), T1);
    assertThat(root.group(PathId.of("/prod"))).isPresent();
    assertThat(root.group(PathId.of("/prod/web")).orElseThrow().version()).isEqualTo(T1);
    assertThat(root.version()).isEqualTo(T1);
    assertThat(root.app(PathId.of("/prod/web/api"))).contains(app("/prod/web/api"));
    assertThat(root.app(PathId.of("/prod/web"))).isEmpty();
    assertThat(root.exists(PathId.of("/prod/web"))).isTrue();
    assertThat(root.exists(PathId.of("/nope"))).isFalse();
  }

  @Test
  void updatesAreImmutableAndRemoveWorks() {
    Group before = Group.emptyRoot(T0).putApp(app("/a/x"), T0).putApp(app("/a/y"), T0);
    Group after = before.removeApp(PathId.of("/a/x"), T1);
    assertThat(before.transitiveApps()).hasSize(2);
    assertThat(after.transitiveApps()).extracting(AppDefinition::id).containsExactly(PathId.of("/a/y"));
    assertThat(after.removeApp(PathId.of("/missing"), T1)).isSameAs(after);
    Group noA = after.removeGroup(PathId.of("/a"), T1);
    assertThat(noA.groups()).isEmpty();
    assertThat(noA.transitiveApps()).isEmpty();
  }

  @Test
  void transitiveListsAreOrdered() {
    Group root = Group.emptyRoot(T0).putApp(app("/b/z"), T0).putApp(app("/a"), T0).putApp(app("/b/c/d"), T0);
    assertThat(root.transitiveApps()).extracting(a -> a.id().toString()).containsExactly("/a", "/b/c/d", "/b/z");
    assertThat(root.transitiveGroups()).extracting(g -> g.id().toString()).containsExactly("/b", "/b/c");
  }

  @Test
  void groupDependenciesAreInheritedAndGroupsExpandToTheirApps() {
    Group root = Group.emptyRoot(T0)
        .putApp(app("/db/pg"), T0).putApp(app("/db/redis"), T0)
        .putApp(app("/cache"), T0)
        .putApp(app("/prod/web/api", "/cache"), T0);
    Group web = root.group(PathId.of("/prod")).orElseThrow().withDependencies(List.of(PathId.of("/db")));
    root = root.putGroup(web, T1);
    assertThat(root.effectiveDependencies(PathId.of("/prod/web/api")))
        .containsExactlyInAnyOrder(PathId.of("/cache"), PathId.of("/db/pg"), PathId.of("/db/redis"));
    assertThat(root.effectiveDependencies(PathId.of("/db/pg"))).isEmpty();
    assertThat(root.effectiveDependencies(PathId.of("/nope"))).isEmpty();
    assertThat(root.hasCyclicDependencies()).isFalse();
    assertThat(root.validate()).isEmpty();
  }

  @Test
  void cyclesAreInvalid() {
    Group root = Group.emptyRoot(T0).putApp(app("/a", "/b"), T0).putApp(app("/b", "/c"), T0).putApp(app("/c", "/a"), T0);
    assertThat(root.hasCyclicDependencies()).isTrue();
    assertThat(root.validate()).containsExactly(Violation.of("/", "Dependency graph has cyclic dependencies."));
  }

  @Test
  void scaleByRoundsUp() {
    Group root = Group.emptyRoot(T0).putApp(app("/g/a").withInstances(3), T0).putApp(app("/g/h/b").withInstances(1), T0);
    Group scaled = root.group(PathId.of("/g")).orElseThrow().scaleBy(1.5, T1);
    assertThat(scaled.transitiveApps()).extracting(AppDefinition::instances).containsExactly(5, 2);
    assertThat(scaled.version()).isEqualTo(T1);
  }

  @Test
  void writesTheGroupsShape() {
    Group root = Group.emptyRoot(T0).putApp(app("/g/a"), T1);
    String json = GroupJson.write(root).toString();
    assertThat(json).startsWith("{\"id\":\"/\",\"apps\":[],\"pods\":[],\"groups\":[{\"id\":\"/g\",\"apps\":[{\"id\":\"/g/a\",");
    assertThat(json).endsWith("\"pods\":[],\"groups\":[],\"dependencies\":[],\"version\":\"1970-01-01T00:00:01.000Z\","
        + "\"enforceRole\":false}],\"dependencies\":[],\"version\":\"1970-01-01T00:00:01.000Z\",\"enforceRole\":false}");
  }

  @Test
  void readsNestedGroupBodiesResolvingRelativeIds() {
    GroupUpdate gu = GroupJson.read("""
        {"id":"prod","dependencies":["../db"],"apps":[{"id":"web","cmd":"x y"}],
         "groups":[{"id":"back","apps":[{"id":"api","cmd":"x y","dependencies":["../web"]}]}]}
        """, PathId.ROOT).orThrow();
    assertThat(gu.id()).contains(PathId.of("/prod"));
    assertThat(gu.dependencies()).contains(List.of(PathId.of("/db")));
    assertThat(gu.apps().orElseThrow()).extracting(AppDefinition::id).containsExactly(PathId.of("/prod/web"));
    GroupUpdate back = gu.groups().orElseThrow().getFirst();
    assertThat(back.id()).contains(PathId.of("/prod/back"));
    assertThat(back.apps().orElseThrow().getFirst().dependencies()).containsExactly(PathId.of("/prod/web"));
    Group g = gu.applyTo(PathId.of("/prod"), Optional.empty(), T1);
    Group root = Group.emptyRoot(T0).putGroup(g, T1);
    assertThat(root.transitiveApps()).extracting(a -> a.id().toString()).containsExactly("/prod/back/api", "/prod/web");
    assertThat(gu.transitiveApps()).hasSize(2);
  }

  @Test
  void groupBodyErrorsUseNestedPaths() {
    Parsed<GroupUpdate> p = GroupJson.read("{\"id\":\"/prod\",\"apps\":[{\"id\":\"ok\",\"cmd\":\"x y\"},{\"id\":\"bad\"}]}", PathId.ROOT);
    assertThat(((Parsed.Invalid<GroupUpdate>) p).body().toJson().toString()).isEqualTo("{\"message\":\"Object is not valid\","
        + "\"details\":[{\"path\":\"/apps(1)\",\"errors\":[\"" + Validation.CMD_ARGS_OR_CONTAINER + "\"]}]}");
    Parsed<GroupUpdate> nested = GroupJson.read("{\"id\":\"/p\",\"groups\":[{\"id\":\"q\",\"apps\":[{\"id\":\"/elsewhere/x\",\"cmd\":\"x y\"}]}]}", PathId.ROOT);
    assertThat(((Parsed.Invalid<GroupUpdate>) nested).body().toJson().toString())
        .contains("{\"path\":\"/groups(0)/apps(0)/id\",\"errors\":[\"Identifier is not child of '/p/q'\"]}");
    Parsed<GroupUpdate> typeError = GroupJson.read("{\"id\":\"/p\",\"apps\":[{\"id\":1}]}", PathId.ROOT);
    assertThat(typeError.status()).isEqualTo(400);
    assertThat(((Parsed.InvalidJson<GroupUpdate>) typeError).body().toJson().toString())
        .contains("{\"path\":\"/apps(0)/id\",\"errors\":[\"error.expected.jsstring\"]}");
    Parsed<GroupUpdate> badId = GroupJson.read("{\"id\":\"/P\"}", PathId.ROOT);
    assertThat(((Parsed.Invalid<GroupUpdate>) badId).body().details().orElseThrow().getFirst().path()).isEqualTo("/id");
  }

  @Test
  void treeJsonRoundTrips() {
    AppDefinition a = app("/prod/web/api", "/db").withVersionInfo(VersionInfo.initial(T1));
    Group root = Group.emptyRoot(T0).putApp(a, T1).putApp(app("/db").withVersionInfo(VersionInfo.initial(T0)), T1);
    root = root.putGroup(root.group(PathId.of("/prod")).orElseThrow().withDependencies(List.of(PathId.of("/db")))
        .withEnforceRole(true), T1);
    String json = GroupJson.write(root).toString();
    Group back = GroupJson.readTree(json).orThrow();
    assertThat(back).isEqualTo(root);
    assertThat(GroupJson.write(back).toString()).isEqualTo(json);
  }

  @Test
  void specialBodies() {
    GroupUpdate rollback = GroupJson.read("{\"version\":\"2015-09-25T15:13:48.343Z\"}", PathId.of("/g")).orThrow();
    assertThat(rollback.isRollback()).isTrue();
    assertThat(rollback.isScale()).isFalse();
    GroupUpdate scale = GroupJson.read("{\"scaleBy\":1.5}", PathId.of("/g")).orThrow();
    assertThat(scale.isScale()).isTrue();
    assertThat(scale.scaleBy()).contains(1.5);
  }
}
