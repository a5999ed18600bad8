package io.drover.master.api.v1;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.master.api.v1.CallValidation.Invalid;
import io.drover.master.api.v1.CallValidation.NotImplemented;
import io.drover.master.api.v1.CallValidation.Valid;
import org.junit.jupiter.api.Test;

final class CallValidationTest {
  static CallValidation.Result check(String json) { return CallValidation.validate(ApiJson.read(json, Call.class)); }

  static final String FW = "\"framework_id\":{\"value\":\"M-0000\"},";

  static String invalid(String json) {
    CallValidation.Result r = check(json);
    assertThat(r).isInstanceOf(Invalid.class);
    return ((Invalid) r).message();
  }

  @Test
  void typeMustBePresent() {
    assertThat(invalid("{" + FW + "\"x\":1}"))
        .isEqualTo("Expecting 'type' to be present");
  }

  @Test
  void unknownTypeIsNotImplemented() {
    assertThat(check("{" + FW + "\"type\":\"BRAND_NEW\"}")).isInstanceOf(NotImplemented.class);
  }

  @Test
  void frameworkIdRequiredExceptForSubscribe() {
    assertThat(invalid("{\"type\":\"TEARDOWN\"}")).isEqualTo("Expecting 'framework_id' to be present");
    assertThat(invalid("{\"framework_id\":{\"value\":\"\"},\"type\":\"TEARDOWN\"}"))
        .isEqualTo("Expecting 'framework_id' to be present");
    assertThat(check("{" + FW + "\"type\":\"TEARDOWN\"}")).isInstanceOf(Valid.class);
    assertThat(check("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"u\",\"name\":\"n\"}}}"))
        .isInstanceOf(Valid.class);
  }

  @Test
  void subscribeChecks() {
    assertThat(invalid("{\"type\":\"SUBSCRIBE\"}")).isEqualTo("Expecting 'subscribe' to be present");
    assertThat(invalid("{\"type\":\"SUBSCRIBE\",\"subscribe\":{}}"))
        .isEqualTo("Expecting 'subscribe.framework_info' to be present");
    assertThat(invalid("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"name\":\"n\"}}}"))
        .isEqualTo("Expecting 'subscribe.framework_info.user' to be present");
    // Resubscription: both ids present and equal.
    assertThat(check("{" + FW + "\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"u\",\"name\":\"n\","
        + "\"id\":{\"value\":\"M-0000\"}}}}")).isInstanceOf(Valid.class);
    String differs = "'framework_id' differs from 'subscribe.framework_info.id'";
    assertThat(invalid("{" + FW + "\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"u\",\"name\":\"n\","
        + "\"id\":{\"value\":\"M-0001\"}}}}")).isEqualTo(differs);
    // As in Mesos, one id without the other also differs.
    assertThat(invalid("{" + FW + "\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"u\",\"name\":\"n\"}}}"))
        .isEqualTo(differs);
    assertThat(invalid("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"u\",\"name\":\"n\","
        + "\"id\":{\"value\":\"M-0000\"}}}}")).isEqualTo(differs);
    assertThat(invalid("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"u\",\"name\":\"n\","
        + "\"role\":\"a\",\"roles\":[\"b\"]}}}")).contains("cannot both be set");
  }

  @Test
  void payloadsMustBePresent() {
    assertThat(invalid("{" + FW + "\"type\":\"ACCEPT\"}")).isEqualTo("Expecting 'accept' to be present");
    assertThat(invalid("{" + FW + "\"type\":\"DECLINE\"}")).isEqualTo("Expecting 'decline' to be present");
    assertThat(invalid("{" + FW + "\"type\":\"KILL\"}")).isEqualTo("Expecting 'kill' to be present");
    assertThat(invalid("{" + FW + "\"type\":\"KILL\",\"kill\":{}}")).isEqualTo("Expecting 'kill.task_id' to be present");
    assertThat(invalid("{" + FW + "\"type\":\"SHUTDOWN\",\"shutdown\":{\"executor_id\":{\"value\":\"e\"}}}"))
        .isEqualTo("Expecting 'shutdown.agent_id' to be present");
    assertThat(invalid("{" + FW + "\"type\":\"ACKNOWLEDGE\"}")).isEqualTo("Expecting 'acknowledge' to be present");
    assertThat(invalid("{" + FW + "\"type\":\"RECONCILE\"}")).isEqualTo("Expecting 'reconcile' to be present");
    assertThat(invalid("{" + FW + "\"type\":\"RECONCILE\",\"reconcile\":{\"tasks\":[{}]}}"))
        .isEqualTo("Expecting 'reconcile.tasks[0].task_id' to be present");
    assertThat(invalid("{" + FW + "\"type\":\"MESSAGE\",\"message\":{\"agent_id\":{\"value\":\"a\"},"
        + "\"executor_id\":{\"value\":\"e\"}}}")).isEqualTo("Expecting 'message.data' to be present");
    assertThat(invalid("{" + FW + "\"type\":\"REQUEST\"}")).isEqualTo("Expecting 'request' to be present");
    assertThat(invalid("{" + FW + "\"type\":\"UPDATE_FRAMEWORK\"}")).isEqualTo("Expecting 'update_framework' to be present");
  }

  @Test
  void optionalPayloads() {
    assertThat(check("{" + FW + "\"type\":\"REVIVE\"}")).isInstanceOf(Valid.class);
    assertThat(check("{" + FW + "\"type\":\"SUPPRESS\",\"suppress\":{\"roles\":[\"web\"]}}")).isInstanceOf(Valid.class);
    assertThat(check("{" + FW + "\"type\":\"RECONCILE\",\"reconcile\":{}}")).isInstanceOf(Valid.class);
    assertThat(check("{" + FW + "\"type\":\"DECLINE\",\"decline\":{\"offer_ids\":[{\"value\":\"o\"}]}}"))
        .isInstanceOf(Valid.class);
  }

  @Test
  void acceptOperationsNeedTheirPayload() {
    assertThat(invalid("{" + FW + "\"type\":\"ACCEPT\",\"accept\":{\"operations\":[{\"type\":\"LAUNCH\"}]}}"))
        .isEqualTo("Expecting 'accept.operations[0].launch' to be present");
    assertThat(invalid("{" + FW + "\"type\":\"ACCEPT\",\"accept\":{\"operations\":[{}]}}"))
        .isEqualTo("Expecting 'accept.operations[0].type' to be present");
  }

  @Test
  void acknowledgeUuidMustBe16Bytes() {
    String base = "{" + FW + "\"type\":\"ACKNOWLEDGE\",\"acknowledge\":{\"agent_id\":{\"value\":\"a\"},"
        + "\"task_id\":{\"value\":\"t\"},\"uuid\":\"%s\"}}";
    assertThat(check(base.formatted("AAECAwQFBgcICQoLDA0ODw=="))).isInstanceOf(Valid.class);
    assertThat(invalid(base.formatted("AAEC"))).isEqualTo("Invalid 'acknowledge.uuid': expected 16 bytes, got 3");
  }

  @Test
  void updateFrameworkIdMustMatch() {
    assertThat(invalid("{" + FW + "\"type\":\"UPDATE_FRAMEWORK\",\"update_framework\":{\"framework_info\":"
        + "{\"user\":\"u\",\"name\":\"n\",\"id\":{\"value\":\"other\"}}}}"))
        .isEqualTo("'framework_id' differs from 'update_framework.framework_info.id'");
    assertThat(check("{" + FW + "\"type\":\"UPDATE_FRAMEWORK\",\"update_framework\":{\"framework_info\":"
        + "{\"user\":\"u\",\"name\":\"n\",\"id\":{\"value\":\"M-0000\"}}}}")).isInstanceOf(Valid.class);
  }
}
