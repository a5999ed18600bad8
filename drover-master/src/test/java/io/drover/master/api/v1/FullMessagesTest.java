package io.drover.master.api.v1;

import static io.drover.master.api.v1.GoldenJsonTest.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.common.mesos.TaskStatusReason;
import org.junit.jupiter.api.Test;

/** Every modelled field of the bigger messages, so a misspelt snake_case name fails the tree comparison. */
final class FullMessagesTest {
  @Test
  void frameworkInfoWithEveryField() throws Exception {
    FrameworkInfo f = roundTrip("""
        {"user":"root","name":"marathon","id":{"value":"M-0000"},"failover_timeout":604800.0,"checkpoint":true,
         "role":"legacy","hostname":"h1","principal":"p","webui_url":"http://h1:8080",
         "capabilities":[{"type":"REGION_AWARE"}],"labels":{"labels":[{"key":"k","value":"v"}]},
         "offer_filters":{"web":{"min_allocatable_resources":{"quantities":[{"quantities":{"cpus":{"value":0.5}}}]}}}}""",
        FrameworkInfo.class);
    assertThat(f.webuiUrl()).isEqualTo("http://h1:8080");
    assertThat(f.offerFilters().get("web").minAllocatableResources().quantities().get(0).quantities().get("cpus"))
        .isEqualTo(new Value.Scalar(0.5));
  }

  @Test
  void taskInfoWithEveryModelledPart() throws Exception {
    TaskInfo t = roundTrip("""
        {"name":"api","task_id":{"value":"api.1"},"agent_id":{"value":"M-S0"},
         "resources":[{"name":"mem","type":"SCALAR","scalar":{"value":128.0}}],
         "command":{"shell":false,"value":"/bin/server","arguments":["server","--port","8080"],"user":"nobody",
           "environment":{"variables":[{"name":"PORT","type":"VALUE","value":"8080"}]},
           "uris":[{"value":"http://x/app.tgz","executable":false,"extract":true,"cache":true,"output_file":"app.tgz"}]},
         "container":{"type":"DOCKER","hostname":"api",
           "docker":{"image":"img:1","network":"USER","privileged":true,"force_pull_image":true,
             "parameters":[{"key":"label","value":"a=b"}],
             "port_mappings":[{"host_port":31001,"container_port":8080,"protocol":"udp"}]},
           "volumes":[{"mode":"RO","container_path":"/data","host_path":"/srv/data"}],
           "network_infos":[{"name":"overlay","groups":["g"],"labels":{"labels":[{"key":"a"}]},
             "ip_addresses":[{"protocol":"IPv6"}],
             "port_mappings":[{"host_port":1,"container_port":2,"protocol":"tcp"}]}]},
         "health_check":{"type":"HTTP","http":{"protocol":"IPv4","scheme":"http","port":8080,"path":"/health",
             "statuses":[200,204]},
           "delay_seconds":15.0,"interval_seconds":10.0,"timeout_seconds":20.0,"consecutive_failures":3,
           "grace_period_seconds":300.0},
         "kill_policy":{"grace_period":{"nanoseconds":3000000000}},
         "data":"AAE=","labels":{"labels":[{"key":"owner","value":"team"}]},
         "discovery":{"visibility":"FRAMEWORK","name":"api","environment":"prod","location":"eu","version":"1",
           "ports":{"ports":[{"number":31001,"name":"http","protocol":"tcp","visibility":"CLUSTER"}]}},
         "max_completion_time":{"nanoseconds":60000000000},
         "limits":{"cpus":{"value":2.0}}}""", TaskInfo.class);
    assertThat(t.command().shellOrDefault()).isFalse();
    assertThat(t.command().uris().get(0).outputFile()).isEqualTo("app.tgz");
    assertThat(t.container().volumes().get(0).mode()).isEqualTo(Volume.Mode.RO);
    assertThat(t.container().docker().forcePullImage()).isTrue();
    assertThat(t.healthCheck().http().statuses()).containsExactly(200, 204);
    assertThat(t.healthCheck().gracePeriodSeconds()).isEqualTo(300.0);
    assertThat(t.discovery().ports().ports().get(0).visibility()).isEqualTo(DiscoveryInfo.Visibility.CLUSTER);
    assertThat(t.data()).isEqualTo(Bytes.of(new byte[] {0, 1}));
  }

  @Test
  void tcpAndCommandHealthChecksAndExecutorTask() throws Exception {
    TaskInfo t = roundTrip("""
        {"name":"e","task_id":{"value":"e.1"},"agent_id":{"value":"M-S0"},
         "executor":{"type":"CUSTOM","executor_id":{"value":"ex"},"framework_id":{"value":"M-0000"},
           "command":{"value":"./executor"},"name":"my executor","shutdown_grace_period":{"nanoseconds":5000000000}},
         "health_check":{"type":"TCP","tcp":{"port":9000}}}""", TaskInfo.class);
    assertThat(t.executor().type()).isEqualTo(ExecutorInfo.Type.CUSTOM);
    assertThat(t.healthCheck().tcp().port()).isEqualTo(9000);
    HealthCheck cmd = roundTrip("{\"type\":\"COMMAND\",\"command\":{\"value\":\"true\"}}", HealthCheck.class);
    assertThat(cmd.command().value()).isEqualTo("true");
  }

  @Test
  void taskStatusWithReasonAndUnreachableTime() throws Exception {
    TaskStatus s = roundTrip("""
        {"task_id":{"value":"t"},"state":"TASK_UNREACHABLE","message":"agent removed","source":"SOURCE_MASTER",
         "reason":"REASON_AGENT_REMOVED","healthy":false,"labels":{"labels":[]},
         "unreachable_time":{"nanoseconds":1700000000000000000}}""", TaskStatus.class);
    assertThat(s.reason()).isEqualTo(TaskStatusReason.REASON_AGENT_REMOVED);
    assertThat(s.unreachableTime().nanoseconds()).isEqualTo(1_700_000_000_000_000_000L);
    assertThat(s.state().isTerminal()).isFalse();
  }

  @Test
  void masterInfoInSubscribed() throws Exception {
    Event e = roundTrip("""
        {"type":"SUBSCRIBED","subscribed":{"framework_id":{"value":"M-0000"},"heartbeat_interval_seconds":15.0,
         "master_info":{"id":"M","ip":3232235777,"port":5050,"pid":"master@192.168.1.1:5050","hostname":"m1",
           "version":"1.11.0","address":{"hostname":"m1","ip":"192.168.1.1","port":5050},
           "capabilities":[{"type":"AGENT_UPDATE"},{"type":"QUOTA_V2"}]}}}""", Event.class);
    MasterInfo mi = e.subscribed().masterInfo();
    assertThat(mi.ip()).isEqualTo(3232235777L);
    assertThat(mi.address().ip()).isEqualTo("192.168.1.1");
    assertThat(mi.capabilities()).extracting(MasterInfo.Capability::type)
        .containsExactly(MasterInfo.CapabilityType.AGENT_UPDATE, MasterInfo.CapabilityType.QUOTA_V2);
  }

  @Test
  void otherCallsAndEvents() throws Exception {
    roundTrip("""
        {"framework_id":{"value":"F"},"type":"KILL","kill":{"task_id":{"value":"t"},"agent_id":{"value":"a"},
         "kill_policy":{"grace_period":{"nanoseconds":1}}}}""", Call.class);
    roundTrip("""
        {"framework_id":{"value":"F"},"type":"SHUTDOWN","shutdown":{"executor_id":{"value":"e"},"agent_id":{"value":"a"}}}""",
        Call.class);
    roundTrip("""
        {"framework_id":{"value":"F"},"type":"RECONCILE","reconcile":{"tasks":[{"task_id":{"value":"t"},"agent_id":{"value":"a"}}]}}""",
        Call.class);
    roundTrip("""
        {"framework_id":{"value":"F"},"type":"MESSAGE","message":{"agent_id":{"value":"a"},"executor_id":{"value":"e"},"data":"aGk="}}""",
        Call.class);
    roundTrip("""
        {"framework_id":{"value":"F"},"type":"DECLINE","decline":{"offer_ids":[{"value":"o1"},{"value":"o2"}],
         "filters":{"refuse_seconds":1.0E300}}}""", Call.class);
    roundTrip("""
        {"framework_id":{"value":"F"},"type":"ACCEPT","accept":{"offer_ids":[{"value":"o"}],"operations":[
          {"type":"LAUNCH_GROUP","id":{"value":"op1"},"launch_group":{"executor":{"type":"DEFAULT","executor_id":{"value":"x"}},
            "task_group":{"tasks":[{"name":"a","task_id":{"value":"a"},"agent_id":{"value":"s"}}]}}},
          {"type":"RESERVE","reserve":{"resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":1.0},
            "reservations":[{"type":"DYNAMIC","role":"web","principal":"ops","labels":{"labels":[{"key":"k","value":"v"}]}}]}]}},
          {"type":"UNRESERVE","unreserve":{"resources":[]}},
          {"type":"CREATE","create":{"volumes":[]}},{"type":"DESTROY","destroy":{"volumes":[]}}]}}""", Call.class);
    roundTrip("{\"type\":\"RESCIND\",\"rescind\":{\"offer_id\":{\"value\":\"o\"}}}", Event.class);
    roundTrip("""
        {"type":"FAILURE","failure":{"agent_id":{"value":"a"},"executor_id":{"value":"e"},"status":137}}""", Event.class);
    roundTrip("""
        {"type":"MESSAGE","message":{"agent_id":{"value":"a"},"executor_id":{"value":"e"},"data":"aGk="}}""", Event.class);
    assertThat(ApiJson.read("{\"type\":\"HEARTBEAT\"}", Event.class)).isEqualTo(Event.heartbeat());
  }
}
