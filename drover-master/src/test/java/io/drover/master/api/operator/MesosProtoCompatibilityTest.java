package io.drover.master.api.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.drover.common.mesos.TaskState;
import io.drover.master.api.v1.ApiJson;
import io.drover.master.cluster.Command;
import io.drover.master.cluster.Effect;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Event;
import org.apache.mesos.v1.master.Protos.Response;
import org.junit.jupiter.api.Test;

/**
 * The operator JSON parses as the real Mesos 1.11.0 {@code mesos.v1.master} messages: protobuf's JSON parser rejects
 * unknown field names and enum values, and {@code build()} rejects missing required fields; and calls printed from
 * the Mesos protos are understood.
 */
class MesosProtoCompatibilityTest {
  final Scenario s = new Scenario();

  static <T extends Message.Builder> T parse(JsonNode json, T builder) {
    try {
      JsonFormat.parser().merge(ApiJson.write(json), builder);
      return builder;
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("not a valid Mesos message: " + e.getMessage() + "\n" + json.toPrettyString(), e);
    }
  }

  JsonNode call(String type) {
    OperatorReply reply = OperatorApi.handle(("{\"type\":\"" + type + "\"}").getBytes(StandardCharsets.UTF_8),
        s.c.core, Cluster.IDENTITY, 90_000);
    assertThat(reply).isInstanceOf(OperatorReply.Ok.class);
    return ((OperatorReply.Ok) reply).body();
  }

  @Test
  void everyResponseIsAValidMesosResponse() {
    s.c.core.allocator().updateWeights(Map.of("eng", 2.0));
    for (String type : List.of("GET_HEALTH", "GET_FLAGS", "GET_VERSION", "GET_STATE", "GET_AGENTS", "GET_FRAMEWORKS",
        "GET_EXECUTORS", "GET_TASKS", "GET_ROLES", "GET_WEIGHTS", "GET_MASTER")) {
      Response response = parse(call(type), Response.newBuilder()).build();
      assertThat(response.getType().name()).isEqualTo(type);
    }
    Response state = parse(call("GET_STATE"), Response.newBuilder()).build();
    Response.GetTasks tasks = state.getGetState().getGetTasks();
    assertThat(tasks.getTasksList()).extracting(t -> t.getTaskId().getValue()).containsExactly("web-1");
    assertThat(tasks.getUnreachableTasksList()).extracting(t -> t.getState().name())
        .containsExactly("TASK_UNREACHABLE");
    assertThat(tasks.getCompletedTasks(0).getStatuses(0).getUuid().toStringUtf8())
        .isEqualTo("uuid-batch-1-TASK_FINISHED");
    assertThat(state.getGetState().getGetAgents().getAgents(0).getAgentInfo().getAttributes(0).getText().getValue())
        .isEqualTo("r1");
    assertThat(state.getGetState().getGetFrameworks().getFrameworks(0).getOffers(0).getResourcesList())
        .extracting(r -> r.getName()).containsExactly("cpus", "mem", "ports");
    assertThat(parse(call("GET_MASTER"), Response.newBuilder()).build().getGetMaster().getMasterInfo().getPort())
        .isEqualTo(5050);
  }

  @Test
  void subscribedHeartbeatAndEveryEventAreValidMesosEvents() {
    List<JsonNode> events = new ArrayList<>();
    events.add(OperatorApi.subscribed(s.c.core, Cluster.IDENTITY, 90_000));
    events.add(OperatorApi.heartbeat());
    Cluster c = new Cluster();
    List<Command> commands = new ArrayList<>();
    commands.add(new Command.RegisterAgent(new io.drover.master.cluster.AgentInfo("a1", 5051,
        Cluster.res("cpus:2;mem:512;ports:[31000-31001]"), io.drover.common.resources.ResourcesParser
            .parseAttributes("rack:r1")), 1000));
    commands.add(new Command.Subscribe(Cluster.info(null, "web", false, 10), "s1", Set.of(), 1000));
    commands.add(new Command.Subscribe(Cluster.info("M-0000", "web", false, 10), "s2", Set.of(), 1500));
    commands.add(new Command.Allocate(2000));
    commands.add(new Command.Accept("M-0000", List.of("M-O0"), List.of(Cluster.task("t1", "M-S0",
        "cpus:1;ports:[31000-31000]")), 5, 2000));
    commands.add(new Command.StatusUpdate("M-0000", Cluster.fromExecutor("t1", TaskState.TASK_RUNNING, "M-S0", 3000),
        3000));
    commands.add(new Command.Tick(80_000));
    commands.add(new Command.Teardown("M-0000", 90_000));
    Set<String> types = new java.util.TreeSet<>();
    for (Command command : commands) {
      List<Effect> effects = c.run(command);
      events.addAll(OperatorApi.events(command, effects, c.core));
    }
    for (JsonNode json : events) {
      Event event = parse(json, Event.newBuilder()).build();
      types.add(event.getType().name());
    }
    assertThat(types).containsExactlyInAnyOrder("SUBSCRIBED", "HEARTBEAT", "AGENT_ADDED", "FRAMEWORK_ADDED",
        "FRAMEWORK_UPDATED", "TASK_ADDED", "TASK_UPDATED", "AGENT_REMOVED", "FRAMEWORK_REMOVED");
  }

  @Test
  void callsPrintedFromTheMesosProtosAreUnderstood() throws InvalidProtocolBufferException {
    JsonFormat.Printer printer = JsonFormat.printer().preservingProtoFieldNames();
    Call updateWeights = Call.newBuilder().setType(Call.Type.UPDATE_WEIGHTS)
        .setUpdateWeights(Call.UpdateWeights.newBuilder()
            .addWeightInfos(org.apache.mesos.v1.Protos.WeightInfo.newBuilder().setRole("eng").setWeight(3.0)))
        .build();
    Call teardown = Call.newBuilder().setType(Call.Type.TEARDOWN).setTeardown(Call.Teardown.newBuilder()
        .setFrameworkId(org.apache.mesos.v1.Protos.FrameworkID.newBuilder().setValue("M-0000"))).build();
    Call gone = Call.newBuilder().setType(Call.Type.MARK_AGENT_GONE).setMarkAgentGone(Call.MarkAgentGone.newBuilder()
        .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue("M-S0"))).build();
    assertThat(handle(printer.print(updateWeights))).isEqualTo(new OperatorReply.UpdateWeights(Map.of("eng", 3.0)));
    assertThat(handle(printer.print(teardown))).isEqualTo(new OperatorReply.Teardown("M-0000"));
    assertThat(handle(printer.print(gone))).isEqualTo(new OperatorReply.MarkAgentGone("M-S0"));
    assertThat(handle(printer.print(Call.newBuilder().setType(Call.Type.SUBSCRIBE).build())))
        .isEqualTo(new OperatorReply.Subscribe());
  }

  OperatorReply handle(String json) {
    return OperatorApi.handle(json.getBytes(StandardCharsets.UTF_8), s.c.core, Cluster.IDENTITY, 90_000);
  }
}
