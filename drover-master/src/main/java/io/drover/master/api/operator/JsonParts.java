package io.drover.master.api.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.common.resources.Resources;
import io.drover.master.api.v1.ApiJson;
import io.drover.master.api.v1.ResourceJson;

/** Small JSON builders shared by the operator views (stout's proto-JSON form: snake_case, enums as names). */
final class JsonParts {
  private JsonParts() {}

  static final ObjectMapper MAPPER = ApiJson.mapper();

  static ObjectNode object() { return MAPPER.createObjectNode(); }

  static ArrayNode array() { return MAPPER.createArrayNode(); }

  /** A Mesos id message: {@code {"value":"..."}}. */
  static ObjectNode id(String value) { return object().put("value", value); }

  /** A Mesos {@code TimeInfo}: {@code {"nanoseconds":...}}. */
  static ObjectNode timeInfo(long ms) { return object().put("nanoseconds", ms * 1_000_000L); }

  /** Seconds since the epoch as a double, as Mesos writes times in the legacy endpoints and v1 doubles. */
  static double seconds(long ms) { return ms / 1000.0; }

  /** Any v1 record through the API mapper (null fields omitted). */
  static JsonNode tree(Object value) { return MAPPER.valueToTree(value); }

  /** v1 {@code Resource} array; {@code allocationRole} null for none. */
  static ArrayNode resources(Resources resources, String allocationRole) {
    return (ArrayNode) tree(ResourceJson.toJson(resources, allocationRole));
  }

  /** A synchronous response {@code {"type":TYPE,"<field>":payload}}. */
  static ObjectNode response(String type, JsonNode payload) {
    ObjectNode out = object().put("type", type);
    out.set(type.toLowerCase(java.util.Locale.ROOT), payload);
    return out;
  }

  /** Sets {@code field} to {@code array} only when it is not empty (proto JSON omits empty repeated fields). */
  static void setNonEmpty(ObjectNode node, String field, ArrayNode array) {
    if (!array.isEmpty()) node.set(field, array);
  }
}
