package io.drover.master.api.operator;

import static io.drover.master.api.operator.Cluster.assertJson;
import static io.drover.master.api.operator.Json.ports;
import static io.drover.master.api.operator.Json.scalar;
import static io.drover.master.api.operator.Json.total;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.master.allocator.Quota;
import io.drover.master.api.operator.OperatorReply.Failed;
import io.drover.master.api.operator.OperatorReply.Ok;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each operator call against the known {@link Scenario}, with the exact JSON answered. */
class OperatorCallsTest {
  final Scenario s = new Scenario();

  OperatorReply call(String body) {
    return OperatorApi.handle(body.getBytes(StandardCharsets.UTF_8), s.c.core, Cluster.IDENTITY, 90_000);
  }

  JsonNode ok(String body) {
    OperatorReply reply = call(body);
    assertThat(reply).isInstanceOf(Ok.class);
    return ((Ok) reply).body();
  }

  static final String WEB_1 = """
      {"name":"web-1","task_id":{"value":"web-1"},"framework_id":{"value":"M-0000"},"agent_id":{"value":"M-S0"},
       "state":"TASK_RUNNING","resources":[%s,%s,%s],
       "statuses":[{"task_id":{"value":"web-1"},"state":"TASK_RUNNING","source":"SOURCE_EXECUTOR",
                    "agent_id":{"value":"M-S0"},"timestamp":4.0,"uuid":"dXVpZC13ZWItMS1UQVNLX1JVTk5JTkc="}],
       "status_update_state":"TASK_RUNNING","status_update_uuid":"dXVpZC13ZWItMS1UQVNLX1JVTk5JTkc="}"""
      .formatted(scalar("cpus", 1), scalar("mem", 128), ports(31000, 31000));

  static final String DB_1 = """
      {"name":"db-1","task_id":{"value":"db-1"},"framework_id":{"value":"M-0000"},"agent_id":{"value":"M-S1"},
       "state":"TASK_UNREACHABLE","resources":[%s,%s],
       "statuses":[{"task_id":{"value":"db-1"},"state":"TASK_UNREACHABLE","message":"Agent M-S1 is unreachable",
                    "source":"SOURCE_MASTER","reason":"REASON_AGENT_REMOVED","agent_id":{"value":"M-S1"},
                    "timestamp":78.5,"unreachable_time":{"nanoseconds":78500000000}}],
       "status_update_state":"TASK_UNREACHABLE"}""".formatted(scalar("cpus", 1), scalar("mem", 256));

  static final String BATCH_1 = """
      {"name":"batch-1","task_id":{"value":"batch-1"},"framework_id":{"value":"M-0000"},"agent_id":{"value":"M-S0"},
       "state":"TASK_FINISHED","resources":[%s,%s],
       "statuses":[{"task_id":{"value":"batch-1"},"state":"TASK_FINISHED","source":"SOURCE_EXECUTOR",
                    "agent_id":{"value":"M-S0"},"timestamp":5.0,"uuid":"dXVpZC1iYXRjaC0xLVRBU0tfRklOSVNIRUQ="}],
       "status_update_state":"TASK_FINISHED","status_update_uuid":"dXVpZC1iYXRjaC0xLVRBU0tfRklOSVNIRUQ="}"""
      .formatted(scalar("cpus", 1), scalar("mem", 100));

  static final String GET_TASKS = """
      {"tasks":[%s],"unreachable_tasks":[%s],"completed_tasks":[%s]}""".formatted(WEB_1, DB_1, BATCH_1);

  static final String OFFERED = "[%s,%s,%s]".formatted(scalar("cpus", 3), scalar("mem", 896), ports(31001, 31005));
  static final String USED = "[%s,%s,%s]".formatted(scalar("cpus", 1), scalar("mem", 128), ports(31000, 31000));
  static final String A1_TOTAL = "[%s,%s,%s]".formatted(total(scalar("cpus", 4)), total(scalar("mem", 1024)),
      total(ports(31000, 31005)));

  static final String GET_AGENTS = """
      {"agents":[{"agent_info":{"hostname":"a1","port":5051,"resources":%s,
                                "attributes":[{"name":"rack","type":"TEXT","text":{"value":"r1"}}],
                                "id":{"value":"M-S0"}},
                  "active":true,"deactivated":false,"version":"1.11.0","pid":"slave(1)@a1:5051",
                  "registered_time":{"nanoseconds":1000000000},
                  "total_resources":%s,"allocated_resources":%s,"offered_resources":%s}],
       "recovered_agents":[]}""".formatted(A1_TOTAL, A1_TOTAL, USED, OFFERED);

  static final String GET_FRAMEWORKS = """
      {"frameworks":[{"framework_info":{"user":"root","name":"web","id":{"value":"M-0000"},"failover_timeout":100.0,
                                        "checkpoint":true,"role":"*","capabilities":[{"type":"PARTITION_AWARE"}]},
                      "active":true,"connected":true,"recovered":false,
                      "registered_time":{"nanoseconds":2000000000},"reregistered_time":{"nanoseconds":2000000000},
                      "offers":[{"id":{"value":"M-O2"},"framework_id":{"value":"M-0000"},"agent_id":{"value":"M-S0"},
                                 "hostname":"a1","resources":%s,
                                 "attributes":[{"name":"rack","type":"TEXT","text":{"value":"r1"}}],
                                 "allocation_info":{"role":"*"}}],
                      "allocated_resources":%s,"offered_resources":%s}],
       "completed_frameworks":[{"framework_info":{"user":"root","name":"old","id":{"value":"M-0001"},
                                                 "failover_timeout":0.0,"checkpoint":true,"role":"*"},
                                "active":false,"connected":false,"recovered":false,
                                "registered_time":{"nanoseconds":6000000000},
                                "reregistered_time":{"nanoseconds":6000000000},
                                "unregistered_time":{"nanoseconds":7000000000}}]}""".formatted(OFFERED, USED, OFFERED);

  @Test
  void getHealth() {
    assertJson(ok("{\"type\":\"GET_HEALTH\"}"), """
        {"type":"GET_HEALTH","get_health":{"healthy":true}}""");
  }

  @Test
  void getVersionReportsTheMesosApiVersionAndDroversOwn() {
    assertJson(ok("{\"type\":\"GET_VERSION\"}"), """
        {"type":"GET_VERSION","get_version":{"version_info":{"version":"1.11.0","build_user":"drover",
                                                             "git_tag":"drover-0.3.0"}}}""");
  }

  @Test
  void getFlagsListsTheIdentitysFlagsByName() {
    assertJson(ok("{\"type\":\"GET_FLAGS\"}"), """
        {"type":"GET_FLAGS","get_flags":{"flags":[{"name":"agent_ping_timeout","value":"15secs"},
                                                  {"name":"cluster","value":"test"},
                                                  {"name":"max_agent_ping_timeouts","value":"5"}]}}""");
  }

  @Test
  void getMaster() {
    assertJson(ok("{\"type\":\"GET_MASTER\"}"), """
        {"type":"GET_MASTER","get_master":{
          "master_info":{"id":"master-1","ip":16777343,"port":5050,"pid":"master@127.0.0.1:5050","hostname":"m1",
                         "version":"0.3.0","address":{"hostname":"m1","ip":"127.0.0.1","port":5050}},
          "start_time":0.5,"elected_time":0.7}}""");
  }

  @Test
  void getTasksSplitsLiveUnreachableAndCompletedTasks() {
    assertJson(ok("{\"type\":\"GET_TASKS\"}"), "{\"type\":\"GET_TASKS\",\"get_tasks\":" + GET_TASKS + "}");
  }

  @Test
  void aStagingTaskHasNoStatusesYet() {
    Cluster c = new Cluster();
    String a = c.agent("h", "cpus:1;mem:64", "", 0);
    String fw = c.framework("f", false, 0, "s", 0);
    var offer = c.allocate(1000).get(0);
    c.run(new io.drover.master.cluster.Command.Accept(fw, java.util.List.of(offer.offerId()),
        java.util.List.of(Cluster.task("t", a, "cpus:1")), 5, 1000));
    OperatorReply reply = OperatorApi.handle("{\"type\":\"GET_TASKS\"}".getBytes(StandardCharsets.UTF_8), c.core,
        Cluster.IDENTITY, 1000);
    assertJson(((Ok) reply).body(), """
        {"type":"GET_TASKS","get_tasks":{"tasks":[
          {"name":"t","task_id":{"value":"t"},"framework_id":{"value":"M-0000"},"agent_id":{"value":"M-S0"},
           "state":"TASK_STAGING","resources":[%s]}],
          "unreachable_tasks":[],"completed_tasks":[]}}""".formatted(scalar("cpus", 1)));
  }

  @Test
  void getAgentsListsRegisteredAgentsWithTheirResources() {
    assertJson(ok("{\"type\":\"GET_AGENTS\"}"), "{\"type\":\"GET_AGENTS\",\"get_agents\":" + GET_AGENTS + "}");
  }

  @Test
  void getFrameworksListsSubscribedAndCompletedFrameworks() {
    assertJson(ok("{\"type\":\"GET_FRAMEWORKS\"}"),
        "{\"type\":\"GET_FRAMEWORKS\",\"get_frameworks\":" + GET_FRAMEWORKS + "}");
  }

  @Test
  void getStateIsTheFourListsTogether() {
    assertJson(ok("{\"type\":\"GET_STATE\"}"), """
        {"type":"GET_STATE","get_state":{"get_tasks":%s,"get_executors":{"executors":[]},
                                         "get_frameworks":%s,"get_agents":%s}}"""
        .formatted(GET_TASKS, GET_FRAMEWORKS, GET_AGENTS));
    assertJson(ok("{\"type\":\"GET_EXECUTORS\"}"), """
        {"type":"GET_EXECUTORS","get_executors":{"executors":[]}}""");
  }

  @Test
  void subscribedCarriesTheStateAndTheHeartbeatInterval() {
    assertJson(OperatorApi.subscribed(s.c.core, Cluster.IDENTITY, 90_000), """
        {"type":"SUBSCRIBED","subscribed":{"get_state":{"get_tasks":%s,"get_executors":{"executors":[]},
                                                        "get_frameworks":%s,"get_agents":%s},
                                           "heartbeat_interval_seconds":15.0}}"""
        .formatted(GET_TASKS, GET_FRAMEWORKS, GET_AGENTS));
    assertJson(OperatorApi.heartbeat(), "{\"type\":\"HEARTBEAT\"}");
    assertThat(call("{\"type\":\"SUBSCRIBE\"}")).isEqualTo(new OperatorReply.Subscribe());
  }

  @Test
  void getRolesShowsWeightFrameworksAndAllocatedPlusOfferedScalars() {
    s.c.core.allocator().updateWeights(Map.of("eng", 2.5)); // what the driver does after UPDATE_WEIGHTS
    assertJson(ok("{\"type\":\"GET_ROLES\"}"), """
        {"type":"GET_ROLES","get_roles":{"roles":[
          {"name":"*","weight":1.0,"frameworks":[{"value":"M-0000"}],
           "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":4.0}},
                        {"name":"mem","type":"SCALAR","scalar":{"value":1024.0}}]},
          {"name":"eng","weight":2.5}]}}""");
  }

  @Test
  void getWeightsListsConfiguredWeightsOnly() {
    assertJson(ok("{\"type\":\"GET_WEIGHTS\"}"), "{\"type\":\"GET_WEIGHTS\",\"get_weights\":{}}");
    s.c.core.allocator().updateWeights(Map.of("eng", 2.5, "ops", 0.5));
    assertJson(ok("{\"type\":\"GET_WEIGHTS\"}"), """
        {"type":"GET_WEIGHTS","get_weights":{"weight_infos":[{"weight":2.5,"role":"eng"},
                                                             {"weight":0.5,"role":"ops"}]}}""");
  }

  @Test
  void updateWeightsIsValidatedAndHandedToTheDriver() {
    assertThat(call("""
        {"type":"UPDATE_WEIGHTS","update_weights":{"weight_infos":[{"role":" eng/web ","weight":2},
                                                                   {"role":"ops","weight":0.5}]}}"""))
        .isEqualTo(new OperatorReply.UpdateWeights(Map.of("eng/web", 2.0, "ops", 0.5)));
    assertThat(call("{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{}}"))
        .isEqualTo(new OperatorReply.UpdateWeights(Map.of()));
  }

  @Test
  void badWeightsAre400WithTheReason() {
    assertThat(call("{\"type\":\"UPDATE_WEIGHTS\"}")).isEqualTo(new Failed(400,
        "Failed to validate master::Call: Expecting 'update_weights' to be present"));
    assertThat(call("""
        {"type":"UPDATE_WEIGHTS","update_weights":{"weight_infos":[{"role":"a b","weight":1}]}}"""))
        .isEqualTo(new Failed(400, "Failed to validate update weights request JSON: Invalid role 'a b': "
            + "role 'a b' contains whitespace"));
    assertThat(call("""
        {"type":"UPDATE_WEIGHTS","update_weights":{"weight_infos":[{"weight":1}]}}"""))
        .isEqualTo(new Failed(400, "Failed to validate update weights request JSON: Invalid role '': "
            + "role name is empty"));
    assertThat(call("""
        {"type":"UPDATE_WEIGHTS","update_weights":{"weight_infos":[{"role":"eng","weight":0}]}}"""))
        .isEqualTo(new Failed(400, "Failed to validate update weights request JSON for role 'eng': "
            + "Invalid weight '0.0': Weights must be positive and finite"));
    for (String weight : new String[] {"\"Infinity\"", "\"NaN\"", "-1"}) {
      assertThat(call("{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":[{\"role\":\"eng\","
          + "\"weight\":" + weight + "}]}}")).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.httpStatus()).isEqualTo(400);
            assertThat(f.message()).contains("Weights must be positive and finite");
          });
    }
    assertThat(call("""
        {"type":"UPDATE_WEIGHTS","update_weights":{"weight_infos":[{"role":"eng","weight":"heavy"}]}}"""))
        .isEqualTo(new Failed(400, "Failed to validate update weights request JSON for role 'eng': "
            + "'weight' must be a number"));
    assertThat(call("{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":{}}}"))
        .isInstanceOfSatisfying(Failed.class, f -> assertThat(f.httpStatus()).isEqualTo(400));
  }

  @Test
  void teardownNamesAKnownFramework() {
    assertThat(call("{\"type\":\"TEARDOWN\",\"teardown\":{\"framework_id\":{\"value\":\"M-0000\"}}}"))
        .isEqualTo(new OperatorReply.Teardown("M-0000"));
    assertThat(call("{\"type\":\"TEARDOWN\",\"teardown\":{\"framework_id\":{\"value\":\"M-0001\"}}}"))
        .isEqualTo(new Failed(400, "No framework found with ID M-0001"));
    assertThat(call("{\"type\":\"TEARDOWN\"}")).isEqualTo(new Failed(400,
        "Failed to validate master::Call: Expecting 'teardown' with 'framework_id' to be present"));
  }

  @Test
  void markAgentGoneNamesAKnownAgent() {
    assertThat(call("{\"type\":\"MARK_AGENT_GONE\",\"mark_agent_gone\":{\"agent_id\":{\"value\":\"M-S1\"}}}"))
        .isEqualTo(new OperatorReply.MarkAgentGone("M-S1"));
    assertThat(call("{\"type\":\"MARK_AGENT_GONE\",\"mark_agent_gone\":{\"agent_id\":{\"value\":\"M-S9\"}}}"))
        .isEqualTo(new Failed(404, "Agent 'M-S9' not found"));
    assertThat(call("{\"type\":\"MARK_AGENT_GONE\",\"mark_agent_gone\":{}}")).isEqualTo(new Failed(400,
        "Failed to validate master::Call: Expecting 'mark_agent_gone' with 'agent_id' to be present"));
  }

  @Test
  void malformedCallsAre400() {
    assertThat(call("{not json")).isInstanceOfSatisfying(Failed.class, f -> {
      assertThat(f.httpStatus()).isEqualTo(400);
      assertThat(f.message()).startsWith("Failed to parse body into JSON: ");
    });
    assertThat(OperatorApi.handle(new byte[0], s.c.core, Cluster.IDENTITY, 0))
        .isInstanceOfSatisfying(Failed.class, f -> assertThat(f.httpStatus()).isEqualTo(400));
    assertThat(call("[1,2]")).isEqualTo(new Failed(400,
        "Failed to parse body into JSON: expected a JSON object such as {\"type\":\"GET_HEALTH\"}"));
    assertThat(call("{}")).isEqualTo(new Failed(400,
        "Failed to validate master::Call: Expecting 'type' to be present"));
    assertThat(call("{\"type\":9}")).isEqualTo(new Failed(400,
        "Failed to convert JSON into Call protobuf: 'type' must be a string such as \"GET_STATE\""));
    assertThat(call("{\"type\":\"GET_EVERYTHING\"}")).isEqualTo(new Failed(400,
        "Failed to convert JSON into Call protobuf: unknown call type 'GET_EVERYTHING'; see the "
            + "mesos.v1.master.Call.Type names (e.g. GET_STATE)"));
  }

  @Test
  void mesosCallsDroverDoesNotImplementAre501() {
    assertThat(call("{\"type\":\"SET_QUOTA\"}")).isEqualTo(new Failed(501, "SET_QUOTA is not supported by Drover"));
    assertThat(call("{\"type\":\"START_MAINTENANCE\",\"start_maintenance\":{}}"))
        .isEqualTo(new Failed(501, "START_MAINTENANCE is not supported by Drover"));
    assertThat(call("{\"type\":\"UNKNOWN\"}")).isEqualTo(new Failed(501, "Call type UNKNOWN is not implemented"));
  }

  @Test
  void unknownFieldsAreIgnoredAsInMesos() {
    assertJson(ok("{\"type\":\"GET_HEALTH\",\"extra\":{\"x\":1}}"), """
        {"type":"GET_HEALTH","get_health":{"healthy":true}}""");
  }

  @Test
  void updateQuotaIsValidatedAndHandedToTheDriver() {
    assertThat(call("""
        {"type":"UPDATE_QUOTA","update_quota":{"quota_configs":[
          {"role":"eng","guarantees":{"cpus":{"value":0.5}},"limits":{"cpus":{"value":2},"mem":{"value":512}}},
          {"role":"ops"}]}}"""))
        .isEqualTo(new OperatorReply.UpdateQuota(Map.of(
            "eng", new Quota(Map.of("cpus", 500L), Map.of("cpus", 2000L, "mem", 512_000L)), "ops", Quota.NONE)));
  }

  @Test
  void badQuotaIs400WithTheReason() {
    assertThat(call("{\"type\":\"UPDATE_QUOTA\"}")).isEqualTo(new Failed(400,
        "Failed to validate master::Call: Expecting 'update_quota' to be present"));
    assertThat(call("""
        {"type":"UPDATE_QUOTA","update_quota":{"quota_configs":[
          {"role":"eng","guarantees":{"cpus":{"value":2}},"limits":{"cpus":{"value":1}}}]}}"""))
        .isEqualTo(new Failed(400, "Failed to validate update quota request: quota config of role 'eng': "
            + "quota guarantee cpus:2 exceeds its limit 1"));
    assertThat(call("""
        {"type":"UPDATE_QUOTA","update_quota":{"quota_configs":[{"role":"a b"}]}}"""))
        .isInstanceOfSatisfying(Failed.class, f -> assertThat(f.message()).contains("role 'a b' contains whitespace"));
    assertThat(call("""
        {"type":"UPDATE_QUOTA","update_quota":{"quota_configs":[{"role":"eng","limits":{"cpus":{"value":-1}}}]}}"""))
        .isInstanceOfSatisfying(Failed.class, f -> assertThat(f.message()).contains("must be {\"value\":N} with N >= 0"));
    String tooMuch = """
        {"type":"UPDATE_QUOTA","update_quota":{%s"quota_configs":[{"role":"eng","guarantees":{"cpus":{"value":1000}}}]}}""";
    assertThat(call(tooMuch.formatted(""))).isInstanceOfSatisfying(Failed.class, f -> {
      assertThat(f.httpStatus()).isEqualTo(400);
      assertThat(f.message()).contains("total quota guarantees of cpus (1000) exceed the cluster's")
          .contains("set 'force'");
    });
    assertThat(call(tooMuch.formatted("\"force\":true,"))).isInstanceOf(OperatorReply.UpdateQuota.class);
  }

  @Test
  void getQuotaListsConfigsAndGuarantees() {
    assertJson(ok("{\"type\":\"GET_QUOTA\"}"), "{\"type\":\"GET_QUOTA\",\"get_quota\":{\"status\":{}}}");
    s.c.core.allocator().setQuota("eng", new Quota(Map.of("cpus", 500L), Map.of("mem", 512_000L)));
    assertJson(ok("{\"type\":\"GET_QUOTA\"}"), """
        {"type":"GET_QUOTA","get_quota":{"status":{
          "infos":[{"role":"eng","guarantee":[{"name":"cpus","type":"SCALAR","scalar":{"value":0.5}}]}],
          "configs":[{"role":"eng","guarantees":{"cpus":{"value":0.5}},"limits":{"mem":{"value":512.0}}}]}}}""");
  }
}
