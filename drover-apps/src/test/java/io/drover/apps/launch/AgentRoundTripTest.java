package io.drover.apps.launch;

import static io.drover.apps.launch.LaunchFixtures.app;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.agent.containerizer.Command;
import io.drover.agent.containerizer.DockerSpec;
import io.drover.agent.containerizer.PortRange;
import io.drover.agent.health.HealthCheckSpec;
import io.drover.agent.health.ProbeSpec;
import io.drover.agent.launch.MappingResult;
import io.drover.agent.launch.TaskMapper;
import io.drover.agent.launch.TaskPlan;
import io.drover.apps.model.AppDefinition;
import io.drover.master.api.v1.ApiJson;
import io.drover.master.api.v1.TaskInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TaskInfos TaskBuilder makes, as JSON, through the agent's real TaskMapper: they must map to runnable plans. */
final class AgentRoundTripTest {
  private static final TaskMapper.Context AGENT =
      new TaskMapper.Context("fw-1", LaunchFixtures.AGENT, LaunchFixtures.HOST, true, 3_000);

  static TaskPlan plan(AppDefinition app, List<Integer> hostPorts) {
    TaskInfo built = TaskBuilderTest.build(app, hostPorts);
    TaskInfo overTheWire = ApiJson.read(ApiJson.write(built), TaskInfo.class);
    MappingResult r = TaskMapper.map(overTheWire, AGENT);
    assertThat(r).as("agent verdict: %s", r).isInstanceOf(MappingResult.Mapped.class);
    return ((MappingResult.Mapped) r).plan();
  }

  @Test
  void commandAppWithHttpHealthCheck() {
    TaskPlan p = plan(app(TaskBuilderTest.COMMAND_APP), List.of(31000, 31001));
    assertThat(p.command()).isEqualTo(new Command.Shell("python3 -m http.server $PORT0"));
    assertThat(p.docker()).isEmpty();
    assertThat(p.offeredPorts()).as("adjacent ports coalesce").containsExactly(new PortRange(31000, 31001));
    assertThat(p.cpuMillis()).isEqualTo(500);
    assertThat(p.memMb()).isEqualTo(64);
    assertThat(p.env()).containsEntry("PORT0", "31000").containsEntry("PORT1", "31001")
        .containsEntry("PORT_HTTP", "31000").containsEntry("MARATHON_APP_ID", "/prod/web").containsEntry("FOO", "bar")
        .containsEntry("MESOS_TASK_ID", TaskBuilderTest.TASK).containsEntry("HOST", LaunchFixtures.HOST)
        .doesNotContainKey("S");
    assertThat(p.labels()).containsEntry("HAPROXY_GROUP", "external");
    assertThat(p.killGraceMs()).isEqualTo(7_000);
    HealthCheckSpec hc = p.healthCheck().orElseThrow();
    assertThat(hc.probe()).isEqualTo(new ProbeSpec.Http("http", 31000, "/health", List.of()));
    assertThat(hc.gracePeriodMs()).isEqualTo(300_000);
    assertThat(hc.intervalMs()).isEqualTo(60_000);
    assertThat(hc.timeoutMs()).isEqualTo(20_000);
    assertThat(hc.delayMs()).isEqualTo(15_000);
    assertThat(hc.consecutiveFailures()).isEqualTo(3);
  }

  @Test
  void dockerBridgeAppWithPortMappingsAndMesosHttpCheck() {
    TaskPlan p = plan(app("""
        {"id":"/web","version":"2015-09-25T15:13:48.343Z","cmd":"httpd -f -p 80",
         "container":{"type":"DOCKER","docker":{"image":"busybox:1.36","parameters":[{"key":"memory-swap","value":"-1"}]},
          "portMappings":[{"containerPort":80,"hostPort":0,"name":"http"},{"containerPort":0,"hostPort":0}]},
         "networks":[{"mode":"container/bridge"}],
         "healthChecks":[{"protocol":"MESOS_HTTP","path":"/","portIndex":0}]}
        """), List.of(31080, 31081));
    DockerSpec d = p.docker().orElseThrow();
    assertThat(d.image()).isEqualTo("busybox:1.36");
    assertThat(d.network()).isEqualTo(DockerSpec.Network.BRIDGE);
    assertThat(d.portMappings()).containsExactly(
        new DockerSpec.PortMapping(31080, 80, DockerSpec.Protocol.TCP),
        new DockerSpec.PortMapping(31081, 31081, DockerSpec.Protocol.TCP));
    assertThat(d.parameters()).containsExactly(new DockerSpec.Parameter("memory-swap", "-1"),
        new DockerSpec.Parameter("label", "MESOS_TASK_ID=web.instance-6a1f0c2e-4c30-11e5-98c1-be5b2935a987._app.1"));
    assertThat(p.command()).isEqualTo(new Command.Shell("httpd -f -p 80"));
    // The check names container port 80; the agent probes its host port from the host.
    assertThat(p.healthCheck().orElseThrow().probe()).isEqualTo(new ProbeSpec.Http("http", 31080, "/", List.of()));
    assertThat(p.env()).containsEntry("PORT0", "31080").containsEntry("PORT1", "31081");
  }

  @Test
  void dockerAppWithArgsRunsTheImageEntrypointWithThem() {
    TaskPlan p = plan(app("""
        {"id":"/d","version":"2015-09-25T15:13:48.343Z","args":["-f","-p","8080"],
         "container":{"type":"DOCKER","docker":{"image":"busybox"}},
         "healthChecks":[{"protocol":"TCP","maxConsecutiveFailures":0}]}
        """), List.of(31000));
    assertThat(p.command()).isEqualTo(new Command.Argv(List.of("-f", "-p", "8080")));
    assertThat(p.docker().orElseThrow().network()).isEqualTo(DockerSpec.Network.HOST);
    assertThat(p.healthCheck().orElseThrow().probe()).isEqualTo(new ProbeSpec.Tcp(31000));
    assertThat(p.healthCheck().orElseThrow().consecutiveFailures()).isEqualTo(MesosHealthChecks.NEVER_KILL);
  }

  @Test
  void argsAppRunsItsArgv() {
    TaskPlan p = plan(app("""
        {"id":"/argv","version":"2015-09-25T15:13:48.343Z","args":["/bin/sleep","600"],"user":"nobody"}
        """), List.of(31000));
    assertThat(p.command()).isEqualTo(new Command.Argv(List.of("/bin/sleep", "600")));
    assertThat(p.user()).contains("nobody");
    assertThat(p.healthCheck()).isEmpty();
    assertThat(p.killGraceMs()).as("no taskKillGracePeriodSeconds: the agent's default").isEqualTo(3_000);
  }

  @Test
  void mesosContainerArgsAppAndCommandCheck() {
    TaskPlan p = plan(app("""
        {"id":"/m","version":"2015-09-25T15:13:48.343Z","args":["/bin/sleep","600"],"container":{"type":"MESOS"},
         "healthChecks":[{"protocol":"COMMAND","command":{"value":"true"}}]}
        """), List.of(31000));
    assertThat(p.command()).isEqualTo(new Command.Argv(List.of("/bin/sleep", "600")));
    assertThat(p.docker()).isEmpty();
    assertThat(p.healthCheck().orElseThrow().probe()).isInstanceOf(ProbeSpec.Command.class);
  }

  @Test
  void fetchUrisDoNotStopTheAgentFromMappingTheTask() {
    TaskPlan p = plan(app("""
        {"id":"/f","version":"2015-09-25T15:13:48.343Z","cmd":"./run.sh",
         "fetch":[{"uri":"file:///opt/run.sh","executable":true,"extract":false}]}
        """), List.of(31000));
    assertThat(p.command()).isEqualTo(new Command.Shell("./run.sh"));
  }
}
