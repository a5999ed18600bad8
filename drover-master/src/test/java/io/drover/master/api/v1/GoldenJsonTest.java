package io.drover.master.api.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusSource;
import io.drover.common.recordio.RecordIo;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The literal examples of mesos.md section 1 (with {@code <M>} filled in), in the proto's shape where the docs
 * disagree: each is parsed, checked field by field, written back and compared as a JSON tree.
 */
final class GoldenJsonTest {
  static final String M = "5b2a6f3e-5d4c-4a8b-9f0e-1234567890ab";

  static String m(String json) { return json.replace("<M>", M); }

  /** Parses {@code json} as {@code type}, writes it back, and asserts the trees are equal. */
  static <T> T roundTrip(String json, Class<T> type) throws Exception {
    T value = ApiJson.read(json, type);
    JsonNode expected = ApiJson.mapper().readTree(json);
    JsonNode actual = ApiJson.mapper().readTree(ApiJson.write(value));
    assertThat(actual).isEqualTo(expected);
    assertThat(ApiJson.read(ApiJson.writeBytes(value), type)).isEqualTo(value);
    return value;
  }

  static final String SUBSCRIBE = """
      {"type":"SUBSCRIBE","subscribe":{"framework_info":{"user":"root","name":"my-fw","roles":["*"],
        "failover_timeout":604800.0,"checkpoint":true,
        "capabilities":[{"type":"MULTI_ROLE"},{"type":"PARTITION_AWARE"},{"type":"TASK_KILLING_STATE"}]}}}""";

  @Test
  void subscribe() throws Exception {
    Call call = roundTrip(SUBSCRIBE, Call.class);
    assertThat(call.type()).isEqualTo(Call.Type.SUBSCRIBE);
    assertThat(call.type().number()).isEqualTo(1);
    assertThat(call.frameworkId()).isNull();
    FrameworkInfo info = call.subscribe().frameworkInfo();
    assertThat(info.user()).isEqualTo("root");
    assertThat(info.name()).isEqualTo("my-fw");
    assertThat(info.roles()).containsExactly("*");
    assertThat(info.failoverTimeout()).isEqualTo(604800.0);
    assertThat(info.checkpoint()).isTrue();
    assertThat(info.hasCapability(FrameworkInfo.CapabilityType.PARTITION_AWARE)).isTrue();
    assertThat(info.hasCapability(FrameworkInfo.CapabilityType.GPU_RESOURCES)).isFalse();
    assertThat(info.capabilities()).extracting(FrameworkInfo.Capability::type).containsExactly(
        FrameworkInfo.CapabilityType.MULTI_ROLE, FrameworkInfo.CapabilityType.PARTITION_AWARE,
        FrameworkInfo.CapabilityType.TASK_KILLING_STATE);
    assertThat(CallValidation.validate(call)).isInstanceOf(CallValidation.Valid.class);
  }

  @Test
  void subscribed() throws Exception {
    Event e = roundTrip(m("""
        {"type":"SUBSCRIBED","subscribed":{"framework_id":{"value":"<M>-0000"},"heartbeat_interval_seconds":15.0}}"""),
        Event.class);
    assertThat(e.type()).isEqualTo(Event.Type.SUBSCRIBED);
    assertThat(e.subscribed().frameworkId()).isEqualTo(new FrameworkID(M + "-0000"));
    assertThat(e.subscribed().heartbeatIntervalSeconds()).isEqualTo(Event.DEFAULT_HEARTBEAT_INTERVAL_SECONDS);
    assertThat(e).isEqualTo(Event.subscribed(new Event.Subscribed(new FrameworkID(M + "-0000"), 15.0, null)));
  }

  static final String OFFERS = """
      {"type":"OFFERS","offers":{"offers":[{"id":{"value":"<M>-O12"},"framework_id":{"value":"<M>-0000"},
       "agent_id":{"value":"<M>-S3"},"hostname":"agent1","allocation_info":{"role":"*"},
       "resources":[
        {"name":"cpus","type":"SCALAR","scalar":{"value":4.0},"role":"*","allocation_info":{"role":"*"}},
        {"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":32000}]},"role":"*","allocation_info":{"role":"*"}}],
       "attributes":[{"name":"rack","type":"TEXT","text":{"value":"r1"}}]}]}}""";

  @Test
  void offers() throws Exception {
    Event e = roundTrip(m(OFFERS), Event.class);
    assertThat(e.type()).isEqualTo(Event.Type.OFFERS);
    Offer offer = e.offers().offers().get(0);
    assertThat(offer.id().value()).isEqualTo(M + "-O12");
    assertThat(offer.agentId().value()).isEqualTo(M + "-S3");
    assertThat(offer.hostname()).isEqualTo("agent1");
    assertThat(offer.allocationInfo().role()).isEqualTo("*");
    assertThat(offer.resources().get(0).scalar().value()).isEqualTo(4.0);
    assertThat(offer.resources().get(1).ranges().range()).containsExactly(new Value.Range(31000, 32000));
    assertThat(offer.attributes().get(0).text().value()).isEqualTo("r1");
    // The same offer built from Drover's own types writes the same JSON.
    var resources = io.drover.common.resources.Resources.of(
        io.drover.common.resources.Resource.scalar("cpus", 4000),
        new io.drover.common.resources.Resource("ports", "*", io.drover.common.resources.Ranges.of(31000, 32000)));
    var attributes = new io.drover.common.resources.Attributes(List.of(
        new io.drover.common.resources.Attribute("rack", new io.drover.common.resources.Text("r1"))));
    Offer built = new Offer(new OfferID(M + "-O12"), new FrameworkID(M + "-0000"), new AgentID(M + "-S3"), "agent1",
        null, null, ResourceJson.toJson(resources, "*"), ResourceJson.attributesToJson(attributes), null, null,
        new Resource.AllocationInfo("*"));
    assertThat(ApiJson.mapper().readTree(ApiJson.write(Event.offers(List.of(built)))))
        .isEqualTo(ApiJson.mapper().readTree(m(OFFERS)));
  }

  static final String ACCEPT = """
      {"framework_id":{"value":"<M>-0000"},"type":"ACCEPT","accept":{"offer_ids":[{"value":"<M>-O12"}],
       "operations":[{"type":"LAUNCH","launch":{"task_infos":[{"name":"web-1","task_id":{"value":"web-1"},
         "agent_id":{"value":"<M>-S3"},
         "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":0.5},"allocation_info":{"role":"*"}},
                      {"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":31000}]},"allocation_info":{"role":"*"}}],
         "command":{"shell":true,"value":"sleep 1000"},
         %s
         "kill_policy":{"grace_period":{"nanoseconds":10000000000}}}]}}],
       "filters":{"refuse_seconds":5.0}}}""";

  static final String DOCKER = """
      "container":{"type":"DOCKER","docker":{"image":"nginx","network":"BRIDGE",
        "port_mappings":[{"host_port":31000,"container_port":80,"protocol":"tcp"}]}},""";

  @Test
  void acceptWithLaunch() throws Exception {
    Call call = roundTrip(m(ACCEPT.formatted("")), Call.class);
    assertThat(call.type()).isEqualTo(Call.Type.ACCEPT);
    assertThat(call.frameworkId().value()).isEqualTo(M + "-0000");
    assertThat(call.accept().offerIds()).containsExactly(new OfferID(M + "-O12"));
    assertThat(call.accept().filters().refuseSecondsOrDefault()).isEqualTo(5.0);
    Offer.Operation op = call.accept().operations().get(0);
    assertThat(op.type()).isEqualTo(Offer.OperationType.LAUNCH);
    TaskInfo task = op.launch().taskInfos().get(0);
    assertThat(task.name()).isEqualTo("web-1");
    assertThat(task.taskId()).isEqualTo(new TaskID("web-1"));
    assertThat(task.command().shellOrDefault()).isTrue();
    assertThat(task.command().value()).isEqualTo("sleep 1000");
    assertThat(task.killPolicy().gracePeriod().nanoseconds()).isEqualTo(10_000_000_000L);
    assertThat(task.container()).isNull();
    assertThat(ResourceJson.fromJson(task.resources()))
        .isEqualTo(io.drover.common.resources.ResourcesParser.parseResources("cpus:0.5;ports:[31000-31000]"));
    assertThat(CallValidation.validate(call)).isInstanceOf(CallValidation.Valid.class);
  }

  @Test
  void acceptWithDockerLaunch() throws Exception {
    Call call = roundTrip(m(ACCEPT.formatted(DOCKER)), Call.class);
    ContainerInfo c = call.accept().operations().get(0).launch().taskInfos().get(0).container();
    assertThat(c.type()).isEqualTo(ContainerInfo.Type.DOCKER);
    assertThat(c.docker().image()).isEqualTo("nginx");
    assertThat(c.docker().networkOrDefault()).isEqualTo(ContainerInfo.Network.BRIDGE);
    assertThat(c.docker().portMappings()).containsExactly(new ContainerInfo.PortMapping(31000, 80, "tcp"));
  }

  /** The docs' {@code "container_status":{...}} placeholder is filled with a realistic value. */
  static final String UPDATE = """
      {"type":"UPDATE","update":{"status":{"task_id":{"value":"web-1"},"state":"TASK_RUNNING",
       "source":"SOURCE_EXECUTOR","agent_id":{"value":"<M>-S3"},"executor_id":{"value":"web-1"},
       "timestamp":1700000000.12,"uuid":"Ym9ndXMtdXVpZC0xNmI=","container_status":{
         "container_id":{"value":"c0ffee"},"network_infos":[{"ip_addresses":[{"protocol":"IPv4","ip_address":"10.0.0.7"}]}],
         "executor_pid":4242}}}}""";

  static final String ACKNOWLEDGE = """
      {"framework_id":{"value":"<M>-0000"},"type":"ACKNOWLEDGE","acknowledge":{"agent_id":{"value":"<M>-S3"},
       "task_id":{"value":"web-1"},"uuid":"Ym9ndXMtdXVpZC0xNmI="}}""";

  @Test
  void updateThenAcknowledge() throws Exception {
    Event e = roundTrip(m(UPDATE), Event.class);
    TaskStatus s = e.update().status();
    assertThat(s.state()).isEqualTo(TaskState.TASK_RUNNING);
    assertThat(s.state().number()).isEqualTo(1);
    assertThat(s.source()).isEqualTo(TaskStatusSource.SOURCE_EXECUTOR);
    assertThat(s.timestamp()).isEqualTo(1700000000.12);
    assertThat(new String(s.uuid().toArray(), StandardCharsets.US_ASCII)).isEqualTo("bogus-uuid-16b");
    assertThat(s.containerStatus().containerId().value()).isEqualTo("c0ffee");
    assertThat(s.containerStatus().networkInfos().get(0).ipAddresses().get(0).ipAddress()).isEqualTo("10.0.0.7");
    assertThat(s.containerStatus().executorPid()).isEqualTo(4242);

    Call ack = roundTrip(m(ACKNOWLEDGE), Call.class);
    assertThat(ack).isEqualTo(Call.acknowledge(new FrameworkID(M + "-0000"),
        new Call.Acknowledge(s.agentId(), s.taskId(), s.uuid())));
    // The docs' example uuid decodes to 14 bytes; Mesos' UUID::fromBytes (and so CallValidation) wants 16.
    assertThat(CallValidation.validate(ack)).isEqualTo(
        new CallValidation.Invalid("Invalid 'acknowledge.uuid': expected 16 bytes, got 14"));
  }

  @Test
  void theFiveDocDisagreementsFollowTheProto() throws Exception {
    // 1. offers are nested: "offers":{"offers":[..]} (covered by offers()), and a bare list is not an Offers.
    assertThat(ApiJson.write(Event.offers(List.of()))).isEqualTo("{\"type\":\"OFFERS\",\"offers\":{\"offers\":[]}}");
    // 2. error message is nested.
    Event err = roundTrip("{\"type\":\"ERROR\",\"error\":{\"message\":\"Framework has been removed\"}}", Event.class);
    assertThat(err.error().message()).isEqualTo("Framework has been removed");
    assertThat(err).isEqualTo(Event.error("Framework has been removed"));
    // 3. revive takes roles (plural).
    Call revive = roundTrip(m("{\"framework_id\":{\"value\":\"<M>-0000\"},\"type\":\"REVIVE\",\"revive\":{\"roles\":[\"web\"]}}"),
        Call.class);
    assertThat(revive.revive().roles()).containsExactly("web");
    // 4. request wraps requests.
    Call request = roundTrip(m("""
        {"framework_id":{"value":"<M>-0000"},"type":"REQUEST","request":{"requests":[{"agent_id":{"value":"<M>-S3"},
         "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":1.0}}]}]}}"""), Call.class);
    assertThat(request.request().requests().get(0).resources().get(0).name()).isEqualTo("cpus");
    // 5. TaskStatus carries data, Base64.
    Event withData = roundTrip("""
        {"type":"UPDATE","update":{"status":{"task_id":{"value":"t"},"state":"TASK_FAILED","data":"aGk="}}}""",
        Event.class);
    assertThat(withData.update().status().data()).isEqualTo(Bytes.utf8("hi"));
  }

  @Test
  void heartbeatIsTheRecordIoReferenceExample() {
    byte[] framed = RecordIo.encode(ApiJson.writeBytes(Event.heartbeat()));
    assertThat(new String(framed, StandardCharsets.UTF_8)).isEqualTo("20\n{\"type\":\"HEARTBEAT\"}");
  }

  @Test
  void absentOptionalFieldsAreOmitted() {
    assertThat(ApiJson.write(Call.of(new FrameworkID("f"), Call.Type.TEARDOWN)))
        .isEqualTo("{\"framework_id\":{\"value\":\"f\"},\"type\":\"TEARDOWN\"}");
  }

  @Test
  void bytesAreStandardBase64() {
    assertThat(Bytes.fromBase64("Ym9ndXMtdXVpZC0xNmI=").toArray())
        .isEqualTo(Base64.getDecoder().decode("Ym9ndXMtdXVpZC0xNmI="));
    assertThat(Bytes.of(new byte[] {1, 2})).isEqualTo(Bytes.of(new byte[] {1, 2})).isNotEqualTo(Bytes.of(new byte[] {1}));
  }
}
