package io.drover.apps.api.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Building and checking bus events: JSON objects with {@code eventType} and {@code timestamp} (marathon.md §1). */
public final class Events {
  public static final String EVENT_TYPE = "eventType";
  public static final String TIMESTAMP = "timestamp";
  public static final String EVENT_STREAM_ATTACHED = "event_stream_attached";
  public static final String EVENT_STREAM_DETACHED = "event_stream_detached";

  /** Marathon's timestamps: ISO-8601 UTC with milliseconds, e.g. {@code 2014-03-01T23:29:30.158Z}. */
  private static final DateTimeFormatter TIMESTAMP_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Events() {}

  /** A new event {@code {"eventType": type, "timestamp": ...}} to which the caller adds the type's fields. */
  public static ObjectNode event(String eventType, long wallMillis) {
    if (eventType == null || eventType.isBlank()) throw new IllegalArgumentException("empty eventType");
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put(EVENT_TYPE, eventType);
    o.put(TIMESTAMP, timestamp(wallMillis));
    return o;
  }

  public static String timestamp(long wallMillis) { return TIMESTAMP_FORMAT.format(Instant.ofEpochMilli(wallMillis)); }

  /** {@code event_stream_attached} / {@code event_stream_detached} with {@code remoteAddress}. */
  public static ObjectNode streamEvent(boolean attached, String remoteAddress, long wallMillis) {
    ObjectNode o = event(attached ? EVENT_STREAM_ATTACHED : EVENT_STREAM_DETACHED, wallMillis);
    o.put("remoteAddress", remoteAddress);
    return o;
  }

  /**
   * The event's type.
   *
   * @throws IllegalArgumentException unless {@code event} is an object with non-empty text {@code eventType} and
   *     {@code timestamp}
   */
  public static String eventType(JsonNode event) {
    if (event == null || !event.isObject()) throw new IllegalArgumentException("an event must be a JSON object");
    JsonNode type = event.get(EVENT_TYPE);
    JsonNode ts = event.get(TIMESTAMP);
    if (type == null || !type.isTextual() || type.asText().isBlank()) {
      throw new IllegalArgumentException("event without a text eventType: " + event);
    }
    if (ts == null || !ts.isTextual() || ts.asText().isBlank()) {
      throw new IllegalArgumentException("event " + type.asText() + " without a text timestamp");
    }
    return type.asText();
  }
}
