package io.drover.master.api.operator;

import static io.drover.master.api.operator.Json.ports;
import static io.drover.master.api.operator.Json.scalar;
import static io.drover.master.api.operator.Json.total;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.common.mesos.TaskState;
import io.drover.common.resources.Attributes;
import io.drover.master.cluster.AgentInfo;
import io.drover.master.cluster.Command;
import io.drover.master.cluster.Effect;
import io.drover.master.cluster.Offer;
import io.drover.master.cluster.ReportedTask;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The operator events each kind of command produces, exactly and in order. */
class OperatorEventsTest {
  final Cluster c = new Cluster();

  /** Runs the command on the core and returns the events it causes, as they go over the wire. */
  List<JsonNode> events(Command command) {
    List<Effect> effects = c.run(command);
    return OperatorApi.events(command, effects, c.core).stream().map(Cluster::wire).toList();
  }

  static List<JsonNode> expect(String... json) { return List.of(json).stream().map(Cluster::json).toList(); }

  static final String A1_INFO = """
      {"hostname":"a1","port":5051,"resources":[%s,%s],"id":{"value":"M-S0"}}"""
      .formatted(total(scalar("cpus", 2)), total(scalar("mem", 512)));

  @Test
  void registrationAddsAnAgent() {
    assertThat(events(new Command.RegisterAgent(new AgentInfo("a1", 5051, Cluster.res("cpus:2;mem:512"),
        Attributes.EMPTY), 1000))).isEqualTo(expect("""
        {"type":"AGENT_ADDED","agent_added":{"agent":{"agent_info":%s,"active":true,"deactivated":false,
          "version":"1.11.0","pid":"slave(1)@a1:5051","registered_time":{"nanoseconds":1000000000},
          "total_resources":[%s,%s]}}}""".formatted(A1_INFO, total(scalar("cpus", 2)), total(scalar("mem", 512)))));
  }

  @Test
  void subscribeAddsAndResubscribeUpdatesTheFramework() {
    assertThat(events(new Command.Subscribe(Cluster.info(null, "web", true, 60), "s1", Set.of(), 2000)))
        .isEqualTo(expect("""
            {"type":"FRAMEWORK_ADDED","framework_added":{"framework":{
              "framework_info":{"user":"root","name":"web","id":{"value":"M-0000"},"failover_timeout":60.0,
                                "checkpoint":true,"role":"*","capabilities":[{"type":"PARTITION_AWARE"}]},
              "active":true,"connected":true,"recovered":false,
              "registered_time":{"nanoseconds":2000000000},"reregistered_time":{"nanoseconds":2000000000}}}}"""));
    c.run(new Command.Disconnect("M-0000", "s1", 2500));
    assertThat(events(new Command.Subscribe(Cluster.info("M-0000", "web2", true, 60), "s2", Set.of(), 3000)))
        .isEqualTo(expect("""
            {"type":"FRAMEWORK_UPDATED","framework_updated":{"framework":{
              "framework_info":{"user":"root","name":"web2","id":{"value":"M-0000"},"failover_timeout":60.0,
                                "checkpoint":true,"role":"*","capabilities":[{"type":"PARTITION_AWARE"}]},
              "active":true,"connected":true,"recovered":false,
              "registered_time":{"nanoseconds":2000000000},"reregistered_time":{"nanoseconds":3000000000}}}}"""));
  }

  @Test
  void aRejectedCommandCausesNoEvents() {
    assertThat(events(new Command.Subscribe(new io.drover.master.cluster.FrameworkInfo(null, "x", "root", Set.of(),
        Set.of(), 0, false), "s", Set.of(), 0))).isEmpty();
    assertThat(events(new Command.Teardown("M-0042", 0))).isEmpty();
  }

  @Test
  void launchAddsTasksAndUpdatesFollowThem() {
    String a1 = c.agent("a1", "cpus:2;mem:512;ports:[31000-31001]", "", 1000);
    String fw = c.framework("web", true, 60, "s1", 2000);
    Offer offer = c.allocate(3000).get(0);
    List<JsonNode> launched = events(new Command.Accept(fw, List.of(offer.offerId()), List.of(
        Cluster.task("t1", a1, "cpus:1;mem:64;ports:[31000-31000]"),
        Cluster.task("t1", a1, "cpus:1"), // duplicate id: TASK_ERROR, never tracked, so no TASK_UPDATED
        Cluster.task("t2", a1, "cpus:1;mem:64")), 5, 3000));
    assertThat(launched).isEqualTo(expect("""
        {"type":"TASK_ADDED","task_added":{"task":{"name":"t1","task_id":{"value":"t1"},
          "framework_id":{"value":"M-0000"},"agent_id":{"value":"M-S0"},"state":"TASK_STAGING",
          "resources":[%s,%s,%s]}}}""".formatted(scalar("cpus", 1), scalar("mem", 64), ports(31000, 31000)), """
        {"type":"TASK_ADDED","task_added":{"task":{"name":"t2","task_id":{"value":"t2"},
          "framework_id":{"value":"M-0000"},"agent_id":{"value":"M-S0"},"state":"TASK_STAGING",
          "resources":[%s,%s]}}}""".formatted(scalar("cpus", 1), scalar("mem", 64))));

    assertThat(events(new Command.StatusUpdate(fw, Cluster.fromExecutor("t1", TaskState.TASK_RUNNING, a1, 4000),
        4000))).isEqualTo(expect("""
        {"type":"TASK_UPDATED","task_updated":{"framework_id":{"value":"M-0000"},
          "status":{"task_id":{"value":"t1"},"state":"TASK_RUNNING","source":"SOURCE_EXECUTOR",
                    "agent_id":{"value":"M-S0"},"timestamp":4.0,"uuid":"%s"},
          "state":"TASK_RUNNING"}}""".formatted(Cluster.uuid("t1", TaskState.TASK_RUNNING))));
    // a terminal update: the task is completed, its latest state is the update's
    assertThat(events(new Command.StatusUpdate(fw, Cluster.fromExecutor("t2", TaskState.TASK_FAILED, a1, 4500),
        4500))).isEqualTo(expect("""
        {"type":"TASK_UPDATED","task_updated":{"framework_id":{"value":"M-0000"},
          "status":{"task_id":{"value":"t2"},"state":"TASK_FAILED","source":"SOURCE_EXECUTOR",
                    "agent_id":{"value":"M-S0"},"timestamp":4.5,"uuid":"%s"},
          "state":"TASK_FAILED"}}""".formatted(Cluster.uuid("t2", TaskState.TASK_FAILED))));
    // reconciliation answers are not task updates
    assertThat(c.run(new Command.Reconcile(fw, List.of(), 5000))).isNotEmpty();
    assertThat(events(new Command.Reconcile(fw, List.of(), 5000))).isEmpty();
    // an update for a task the master does not know is forwarded but not announced
    assertThat(events(new Command.StatusUpdate(fw, Cluster.fromExecutor("ghost", TaskState.TASK_RUNNING, a1, 5000),
        5000))).isEmpty();
  }

  @Test
  void anUnreachableAgentIsRemovedAndItsTasksUpdated() {
    String a1 = c.agent("a1", "cpus:2;mem:512", "", 1000);
    String legacy = c.framework("legacy", false, 600, "s1", 1000);
    Offer offer = c.allocate(2000).get(0);
    c.run(new Command.Accept(legacy, List.of(offer.offerId()), List.of(Cluster.task("t1", a1, "cpus:1")), 5, 2000));
    c.update(legacy, "t1", TaskState.TASK_RUNNING, a1, 3000);
    // the framework is told TASK_LOST, the master keeps the task as TASK_UNREACHABLE
    assertThat(events(new Command.Tick(76_000))).isEqualTo(expect("""
        {"type":"AGENT_REMOVED","agent_removed":{"agent_id":{"value":"M-S0"}}}""", """
        {"type":"TASK_UPDATED","task_updated":{"framework_id":{"value":"M-0000"},
          "status":{"task_id":{"value":"t1"},"state":"TASK_LOST","message":"Agent M-S0 is unreachable",
                    "source":"SOURCE_MASTER","reason":"REASON_AGENT_REMOVED","agent_id":{"value":"M-S0"},
                    "timestamp":76.0,"unreachable_time":{"nanoseconds":76000000000}},
          "state":"TASK_UNREACHABLE"}}"""));
    // it comes back: added again, re-registered; the non-partition-aware framework's task is killed (no update sent)
    List<JsonNode> back = events(new Command.ReregisterAgent(a1, new AgentInfo("a1", 5051,
        Cluster.res("cpus:2;mem:512"), Attributes.EMPTY), List.of(new ReportedTask(legacy, "t1", "t1", "*",
        Cluster.res("cpus:1"), TaskState.TASK_RUNNING)), 80_000));
    assertThat(back).isEqualTo(expect("""
        {"type":"AGENT_ADDED","agent_added":{"agent":{"agent_info":{"hostname":"a1","port":5051,
            "resources":[%s,%s],"id":{"value":"M-S0"}},
          "active":true,"deactivated":false,"version":"1.11.0","pid":"slave(1)@a1:5051",
          "registered_time":{"nanoseconds":80000000000},"reregistered_time":{"nanoseconds":80000000000},
          "total_resources":[%s,%s]}}}""".formatted(total(scalar("cpus", 2)), total(scalar("mem", 512)),
        total(scalar("cpus", 2)), total(scalar("mem", 512)))));
    // a reconnect of a registered agent is not a new agent
    assertThat(events(new Command.ReregisterAgent(a1, new AgentInfo("a1", 5051, Cluster.res("cpus:2;mem:512"),
        Attributes.EMPTY), List.of(), 81_000))).isEmpty();
  }

  @Test
  void markAgentGoneRemovesTheAgentAndEndsItsTasks() {
    String a1 = c.agent("a1", "cpus:2;mem:512", "", 1000);
    String pa = c.framework("pa", true, 600, "s1", 1000);
    Offer offer = c.allocate(2000).get(0);
    c.run(new Command.Accept(pa, List.of(offer.offerId()), List.of(Cluster.task("t1", a1, "cpus:1")), 5, 2000));
    assertThat(events(new Command.MarkAgentGone(a1, 9000))).isEqualTo(expect("""
        {"type":"AGENT_REMOVED","agent_removed":{"agent_id":{"value":"M-S0"}}}""", """
        {"type":"TASK_UPDATED","task_updated":{"framework_id":{"value":"M-0000"},
          "status":{"task_id":{"value":"t1"},"state":"TASK_GONE_BY_OPERATOR",
                    "message":"Agent M-S0 marked gone by the operator","source":"SOURCE_MASTER",
                    "reason":"REASON_AGENT_REMOVED_BY_OPERATOR","agent_id":{"value":"M-S0"},"timestamp":9.0},
          "state":"TASK_GONE_BY_OPERATOR"}}"""));
  }

  static final String OLD_INFO = """
      {"user":"root","name":"old","id":{"value":"M-0000"},"failover_timeout":30.0,"checkpoint":true,"role":"*"}""";

  @Test
  void teardownRemovesTheFramework() {
    String fw = c.framework("old", false, 30, "s1", 1000);
    assertThat(events(new Command.Teardown(fw, 5000))).isEqualTo(expect("""
        {"type":"FRAMEWORK_REMOVED","framework_removed":{"framework_info":%s}}""".formatted(OLD_INFO)));
  }

  @Test
  void anExpiredFailoverTimeoutRemovesTheFramework() {
    String fw = c.framework("old", false, 30, "s1", 1000);
    c.run(new Command.Disconnect(fw, "s1", 2000));
    assertThat(events(new Command.Tick(31_999))).isEmpty();
    assertThat(events(new Command.Tick(32_000))).isEqualTo(expect("""
        {"type":"FRAMEWORK_REMOVED","framework_removed":{"framework_info":%s}}""".formatted(OLD_INFO)));
    assertThat(events(new Command.Tick(33_000))).isEmpty();
  }
}
