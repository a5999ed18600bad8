package io.drover.apps.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Objects;

/**
 * Turns stored values into bytes and back. The repository knows nothing about the model: callers inject a codec
 * (typically JSON through {@code Json.camelCase()}).
 */
public interface ValueCodec<V> {
  byte[] encode(V value);

  /** @throws IOException if {@code bytes} are not a valid encoding (the repository reports it as corrupt) */
  V decode(byte[] bytes) throws IOException;

  /** The identity codec. */
  static ValueCodec<byte[]> bytes() {
    return new ValueCodec<>() {
      @Override public byte[] encode(byte[] value) { return value.clone(); }

      @Override public byte[] decode(byte[] bytes) { return bytes; }
    };
  }

  /** A JSON tree codec with {@code mapper}. */
  static ValueCodec<JsonNode> json(ObjectMapper mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return new ValueCodec<>() {
      @Override public byte[] encode(JsonNode value) {
        try {
          return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
          throw new IllegalArgumentException("cannot encode JSON value: " + e.getMessage(), e);
        }
      }

      @Override public JsonNode decode(byte[] bytes) throws IOException { return mapper.readTree(bytes); }
    };
  }
}
