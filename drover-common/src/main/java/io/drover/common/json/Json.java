package io.drover.common.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The project's JSON setup, in one place: camelCase for Marathon-style APIs, snake_case for Mesos-style APIs. */
public final class Json {
  private Json() {}

  private static JsonMapper.Builder base() {
    return JsonMapper.builder()
        .addModule(new Jdk8Module())
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /** camelCase property names (Marathon API, Drover's own JSON). */
  public static ObjectMapper camelCase() { return base().build(); }

  /** snake_case property names, as the Mesos protos' JSON form uses. */
  public static ObjectMapper snakeCase() { return base().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build(); }

  /** Same as {@link #camelCase()} but rejects unknown fields: for validating user input strictly. */
  public static ObjectMapper strict() { return base().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build(); }
}
