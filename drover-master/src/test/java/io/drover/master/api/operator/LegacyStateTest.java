package io.drover.master.api.operator;

import static io.drover.master.api.operator.Cluster.assertJson;

import io.drover.common.resources.ResourcesParser;
import org.junit.jupiter.api.Test;

/** {@code /master/state} and {@code /master/state-summary} of the known {@link Scenario}, exactly. */
class LegacyStateTest {
  final Scenario s = new Scenario();

  static final String A1_RES = """
      {"cpus":4.0,"disk":0.0,"gpus":0.0,"mem":1024.0,"ports":"[31000-31005]"}""";
  static final String USED = """
      {"cpus":1.0,"disk":0.0,"gpus":0.0,"mem":128.0,"ports":"[31000-31000]"}""";
  static final String OFFERED = """
      {"cpus":3.0,"disk":0.0,"gpus":0.0,"mem":896.0,"ports":"[31001-31005]"}""";
  static final String NONE = """
      {"cpus":0.0,"disk":0.0,"gpus":0.0,"mem":0.0}""";

  static final String SLAVE = """
      "id":"M-S0","hostname":"a1","port":5051,"attributes":{"rack":"r1"},"pid":"slave(1)@a1:5051",
      "registered_time":1.0,"resources":%s,"used_resources":%s,"offered_resources":%s,"reserved_resources":{},
      "unreserved_resources":%s,"active":true,"deactivated":false,"version":"1.11.0","capabilities":[]"""
      .formatted(A1_RES, USED, OFFERED, A1_RES);

  static final String WEB_SUMMARY = """
      "id":"M-0000","name":"web","used_resources":%s,"offered_resources":%s,"capabilities":["PARTITION_AWARE"],
      "hostname":"","webui_url":"","active":true,"connected":true,"recovered":false""".formatted(USED, OFFERED);

  @Test
  void stateHasMesosKeysAndValues() {
    assertJson(OperatorApi.state(s.c.core, Cluster.IDENTITY, 90_000), """
        {"version":"1.11.0","git_tag":"drover-0.3.0","build_date":"","build_time":0.0,"build_user":"drover",
         "start_time":0.5,"elected_time":0.7,"id":"master-1","pid":"master@127.0.0.1:5050","hostname":"m1",
         "capabilities":[],"activated_slaves":1.0,"deactivated_slaves":0.0,"unreachable_slaves":1.0,
         "leader":"master@127.0.0.1:5050",
         "leader_info":{"id":"master-1","pid":"master@127.0.0.1:5050","port":5050,"hostname":"m1"},
         "cluster":"test",
         "flags":{"agent_ping_timeout":"15secs","cluster":"test","max_agent_ping_timeouts":"5"},
         "slaves":[{%s}],
         "recovered_slaves":[],
         "frameworks":[{%s,
           "user":"root","failover_timeout":100.0,"checkpoint":true,"registered_time":2.0,"unregistered_time":0.0,
           "resources":{"cpus":4.0,"disk":0.0,"gpus":0.0,"mem":1024.0,"ports":"[31000-31005]"},"role":"*",
           "tasks":[{"id":"web-1","name":"web-1","framework_id":"M-0000","executor_id":"","slave_id":"M-S0",
                     "state":"TASK_RUNNING","resources":%s,"role":"*",
                     "statuses":[{"state":"TASK_RUNNING","timestamp":4.0}]}],
           "unreachable_tasks":[{"id":"db-1","name":"db-1","framework_id":"M-0000","executor_id":"","slave_id":"M-S1",
                     "state":"TASK_UNREACHABLE","resources":{"cpus":1.0,"disk":0.0,"gpus":0.0,"mem":256.0},
                     "role":"*","statuses":[{"state":"TASK_UNREACHABLE","timestamp":78.5}]}],
           "completed_tasks":[{"id":"batch-1","name":"batch-1","framework_id":"M-0000","executor_id":"",
                     "slave_id":"M-S0","state":"TASK_FINISHED",
                     "resources":{"cpus":1.0,"disk":0.0,"gpus":0.0,"mem":100.0},"role":"*",
                     "statuses":[{"state":"TASK_FINISHED","timestamp":5.0}]}],
           "offers":[{"id":"M-O2","framework_id":"M-0000","allocation_info":{"role":"*"},"slave_id":"M-S0",
                      "resources":%s}],
           "executors":[],"offer_constraints":{}}],
         "completed_frameworks":[{"id":"M-0001","name":"old","used_resources":%s,"offered_resources":%s,
           "capabilities":[],"hostname":"","webui_url":"","active":false,"connected":false,"recovered":false,
           "user":"root","failover_timeout":0.0,"checkpoint":true,"registered_time":6.0,"unregistered_time":7.0,
           "resources":%s,"role":"*","tasks":[],"unreachable_tasks":[],"completed_tasks":[],"offers":[],
           "executors":[],"offer_constraints":{}}],
         "orphan_tasks":[],"unregistered_frameworks":[]}"""
        .formatted(SLAVE, WEB_SUMMARY, USED, OFFERED, NONE, NONE, NONE));
  }

  @Test
  void stateSummaryCountsTasksPerStateAndMapsAgentsToFrameworks() {
    assertJson(OperatorApi.stateSummary(s.c.core, Cluster.IDENTITY, 90_000), """
        {"hostname":"m1","cluster":"test",
         "slaves":[{%s,"TASK_STAGING":0,"TASK_STARTING":0,"TASK_RUNNING":1,"TASK_KILLING":0,"TASK_FINISHED":1,
                    "TASK_KILLED":0,"TASK_FAILED":0,"TASK_LOST":0,"TASK_ERROR":0,"TASK_UNREACHABLE":0,
                    "framework_ids":["M-0000"]}],
         "frameworks":[{%s,"TASK_STAGING":0,"TASK_STARTING":0,"TASK_RUNNING":1,"TASK_KILLING":0,
                        "TASK_FINISHED":1,"TASK_KILLED":0,"TASK_FAILED":0,"TASK_LOST":0,"TASK_ERROR":0,
                        "TASK_UNREACHABLE":1,"slave_ids":["M-S0"]}]}""".formatted(SLAVE, WEB_SUMMARY));
  }

  @Test
  void reservedResourcesAttributesAndRecoveredAgents() {
    Cluster c = new Cluster();
    c.agent("a9", "cpus:2;cpus(eng):1;mem:64;disk(eng):10;ports:[1-2,5-5];gpus:1",
        "level:10;ports:[1-3];zone:{a,b};rack:r1", 100);
    assertJson(OperatorApi.state(c.core, Cluster.IDENTITY, 200).get("slaves").get(0), """
        {"id":"M-S0","hostname":"a9","port":5051,
         "attributes":{"level":10.0,"ports":"[1-3]","zone":"{a, b}","rack":"r1"},
         "pid":"slave(1)@a9:5051","registered_time":0.1,
         "resources":{"cpus":3.0,"disk":10.0,"gpus":1.0,"mem":64.0,"ports":"[1-2, 5-5]"},
         "used_resources":{"cpus":0.0,"disk":0.0,"gpus":0.0,"mem":0.0},
         "offered_resources":{"cpus":0.0,"disk":0.0,"gpus":0.0,"mem":0.0},
         "reserved_resources":{"eng":{"cpus":1.0,"disk":10.0,"gpus":0.0,"mem":0.0}},
         "unreserved_resources":{"cpus":2.0,"disk":0.0,"gpus":1.0,"mem":64.0,"ports":"[1-2, 5-5]"},
         "active":true,"deactivated":false,"version":"1.11.0","capabilities":[]}""");
    assertJson(ResourceSummary.of(ResourcesParser.parseResources("cpus:0.5;zones:{b,a}")), """
        {"cpus":0.5,"disk":0.0,"gpus":0.0,"mem":0.0,"zones":"{a, b}"}""");

    Cluster after = new Cluster(); // a new leader that recovered the registry; the agent has not come back yet
    after.run(new io.drover.master.cluster.Command.RecoverRegistry(java.util.List.of("M-S0"),
        java.util.List.of("M-S1"), java.util.List.of("M-S2"), 1000));
    var state = OperatorApi.state(after.core, Cluster.IDENTITY, 1000);
    assertJson(state.get("recovered_slaves"), """
        [{"id":"M-S0","hostname":"","port":5051,"attributes":{}}]""");
    assertJson(state.get("unreachable_slaves"), "1.0");
    assertJson(state.get("slaves"), "[]");
  }
}
