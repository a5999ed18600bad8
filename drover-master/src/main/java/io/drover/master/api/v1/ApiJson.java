package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.drover.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON mapper for the v1 API: {@link Json#snakeCase()} plus absent ({@code null}) fields omitted, unknown
 * fields ignored, unknown enum names mapped to each enum's {@code UNKNOWN}, and {@code "Infinity"}/{@code NaN} accepted
 * for doubles (both as strings and as bare tokens).
 */
public final class ApiJson {
  private ApiJson() {}

  private static final ObjectMapper MAPPER = ((JsonMapper) Json.snakeCase()).rebuild()
      .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
      .build();

  /** The shared, thread-safe mapper; do not reconfigure it. */
  public static ObjectMapper mapper() { return MAPPER; }

  /**
   * Parses {@code json} as {@code type}.
   *
   * @throws IllegalArgumentException with Jackson's message if the JSON is malformed or has the wrong shape
   */
  public static <T> T read(byte[] json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid " + type.getSimpleName() + " JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      // Reading from a byte array does no real I/O; anything else is a bug.
      throw new UncheckedIOException(e);
    }
  }

  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid " + type.getSimpleName() + " JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] writeBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
