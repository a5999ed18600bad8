package io.drover.master.api.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.common.json.Json;
import io.drover.common.recordio.RecordIo;
import java.io.IOException;
import java.util.Locale;

/**
 * JSON encoding of the agent↔master protocol, in the Mesos v1 API style: every message is an object with a
 * {@code type} discriminator (upper snake case) and the body under the type's lower-case name, e.g.
 * {@code {"type":"KILL","kill":{"framework_id":"f","task_id":"t","grace_period_ms":3000}}}. Body fields are
 * snake_case; absent optionals are omitted. Decoding ignores unknown fields (newer peers may add some) but rejects
 * an unknown {@code type} with an {@link AgentProtocolException}, since a message it cannot act on must not pass
 * silently.
 *
 * <p>Calls are posted as single JSON bodies ({@link #encode(AgentCall)}); events travel as RecordIO records on the
 * subscription stream ({@link #frame(AgentEvent)} and {@link AgentEventDecoder}). Pure and thread-safe.
 */
public final class AgentProtocol {
  /** The media type of one message; the event stream is {@code application/recordio} of these. */
  public static final String CONTENT_TYPE = "application/json";

  private static final ObjectMapper MAPPER = Json.snakeCase()
      .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT,
          JsonInclude.Include.NON_ABSENT));

  private AgentProtocol() {}

  /** The call as UTF-8 JSON. */
  public static byte[] encode(AgentCall call) {
    return switch (call) {
      case AgentCall.Subscribe s -> write("SUBSCRIBE", s);
      case AgentCall.Update u -> write("UPDATE", u);
      case AgentCall.Heartbeat h -> write("HEARTBEAT", h);
    };
  }

  /** The event as UTF-8 JSON (unframed). */
  public static byte[] encode(AgentEvent event) {
    return switch (event) {
      case AgentEvent.Subscribed s -> write("SUBSCRIBED", s);
      case AgentEvent.Launch l -> write("LAUNCH", l);
      case AgentEvent.Kill k -> write("KILL", k);
      case AgentEvent.Acknowledged a -> write("ACKNOWLEDGED", a);
      case AgentEvent.ShutdownFramework s -> write("SHUTDOWN_FRAMEWORK", s);
      case AgentEvent.Ping p -> write("PING", null);
      case AgentEvent.Error e -> write("ERROR", e);
    };
  }

  /** The event as one RecordIO record ({@code <length>\n<json>}), ready to write to the stream. */
  public static byte[] frame(AgentEvent event) { return RecordIo.encode(encode(event)); }

  /**
   * Decodes one call.
   *
   * @throws AgentProtocolException if {@code json} is not a valid call
   */
  public static AgentCall decodeCall(byte[] json) {
    ObjectNode root = readObject(json, "call");
    String type = typeOf(root, "call");
    return switch (type) {
      case "SUBSCRIBE" -> body(root, type, "call", AgentCall.Subscribe.class);
      case "UPDATE" -> body(root, type, "call", AgentCall.Update.class);
      case "HEARTBEAT" -> body(root, type, "call", AgentCall.Heartbeat.class);
      default -> throw new AgentProtocolException(
          "unknown agent call type '" + type + "'; expected one of SUBSCRIBE, UPDATE, HEARTBEAT");
    };
  }

  /**
   * Decodes one event (one RecordIO record's data).
   *
   * @throws AgentProtocolException if {@code json} is not a valid event
   */
  public static AgentEvent decodeEvent(byte[] json) {
    ObjectNode root = readObject(json, "event");
    String type = typeOf(root, "event");
    return switch (type) {
      case "SUBSCRIBED" -> body(root, type, "event", AgentEvent.Subscribed.class);
      case "LAUNCH" -> body(root, type, "event", AgentEvent.Launch.class);
      case "KILL" -> body(root, type, "event", AgentEvent.Kill.class);
      case "ACKNOWLEDGED" -> body(root, type, "event", AgentEvent.Acknowledged.class);
      case "SHUTDOWN_FRAMEWORK" -> body(root, type, "event", AgentEvent.ShutdownFramework.class);
      case "PING" -> new AgentEvent.Ping();
      case "ERROR" -> body(root, type, "event", AgentEvent.Error.class);
      default -> throw new AgentProtocolException("unknown agent event type '" + type + "'; expected one of "
          + "SUBSCRIBED, LAUNCH, KILL, ACKNOWLEDGED, SHUTDOWN_FRAMEWORK, PING, ERROR");
    };
  }

  private static byte[] write(String type, Object body) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("type", type);
    if (body != null) root.set(type.toLowerCase(Locale.ROOT), MAPPER.valueToTree(body));
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      // Our own records always serialize; failing here is a programming error, not bad input.
      throw new IllegalStateException("cannot encode " + type + " message", e);
    }
  }

  private static ObjectNode readObject(byte[] json, String kind) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new AgentProtocolException("agent " + kind + " is not valid JSON: " + rootMessage(e), e);
    }
    if (!(root instanceof ObjectNode object)) {
      throw new AgentProtocolException("agent " + kind + " must be a JSON object");
    }
    return object;
  }

  private static String typeOf(ObjectNode root, String kind) {
    JsonNode type = root.get("type");
    if (type == null || !type.isTextual()) {
      throw new AgentProtocolException("agent " + kind + " has no string 'type' field");
    }
    return type.asText();
  }

  private static <T> T body(ObjectNode root, String type, String kind, Class<T> bodyClass) {
    String key = type.toLowerCase(Locale.ROOT);
    JsonNode body = root.get(key);
    if (body == null || !body.isObject()) {
      throw new AgentProtocolException(type + " " + kind + " has no '" + key + "' object");
    }
    try {
      return MAPPER.treeToValue(body, bodyClass);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new AgentProtocolException("bad " + type + " " + kind + ": " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    String m = t instanceof JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }
}
