package io.drover.apps.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

final class TaskJsonTest {
  private static Timestamp ts(String s) { return Timestamp.parse(s).orElseThrow(); }

  @Test
  void writesTheReferenceTaskObject() {
    InstanceId iid = new InstanceId(PathId.of("/myapp"), InstanceId.PREFIX_INSTANCE,
        UUID.fromString("564bd685-4c30-11e5-98c1-be5b2935a987"));
    Instance.HealthResult health = new Instance.HealthResult(true, 0, Optional.of(ts("2015-08-26T20:23:49.463Z")),
        Optional.of(ts("2015-08-26T20:24:49.463Z")), Optional.empty(), Optional.empty(), iid);
    Instance i = new Instance(iid, TaskId.of(iid, 1), ts("2015-04-17T04:00:14.171Z"), "agent0", "srv7.example.com",
        List.of(31756), List.of(10013), List.of(new Instance.IpAddress("10.0.0.5", "IPv4")), "TASK_RUNNING",
        ts("2015-08-26T20:23:39.463Z"), Optional.of(ts("2015-08-26T20:23:44.678Z")), List.of(health), "*",
        Optional.of("primary"), Optional.of("a"));
    assertThat(TaskJson.write(i).toString()).isEqualTo("{\"id\":\"myapp.instance-564bd685-4c30-11e5-98c1-be5b2935a987._app.1\","
        + "\"appId\":\"/myapp\",\"host\":\"srv7.example.com\",\"slaveId\":\"agent0\",\"ports\":[31756],\"servicePorts\":[10013],"
        + "\"ipAddresses\":[{\"ipAddress\":\"10.0.0.5\",\"protocol\":\"IPv4\"}],"
        + "\"stagedAt\":\"2015-08-26T20:23:39.463Z\",\"startedAt\":\"2015-08-26T20:23:44.678Z\","
        + "\"version\":\"2015-04-17T04:00:14.171Z\",\"state\":\"TASK_RUNNING\","
        + "\"healthCheckResults\":[{\"alive\":true,\"consecutiveFailures\":0,\"firstSuccess\":\"2015-08-26T20:23:49.463Z\","
        + "\"lastSuccess\":\"2015-08-26T20:24:49.463Z\",\"lastFailure\":null,\"lastFailureCause\":null,"
        + "\"instanceId\":\"myapp.instance-564bd685-4c30-11e5-98c1-be5b2935a987\"}],"
        + "\"localVolumes\":[],\"region\":\"primary\",\"zone\":\"a\",\"role\":\"*\"}");
  }

  @Test
  void stagingTaskOmitsUnknownFields() {
    InstanceId iid = InstanceId.create(PathId.of("/a"), io.drover.common.random.Rng.seeded(1));
    Instance i = new Instance(iid, TaskId.of(iid, 2), Timestamp.ofEpochMs(0), "s1", "h", List.of(), List.of(), List.of(),
        "TASK_STAGING", Timestamp.ofEpochMs(5), Optional.empty(), List.of(), "*", Optional.empty(), Optional.empty());
    var o = TaskJson.write(i);
    assertThat(o.has("startedAt")).isFalse();
    assertThat(o.has("region")).isFalse();
    assertThat(o.get("healthCheckResults").size()).isZero();
    assertThat(o.get("id").asText()).endsWith("._app.2");
  }
}
