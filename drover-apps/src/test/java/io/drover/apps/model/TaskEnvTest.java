package io.drover.apps.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.common.random.Rng;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TaskEnvTest {
  private static final Timestamp V = Timestamp.parse("2015-09-25T15:13:48.343Z").orElseThrow();
  private final TaskId task = TaskId.of(InstanceId.create(PathId.of("/prod/web"), Rng.seeded(3)), 1);

  @Test
  void hostNetworkingPortsAndMarathonVariables() {
    AppDefinition app = AppDefinition.builder(PathId.of("/prod/web")).cmd("x y")
        .portDefinitions(List.of(new PortDefinition(0, "tcp", Optional.of("http"), Map.of()), PortDefinition.of(9000)))
        .labels(Map.of("HAPROXY_GROUP", "external", "a.b-c", "v"))
        .versionInfo(Optional.of(VersionInfo.initial(V))).cpus(0.5).memMb(64).build();
    Map<String, String> env = TaskEnv.of(app, List.of(31000, 31001), "agent1.local", task);
    assertThat(env).containsEntry("PORT0", "31000").containsEntry("PORT1", "31001")
        .containsEntry("PORT", "31000").containsEntry("PORTS", "31000,31001")
        .containsEntry("PORT_HTTP", "31000").containsEntry("PORT_31000", "31000").containsEntry("PORT_9000", "31001")
        .containsEntry("HOST", "agent1.local")
        .containsEntry("MARATHON_APP_ID", "/prod/web")
        .containsEntry("MARATHON_APP_VERSION", "2015-09-25T15:13:48.343Z")
        .containsEntry("MESOS_TASK_ID", task.idString())
        .containsEntry("MARATHON_APP_RESOURCE_CPUS", "0.5").containsEntry("MARATHON_APP_RESOURCE_MEM", "64.0")
        .containsEntry("MARATHON_APP_RESOURCE_DISK", "0.0").containsEntry("MARATHON_APP_RESOURCE_GPUS", "0")
        .containsEntry("MARATHON_APP_LABEL_HAPROXY_GROUP", "external")
        .containsEntry("MARATHON_APP_LABEL_A_B_C", "v")
        .doesNotContainKey("MARATHON_APP_DOCKER_IMAGE");
    assertThat(env.get("MARATHON_APP_LABELS").split(" ")).containsExactlyInAnyOrder("HAPROXY_GROUP", "A_B_C");
  }

  @Test
  void appEnvWinsAndSecretsAreNotExpanded() {
    AppDefinition app = AppDefinition.builder(PathId.of("/prod/web")).cmd("x y")
        .env(Map.of("HOST", EnvValue.of("mine"), "PORT0", EnvValue.of("1"), "S", new EnvValue.SecretRef("s")))
        .versionInfo(Optional.of(VersionInfo.initial(V))).build();
    Map<String, String> env = TaskEnv.of(app, List.of(31000), "agent1", task);
    assertThat(env).containsEntry("HOST", "mine").containsEntry("PORT0", "1").containsEntry("PORT_DEFAULT", "31000")
        .doesNotContainKey("S");
  }

  @Test
  void bridgeMappingsUseContainerPortNamesAndDockerImage() {
    AppDefinition app = AppJson.parse("""
        {"id":"/prod/web","container":{"type":"DOCKER","docker":{"image":"busybox"},
          "portMappings":[{"containerPort":80,"name":"web"},{"containerPort":0,"hostPort":0}]},
         "networks":[{"mode":"container/bridge"}],"version":"2015-09-25T15:13:48.343Z"}
        """, PathId.ROOT).orThrow();
    Map<String, String> env = TaskEnv.of(app, List.of(31080, 31081), "h", task);
    assertThat(env).containsEntry("PORT0", "31080").containsEntry("PORT_80", "31080").containsEntry("PORT_WEB", "31080")
        .containsEntry("PORT1", "31081").containsEntry("PORT_31081", "31081")
        .containsEntry("MARATHON_APP_DOCKER_IMAGE", "busybox");
  }

  @Test
  void containerOnlyMappingsUseContainerPortsOrARandomOne() {
    AppDefinition app = AppDefinition.builder(PathId.of("/c")).cmd("x y")
        .networks(List.of(new Network(Network.Mode.CONTAINER, Optional.of("net"), Map.of())))
        .portDefinitions(List.of())
        .container(new Container(Container.Type.MESOS, Optional.empty(),
            List.of(PortMapping.DEFAULT.withServicePort(0), new PortMapping(8080, Optional.empty(), 0, "tcp",
                Optional.of("api"), Map.of(), List.of())), List.of()))
        .versionInfo(Optional.of(VersionInfo.initial(V))).build();
    Map<String, String> env = TaskEnv.of(app, List.of(Optional.empty(), Optional.empty()), "h", task, Rng.seeded(9));
    int random = Integer.parseInt(env.get("PORT0"));
    assertThat(random).isBetween(1025, 65535);
    assertThat(env).containsEntry("PORT1", "8080").containsEntry("PORT_8080", "8080").containsEntry("PORT_API", "8080")
        .containsEntry("PORT_" + random, Integer.toString(random)).containsEntry("PORTS", Integer.toString(random));
  }

  @Test
  void noPortsNoPortVariables() {
    AppDefinition app = AppDefinition.builder(PathId.of("/c")).cmd("x y").portDefinitions(List.of())
        .versionInfo(Optional.of(VersionInfo.initial(V))).build();
    assertThat(TaskEnv.of(app, List.of(), "h", task)).doesNotContainKeys("PORTS", "PORT", "PORT0").containsKey("HOST");
  }
}
