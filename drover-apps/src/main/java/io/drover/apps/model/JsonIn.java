package io.drover.apps.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Typed field access on a JSON tree that records type errors the way Play JSON (and so Marathon) reports them:
 * path {@code /a/b(0)/c}, keys {@code error.expected.jsstring}, {@code error.expected.jsnumber},
 * {@code error.expected.int}, {@code error.expected.jsboolean}, {@code error.expected.jsarray},
 * {@code error.expected.jsobject}, {@code error.path.missing}, {@code error.unknown.enum.literal}.
 * An absent field or JSON {@code null} reads as empty (optional fields); a wrong type reads as empty and records
 * an error, so reading continues and reports every error at once. Never throws on user input.
 */
final class JsonIn {
  private final List<Violation> errors = new ArrayList<>();

  static String at(String path, String field) { return (path.equals("/") ? "" : path) + "/" + field; }

  static String idx(String path, int i) { return (path.equals("/") ? "" : path) + "(" + i + ")"; }

  void error(String path, String key) { errors.add(Violation.of(path, key)); }

  boolean hasErrors() { return !errors.isEmpty(); }

  List<Violation> errors() { return List.copyOf(errors); }

  private static Optional<JsonNode> field(JsonNode obj, String name) {
    JsonNode n = obj.get(name);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
  }

  boolean present(JsonNode obj, String name) { return field(obj, name).isPresent(); }

  Optional<String> string(JsonNode obj, String name, String path) {
    return field(obj, name).flatMap(n -> asString(n, at(path, name)));
  }

  Optional<String> asString(JsonNode n, String path) {
    if (n.isTextual()) return Optional.of(n.asText());
    error(path, "error.expected.jsstring");
    return Optional.empty();
  }

  /** A required string: absent or null gives {@code error.path.missing}. */
  Optional<String> requiredString(JsonNode obj, String name, String path) {
    if (field(obj, name).isEmpty()) {
      error(at(path, name), "error.path.missing");
      return Optional.empty();
    }
    return string(obj, name, path);
  }

  Optional<Double> number(JsonNode obj, String name, String path) {
    return field(obj, name).flatMap(n -> {
      if (n.isNumber()) return Optional.of(n.asDouble());
      error(at(path, name), "error.expected.jsnumber");
      return Optional.empty();
    });
  }

  Optional<Integer> integer(JsonNode obj, String name, String path) {
    return field(obj, name).flatMap(n -> asInt(n, at(path, name)));
  }

  Optional<Integer> asInt(JsonNode n, String path) {
    if (!n.isNumber()) {
      error(path, "error.expected.jsnumber");
      return Optional.empty();
    }
    if (!n.canConvertToExactIntegral() || !n.canConvertToInt()) {
      error(path, "error.expected.int");
      return Optional.empty();
    }
    return Optional.of(n.asInt());
  }

  Optional<Long> longValue(JsonNode obj, String name, String path) {
    return field(obj, name).flatMap(n -> {
      if (!n.isNumber()) {
        error(at(path, name), "error.expected.jsnumber");
        return Optional.empty();
      }
      if (!n.canConvertToExactIntegral() || !n.canConvertToLong()) {
        error(at(path, name), "error.expected.long");
        return Optional.empty();
      }
      return Optional.of(n.asLong());
    });
  }

  Optional<Boolean> bool(JsonNode obj, String name, String path) {
    return field(obj, name).flatMap(n -> {
      if (n.isBoolean()) return Optional.of(n.asBoolean());
      error(at(path, name), "error.expected.jsboolean");
      return Optional.empty();
    });
  }

  Optional<JsonNode> object(JsonNode obj, String name, String path) {
    return field(obj, name).flatMap(n -> {
      if (n.isObject()) return Optional.of(n);
      error(at(path, name), "error.expected.jsobject");
      return Optional.empty();
    });
  }

  /** Any JSON value (object, string, …) kept opaque. */
  Optional<JsonNode> any(JsonNode obj, String name) { return field(obj, name); }

  /** An array whose elements are read by {@code item(elementNode, elementPath)}; failed elements are dropped. */
  <T> Optional<List<T>> list(JsonNode obj, String name, String path, BiFunction<JsonNode, String, Optional<T>> item) {
    return field(obj, name).flatMap(n -> {
      String p = at(path, name);
      if (!n.isArray()) {
        error(p, "error.expected.jsarray");
        return Optional.empty();
      }
      List<T> out = new ArrayList<>();
      for (int i = 0; i < n.size(); i++) item.apply(n.get(i), idx(p, i)).ifPresent(out::add);
      return Optional.of(out);
    });
  }

  Optional<List<String>> stringList(JsonNode obj, String name, String path) {
    return list(obj, name, path, this::asString);
  }

  /** An object of string values ({@code labels}). */
  Optional<Map<String, String>> stringMap(JsonNode obj, String name, String path) {
    return object(obj, name, path).map(o -> {
      Map<String, String> out = new LinkedHashMap<>();
      String p = at(path, name);
      o.properties().forEach(e -> asString(e.getValue(), at(p, e.getKey())).ifPresent(v -> out.put(e.getKey(), v)));
      return out;
    });
  }

  /** An enum read from its exact name. */
  <E extends Enum<E>> Optional<E> enumValue(JsonNode obj, String name, String path, Class<E> type) {
    return string(obj, name, path).flatMap(s -> {
      for (E e : type.getEnumConstants()) {
        if (e.name().equals(s)) return Optional.of(e);
      }
      error(at(path, name), "error.unknown.enum.literal");
      return Optional.empty();
    });
  }
}
