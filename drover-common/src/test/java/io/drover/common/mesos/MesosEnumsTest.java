package io.drover.common.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MesosEnumsTest {
  private static final ObjectMapper LENIENT = JsonMapper.builder()
      .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE).build();

  @Test
  void numbersAreTheProtoOnesAndRoundTrip() {
    for (TaskState s : TaskState.values()) assertThat(TaskState.ofNumber(s.number())).isEqualTo(s);
    for (TaskStatusReason r : TaskStatusReason.values()) assertThat(TaskStatusReason.ofNumber(r.number())).isEqualTo(r);
    for (TaskStatusSource s : TaskStatusSource.values()) assertThat(TaskStatusSource.ofNumber(s.number())).isEqualTo(s);
    assertThat(TaskState.TASK_UNKNOWN.number()).isEqualTo(13);
    assertThat(TaskState.TASK_STAGING.number()).isEqualTo(6);
    assertThat(TaskStatusReason.REASON_AGENT_DRAINING.number()).isEqualTo(34);
    assertThat(TaskStatusSource.SOURCE_EXECUTOR.number()).isEqualTo(2);
    assertThat(Arrays.stream(TaskStatusSource.values()).filter(TaskStatusSource::isKnown)).hasSize(3);
  }

  @Test
  void unknownNumbersFallBackToDroversUnknownNotToMesosTaskUnknown() {
    assertThat(TaskState.ofNumber(99)).isEqualTo(TaskState.UNKNOWN).isNotEqualTo(TaskState.TASK_UNKNOWN);
    assertThat(TaskState.UNKNOWN.number()).isEqualTo(-1);
    assertThat(TaskState.UNKNOWN.isTerminal()).isFalse();
    assertThat(TaskState.UNKNOWN.isKnown()).isFalse();
    assertThat(TaskState.TASK_UNKNOWN.isKnown()).isTrue();
    assertThat(TaskStatusReason.ofNumber(1000)).isEqualTo(TaskStatusReason.UNKNOWN);
    assertThat(TaskStatusSource.ofNumber(3)).isEqualTo(TaskStatusSource.UNKNOWN);
  }

  @Test
  void jsonUsesProtoNamesAndUnknownNamesReadAsUnknown() throws Exception {
    assertThat(LENIENT.writeValueAsString(TaskState.TASK_RUNNING)).isEqualTo("\"TASK_RUNNING\"");
    assertThat(LENIENT.writeValueAsString(TaskStatusReason.REASON_RECONCILIATION))
        .isEqualTo("\"REASON_RECONCILIATION\"");
    assertThat(LENIENT.readValue("\"TASK_KILLING\"", TaskState.class)).isEqualTo(TaskState.TASK_KILLING);
    assertThat(LENIENT.readValue("\"TASK_FROM_THE_FUTURE\"", TaskState.class)).isEqualTo(TaskState.UNKNOWN);
    assertThat(LENIENT.readValue("\"REASON_NEW\"", TaskStatusReason.class)).isEqualTo(TaskStatusReason.UNKNOWN);
    assertThat(LENIENT.readValue("\"SOURCE_NEW\"", TaskStatusSource.class)).isEqualTo(TaskStatusSource.UNKNOWN);
  }
}
