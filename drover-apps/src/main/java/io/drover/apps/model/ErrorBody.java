package io.drover.apps.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * Marathon's error entity {@code {"message", "details"?: [{"path", "errors"}]}} for 400 (bad JSON), 422 (invalid
 * object) and plain-message errors (404, 409 duplicate, …).
 */
public record ErrorBody(String message, Optional<List<Violation>> details) {
  public static final String INVALID_JSON = "Invalid JSON";
  public static final String NOT_VALID = "Object is not valid";

  public ErrorBody {
    details = details.map(Violation::grouped);
  }

  /** The 400 body for JSON syntax and type errors. */
  public static ErrorBody invalidJson(List<Violation> details) { return new ErrorBody(INVALID_JSON, Optional.of(details)); }

  /** The 422 body for validation failures. */
  public static ErrorBody notValid(List<Violation> details) { return new ErrorBody(NOT_VALID, Optional.of(details)); }

  /** A body with only a message, e.g. {@code App '/x' does not exist}. */
  public static ErrorBody message(String message) { return new ErrorBody(message, Optional.empty()); }

  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("message", message);
    details.ifPresent(ds -> {
      ArrayNode arr = o.putArray("details");
      for (Violation v : ds) {
        ObjectNode d = arr.addObject();
        d.put("path", v.path());
        ArrayNode es = d.putArray("errors");
        v.errors().forEach(es::add);
      }
    });
    return o;
  }
}
