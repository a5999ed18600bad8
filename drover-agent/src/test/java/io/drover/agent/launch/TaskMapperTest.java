package io.drover.agent.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.agent.containerizer.Command;
import io.drover.agent.containerizer.DockerSpec;
import io.drover.agent.containerizer.PortRange;
import io.drover.agent.fetcher.FetchUri;
import io.drover.agent.health.ProbeSpec;
import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.master.api.v1.ApiJson;
import io.drover.master.api.v1.TaskInfo;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TaskMapperTest {
  private static final TaskMapper.Context CTX = new TaskMapper.Context("fw-1", "ag-S0", "host-a", true, 3000);

  private static MappingResult map(String json, TaskMapper.Context ctx) {
    return TaskMapper.map(ApiJson.read(json, TaskInfo.class), ctx);
  }

  private static TaskPlan plan(String json) {
    return ((MappingResult.Mapped) map(json, CTX)).plan();
  }

  private static final String RES = "\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":0.5}},"
      + "{\"name\":\"mem\",\"type\":\"SCALAR\",\"scalar\":{\"value\":64}},{\"name\":\"ports\",\"type\":\"RANGES\","
      + "\"ranges\":{\"range\":[{\"begin\":31000,\"end\":31001}]}}]";

  @Test
  void shellCommandWithResourcesEnvironmentLabelsAndKillPolicy() {
    TaskPlan p = plan("{\"name\":\"t\",\"task_id\":{\"value\":\"t1\"}," + RES + ",\"command\":{\"value\":\"echo hi\","
        + "\"environment\":{\"variables\":[{\"name\":\"A\",\"value\":\"1\"}]}},"
        + "\"labels\":{\"labels\":[{\"key\":\"k\",\"value\":\"v\"}]},"
        + "\"kill_policy\":{\"grace_period\":{\"nanoseconds\":5000000000}}}");
    assertThat(p.command()).isEqualTo(new Command.Shell("echo hi"));
    assertThat(p.cpuMillis()).isEqualTo(500);
    assertThat(p.memMb()).isEqualTo(64);
    assertThat(p.offeredPorts()).containsExactly(new PortRange(31000, 31001));
    assertThat(p.env()).containsEntry("A", "1").containsEntry("MESOS_TASK_ID", "t1")
        .containsEntry("MESOS_FRAMEWORK_ID", "fw-1").containsEntry("MESOS_AGENT_ID", "ag-S0")
        .containsEntry("PORT0", "31000").containsEntry("PORT1", "31001").containsEntry("PORTS", "31000,31001");
    assertThat(p.labels()).containsEntry("k", "v");
    assertThat(p.killGraceMs()).isEqualTo(5000);
    assertThat(p.docker()).isEmpty();
  }

  @Test
  void urisAreCopiedWithProtoDefaultsAndAUriWithoutValueIsInvalid() {
    TaskPlan p = plan("{\"name\":\"t\",\"task_id\":{\"value\":\"t1\"},\"command\":{\"value\":\"./run\",\"uris\":["
        + "{\"value\":\"http://h/app.tgz\"},"
        + "{\"value\":\"file:///opt/run\",\"executable\":true,\"extract\":false,\"cache\":true,"
        + "\"output_file\":\"bin/run\"}]}}");
    assertThat(p.uris()).containsExactly(FetchUri.of("http://h/app.tgz"),
        new FetchUri("file:///opt/run", true, false, true, Optional.of("bin/run")));
    assertThat(plan("{\"name\":\"t\",\"task_id\":{\"value\":\"t1\"},\"command\":{\"value\":\"x\"}}").uris())
        .isEmpty();
    MappingResult bad = map("{\"name\":\"t\",\"task_id\":{\"value\":\"t1\"},\"command\":{\"value\":\"x\","
        + "\"uris\":[{\"executable\":true}]}}", CTX);
    assertThat(bad).isInstanceOfSatisfying(MappingResult.Rejected.class, r -> {
      assertThat(r.state()).isEqualTo(TaskState.TASK_ERROR);
      assertThat(r.message()).contains("command.uris[0].value is empty");
    });
  }

  @Test
  void noShellRunsValueWithArgumentsAfterArgv0() {
    TaskPlan p = plan("{\"name\":\"t\",\"task_id\":{\"value\":\"t1\"},\"command\":{\"shell\":false,"
        + "\"value\":\"/bin/echo\",\"arguments\":[\"echo\",\"a\",\"b\"]}}");
    assertThat(p.command()).isEqualTo(new Command.Argv(List.of("/bin/echo", "a", "b")));
    assertThat(p.killGraceMs()).isEqualTo(3000);
  }

  @Test
  void dockerBridgeWithPortMappingsAndHealthCheckOnTheHostPort() {
    TaskPlan p = plan("{\"name\":\"t\",\"task_id\":{\"value\":\"t1\"}," + RES + ",\"command\":{\"shell\":false},"
        + "\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"nginx\",\"network\":\"BRIDGE\","
        + "\"port_mappings\":[{\"host_port\":31000,\"container_port\":80,\"protocol\":\"tcp\"}],"
        + "\"privileged\":false,\"force_pull_image\":true,\"parameters\":[{\"key\":\"label\",\"value\":\"a=b\"}]}},"
        + "\"health_check\":{\"type\":\"HTTP\",\"http\":{\"port\":80,\"path\":\"/h\"},\"consecutive_failures\":5}}");
    DockerSpec d = p.docker().orElseThrow();
    assertThat(d.image()).isEqualTo("nginx");
    assertThat(d.network()).isEqualTo(DockerSpec.Network.BRIDGE);
    assertThat(d.portMappings()).containsExactly(new DockerSpec.PortMapping(31000, 80, DockerSpec.Protocol.TCP));
    assertThat(d.forcePullImage()).isTrue();
    assertThat(d.parameters()).containsExactly(new DockerSpec.Parameter("label", "a=b"));
    assertThat(p.command()).isEqualTo(new Command.Argv(List.of()));
    assertThat(p.healthCheck().orElseThrow().probe()).isEqualTo(ProbeSpec.Http.of(31000, "/h"));
    assertThat(p.healthCheck().orElseThrow().consecutiveFailures()).isEqualTo(5);
    assertThat(p.healthCheck().orElseThrow().delayMs()).isEqualTo(15_000);
  }

  @Test
  void unrunnableTasksAreRejectedWithAClearMessage() {
    assertThat(map("{\"name\":\"t\",\"task_id\":{\"value\":\"t1\"}}", CTX)).isInstanceOfSatisfying(
        MappingResult.Rejected.class, r -> {
          assertThat(r.state()).isEqualTo(TaskState.TASK_ERROR);
          assertThat(r.reason()).isEqualTo(TaskStatusReason.REASON_TASK_INVALID);
          assertThat(r.message()).contains("no command");
        });
    assertThat(map("{\"name\":\"t\",\"task_id\":{\"value\":\"a/b\"},\"command\":{\"value\":\"x\"}}", CTX))
        .isInstanceOf(MappingResult.Rejected.class);
    assertThat(map("{\"name\":\"t\",\"task_id\":{\"value\":\"t\"},\"command\":{\"value\":\"x\"},\"container\":"
        + "{\"type\":\"DOCKER\",\"docker\":{\"image\":\"x\",\"network\":\"USER\"}}}", CTX))
        .isInstanceOfSatisfying(MappingResult.Rejected.class, r -> assertThat(r.message()).contains("USER"));
    TaskMapper.Context noDocker = new TaskMapper.Context("fw-1", "ag-S0", "h", false, 3000);
    assertThat(map("{\"name\":\"t\",\"task_id\":{\"value\":\"t\"},\"command\":{\"value\":\"x\"},\"container\":"
        + "{\"type\":\"DOCKER\",\"docker\":{\"image\":\"x\"}}}", noDocker))
        .isInstanceOfSatisfying(MappingResult.Rejected.class, r -> {
          assertThat(r.state()).isEqualTo(TaskState.TASK_FAILED);
          assertThat(r.reason()).isEqualTo(TaskStatusReason.REASON_CONTAINER_LAUNCH_FAILED);
          assertThat(r.message()).contains("without the Docker containerizer");
        });
    assertThat(map("{\"name\":\"t\",\"task_id\":{\"value\":\"t\"},\"command\":{\"value\":\"x\"},"
        + "\"health_check\":{\"type\":\"TCP\"}}", CTX))
        .isInstanceOfSatisfying(MappingResult.Rejected.class, r -> assertThat(r.message()).contains("tcp.port"));
  }
}
