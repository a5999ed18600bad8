package io.drover.master.api.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.common.mesos.TaskStatusSource;
import org.junit.jupiter.api.Test;

/** Mesos' JSON leniency: unknown fields ignored, unknown enum names tolerated, "Infinity" doubles accepted. */
final class ParsingToleranceTest {
  @Test
  void unknownFieldsAreIgnored() {
    Call call = ApiJson.read("""
        {"type":"TEARDOWN","framework_id":{"value":"f","extra":1},"future_field":{"x":[1,2]},"another":"y"}""",
        Call.class);
    assertThat(call).isEqualTo(Call.of(new FrameworkID("f"), Call.Type.TEARDOWN));
  }

  @Test
  void unknownEnumNamesBecomeUnknown() {
    Call call = ApiJson.read("{\"type\":\"SOMETHING_NEW\"}", Call.class);
    assertThat(call.type()).isEqualTo(Call.Type.UNKNOWN);
    Event event = ApiJson.read("{\"type\":\"FANCY_EVENT\"}", Event.class);
    assertThat(event.type()).isEqualTo(Event.Type.UNKNOWN);
    TaskStatus status = ApiJson.read("""
        {"task_id":{"value":"t"},"state":"TASK_TELEPORTED","source":"SOURCE_MOON","reason":"REASON_SOLAR_FLARE"}""",
        TaskStatus.class);
    assertThat(status.state()).isEqualTo(TaskState.UNKNOWN);
    assertThat(status.source()).isEqualTo(TaskStatusSource.UNKNOWN);
    assertThat(status.reason()).isEqualTo(TaskStatusReason.UNKNOWN);
    FrameworkInfo info = ApiJson.read("{\"user\":\"u\",\"name\":\"n\",\"capabilities\":[{\"type\":\"TIME_TRAVEL\"}]}",
        FrameworkInfo.class);
    assertThat(info.capabilities().get(0).type()).isEqualTo(FrameworkInfo.CapabilityType.UNKNOWN);
    Resource r = ApiJson.read("{\"name\":\"x\",\"type\":\"MATRIX\"}", Resource.class);
    assertThat(r.type()).isEqualTo(Value.Type.UNKNOWN);
    ContainerInfo c = ApiJson.read("{\"type\":\"WASM\",\"docker\":{\"image\":\"i\",\"network\":\"MESH\"}}",
        ContainerInfo.class);
    assertThat(c.type()).isEqualTo(ContainerInfo.Type.UNKNOWN);
    assertThat(c.docker().network()).isEqualTo(ContainerInfo.Network.UNKNOWN);
  }

  @Test
  void realTaskUnknownStateIsNotTheCatchAll() {
    TaskStatus s = ApiJson.read("{\"task_id\":{\"value\":\"t\"},\"state\":\"TASK_UNKNOWN\"}", TaskStatus.class);
    assertThat(s.state()).isEqualTo(TaskState.TASK_UNKNOWN);
    assertThat(s.state().number()).isEqualTo(13);
  }

  @Test
  void infinityIsAcceptedForDoubles() {
    FrameworkInfo quoted = ApiJson.read("{\"user\":\"u\",\"name\":\"n\",\"failover_timeout\":\"Infinity\"}",
        FrameworkInfo.class);
    assertThat(quoted.failoverTimeout()).isEqualTo(Double.POSITIVE_INFINITY);
    FrameworkInfo bare = ApiJson.read("{\"user\":\"u\",\"name\":\"n\",\"failover_timeout\":Infinity}",
        FrameworkInfo.class);
    assertThat(bare.failoverTimeout()).isEqualTo(Double.POSITIVE_INFINITY);
    // Written back as the string form, which parses again.
    assertThat(ApiJson.write(bare)).contains("\"failover_timeout\":\"Infinity\"");
    assertThat(ApiJson.read(ApiJson.write(bare), FrameworkInfo.class)).isEqualTo(bare);
  }

  @Test
  void enumNumbersMatchTheProtos() {
    assertThat(Call.Type.SUBSCRIBE.number()).isEqualTo(1);
    assertThat(Call.Type.SUPPRESS.number()).isEqualTo(12);
    assertThat(Call.Type.UPDATE_FRAMEWORK.number()).isEqualTo(17);
    assertThat(Event.Type.HEARTBEAT.number()).isEqualTo(8);
    assertThat(Event.Type.UPDATE_OPERATION_STATUS.number()).isEqualTo(11);
    assertThat(Offer.OperationType.LAUNCH_GROUP.number()).isEqualTo(6);
    assertThat(TaskState.TASK_STAGING.number()).isEqualTo(6);
    assertThat(TaskStatusReason.REASON_AGENT_REMOVED.number()).isEqualTo(11);
  }

  @Test
  void malformedJsonIsAClearIllegalArgument() {
    assertThatThrownBy(() -> ApiJson.read("{\"type\":", Call.class)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid Call JSON");
    assertThatThrownBy(() -> ApiJson.read("{\"acknowledge\":{\"uuid\":\"not base64!\"}}", Call.class))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
