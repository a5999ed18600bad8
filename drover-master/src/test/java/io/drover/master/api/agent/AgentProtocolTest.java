package io.drover.master.api.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentProtocolTest {
  private static final ObjectMapper PLAIN = new ObjectMapper();

  static JsonNode json(String text) {
    try {
      return PLAIN.readTree(text.replace('\'', '"'));
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  static byte[] bytes(String text) { return text.replace('\'', '"').getBytes(StandardCharsets.UTF_8); }

  private static void assertCallGolden(AgentCall call, String golden) throws IOException {
    assertThat(PLAIN.readTree(AgentProtocol.encode(call))).isEqualTo(json(golden));
    assertThat(AgentProtocol.decodeCall(bytes(golden))).isEqualTo(call);
  }

  private static void assertEventGolden(AgentEvent event, String golden) throws IOException {
    assertThat(PLAIN.readTree(AgentProtocol.encode(event))).isEqualTo(json(golden));
    assertThat(AgentProtocol.decodeEvent(bytes(golden))).isEqualTo(event);
  }

  static final AgentCall.Subscribe REREGISTER = new AgentCall.Subscribe(Optional.of("a-1"), "node1", 5051,
      "cpus:4;mem:3072;ports:[31000-32000]", "rack:r1",
      List.of(new AgentCall.RunningTask("fw-1", "web.1", "web", "*", "cpus:1;mem:128", "TASK_RUNNING")), "0.1.0");

  static final AgentCall.Update UPDATE = new AgentCall.Update("a-1", "fw-1", "web.1", "TASK_FAILED",
      "SOURCE_EXECUTOR", Optional.of("REASON_COMMAND_EXECUTOR_FAILED"), Optional.of("exit 1"), "AAECAwQFBgcICQoLDA0ODw==",
      Optional.of(false), 1700000000123L, Optional.of("TASK_FAILED"));

  static final AgentEvent.Launch LAUNCH = new AgentEvent.Launch("fw-1",
      json("{'id':{'value':'fw-1'},'name':'marathon','roles':['web']}"),
      json("{'name':'web','task_id':{'value':'web.1'},'resources':[{'name':'cpus','type':'SCALAR','scalar':{'value':1}}],"
          + "'command':{'shell':true,'value':'sleep 1'}}"),
      "web");

  @Test
  void subscribeGolden() throws IOException {
    assertCallGolden(REREGISTER, "{'type':'SUBSCRIBE','subscribe':{'agent_id':'a-1','hostname':'node1','port':5051,"
        + "'resources':'cpus:4;mem:3072;ports:[31000-32000]','attributes':'rack:r1','version':'0.1.0',"
        + "'running_tasks':[{'framework_id':'fw-1','task_id':'web.1','name':'web','role':'*',"
        + "'resources':'cpus:1;mem:128','state':'TASK_RUNNING'}]}}");
  }

  @Test
  void firstSubscribeOmitsTheAgentIdAndDefaultsTheLists() throws IOException {
    AgentCall.Subscribe first =
        new AgentCall.Subscribe(Optional.empty(), "node1", 5051, "cpus:1", "", List.of(), "0.1.0");
    assertCallGolden(first, "{'type':'SUBSCRIBE','subscribe':{'hostname':'node1','port':5051,'resources':'cpus:1',"
        + "'attributes':'','running_tasks':[],'version':'0.1.0'}}");
    assertThat(AgentProtocol.decodeCall(bytes(
        "{'type':'SUBSCRIBE','subscribe':{'hostname':'node1','port':5051,'resources':'cpus:1','version':'0.1.0'}}")))
        .isEqualTo(first);
  }

  @Test
  void updateGolden() throws IOException {
    assertCallGolden(UPDATE, "{'type':'UPDATE','update':{'agent_id':'a-1','framework_id':'fw-1','task_id':'web.1',"
        + "'state':'TASK_FAILED','source':'SOURCE_EXECUTOR','reason':'REASON_COMMAND_EXECUTOR_FAILED',"
        + "'message':'exit 1','uuid':'AAECAwQFBgcICQoLDA0ODw==','healthy':false,'timestamp_ms':1700000000123,"
        + "'latest_state':'TASK_FAILED'}}");
  }

  @Test
  void updateWithoutOptionalsOmitsThem() throws IOException {
    AgentCall.Update bare = new AgentCall.Update("a-1", "fw-1", "t", "TASK_RUNNING", "SOURCE_EXECUTOR",
        Optional.empty(), Optional.empty(), "AA==", Optional.empty(), 5, Optional.empty());
    assertCallGolden(bare, "{'type':'UPDATE','update':{'agent_id':'a-1','framework_id':'fw-1','task_id':'t',"
        + "'state':'TASK_RUNNING','source':'SOURCE_EXECUTOR','uuid':'AA==','timestamp_ms':5}}");
  }

  @Test
  void heartbeatGolden() throws IOException {
    assertCallGolden(new AgentCall.Heartbeat("a-1"), "{'type':'HEARTBEAT','heartbeat':{'agent_id':'a-1'}}");
  }

  @Test
  void subscribedGolden() throws IOException {
    assertEventGolden(new AgentEvent.Subscribed("a-1", 15000, 75000), "{'type':'SUBSCRIBED','subscribed':"
        + "{'agent_id':'a-1','heartbeat_interval_ms':15000,'ping_timeout_ms':75000}}");
  }

  @Test
  void launchGoldenCarriesTheV1ObjectsUntouched() throws IOException {
    assertEventGolden(LAUNCH, "{'type':'LAUNCH','launch':{'framework_id':'fw-1','role':'web',"
        + "'framework_info':{'id':{'value':'fw-1'},'name':'marathon','roles':['web']},"
        + "'task_info':{'name':'web','task_id':{'value':'web.1'},"
        + "'resources':[{'name':'cpus','type':'SCALAR','scalar':{'value':1}}],"
        + "'command':{'shell':true,'value':'sleep 1'}}}}");
    AgentEvent.Launch decoded = (AgentEvent.Launch) AgentProtocol.decodeEvent(AgentProtocol.encode(LAUNCH));
    assertThat(decoded.taskInfo().path("task_id").path("value").asText()).isEqualTo("web.1");
  }

  @Test
  void killAcknowledgedShutdownPingErrorGolden() throws IOException {
    assertEventGolden(new AgentEvent.Kill("fw-1", "web.1", 3000),
        "{'type':'KILL','kill':{'framework_id':'fw-1','task_id':'web.1','grace_period_ms':3000}}");
    assertEventGolden(new AgentEvent.Acknowledged("fw-1", "web.1", "AA=="),
        "{'type':'ACKNOWLEDGED','acknowledged':{'framework_id':'fw-1','task_id':'web.1','uuid':'AA=='}}");
    assertEventGolden(new AgentEvent.ShutdownFramework("fw-1"),
        "{'type':'SHUTDOWN_FRAMEWORK','shutdown_framework':{'framework_id':'fw-1'}}");
    assertEventGolden(new AgentEvent.Ping(), "{'type':'PING'}");
    assertEventGolden(new AgentEvent.Error("unknown agent a-9"),
        "{'type':'ERROR','error':{'message':'unknown agent a-9'}}");
  }

  @Test
  void unknownFieldsAreIgnoredAtEveryLevel() {
    assertThat(AgentProtocol.decodeEvent(bytes("{'type':'KILL','extra':1,'kill':{'framework_id':'f','task_id':'t',"
        + "'grace_period_ms':1,'new_field':{'x':[1,2]}}}")))
        .isEqualTo(new AgentEvent.Kill("f", "t", 1));
    assertThat(AgentProtocol.decodeEvent(bytes("{'type':'PING','ping':{'seq':7}}"))).isEqualTo(new AgentEvent.Ping());
    assertThat(AgentProtocol.decodeCall(bytes("{'type':'HEARTBEAT','heartbeat':{'agent_id':'a','load':0.5}}")))
        .isEqualTo(new AgentCall.Heartbeat("a"));
  }

  @Test
  void unknownTypeIsAClearError() {
    assertThatThrownBy(() -> AgentProtocol.decodeEvent(bytes("{'type':'REBOOT','reboot':{}}")))
        .isInstanceOf(AgentProtocolException.class)
        .hasMessageContaining("unknown agent event type 'REBOOT'")
        .hasMessageContaining("LAUNCH");
    assertThatThrownBy(() -> AgentProtocol.decodeCall(bytes("{'type':'LAUNCH','launch':{}}")))
        .isInstanceOf(AgentProtocolException.class)
        .hasMessageContaining("unknown agent call type 'LAUNCH'");
  }

  @Test
  void malformedMessagesAreClearErrors() {
    assertThatThrownBy(() -> AgentProtocol.decodeEvent(bytes("not json")))
        .isInstanceOf(AgentProtocolException.class).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> AgentProtocol.decodeEvent(bytes("[1]")))
        .isInstanceOf(AgentProtocolException.class).hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> AgentProtocol.decodeEvent(bytes("{'kill':{}}")))
        .isInstanceOf(AgentProtocolException.class).hasMessageContaining("no string 'type'");
    assertThatThrownBy(() -> AgentProtocol.decodeEvent(bytes("{'type':'KILL'}")))
        .isInstanceOf(AgentProtocolException.class).hasMessageContaining("KILL event has no 'kill' object");
    assertThatThrownBy(() -> AgentProtocol.decodeEvent(bytes("{'type':'KILL','kill':{'framework_id':'f'}}")))
        .isInstanceOf(AgentProtocolException.class).hasMessageContaining("bad KILL event").hasMessageContaining("task_id");
    assertThatThrownBy(() -> AgentProtocol.decodeEvent(bytes("{'type':'LAUNCH','launch':{'framework_id':'f',"
        + "'framework_info':{},'task_info':'x','role':'*'}}")))
        .isInstanceOf(AgentProtocolException.class).hasMessageContaining("task_info must be a JSON object");
    assertThatThrownBy(() -> AgentProtocol.decodeCall(bytes("{'type':'SUBSCRIBE','subscribe':{'hostname':'h',"
        + "'port':0,'resources':'','version':'v'}}")))
        .isInstanceOf(AgentProtocolException.class).hasMessageContaining("port out of range");
  }
}
