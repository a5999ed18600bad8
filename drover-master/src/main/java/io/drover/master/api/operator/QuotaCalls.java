package io.drover.master.api.operator;

import static io.drover.master.api.operator.JsonParts.array;
import static io.drover.master.api.operator.JsonParts.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.common.resources.Scalar;
import io.drover.master.allocator.Quota;
import io.drover.master.allocator.Roles;
import io.drover.master.api.operator.OperatorReply.Failed;
import io.drover.master.cluster.ClusterCore;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Quota through the v1 operator API as in Mesos 1.9+: {@code UPDATE_QUOTA} with {@code quota_configs}
 * ({@code role}, {@code guarantees} and {@code limits} as maps from a scalar resource name to {@code {"value":N}}),
 * and {@code GET_QUOTA}. A config with neither guarantees nor limits removes the role's quota. Unless {@code force}
 * is set, the total guarantees after the update may not exceed the cluster's resources (Mesos' capacity check).
 */
final class QuotaCalls {
  private QuotaCalls() {}

  static OperatorReply update(JsonNode call, ClusterCore core) {
    JsonNode payload = call.get("update_quota");
    if (payload == null || !payload.isObject()) {
      return new Failed(400, "Failed to validate master::Call: Expecting 'update_quota' to be present");
    }
    JsonNode configs = payload.get("quota_configs");
    if (configs == null || !configs.isArray() || configs.isEmpty()) {
      return invalid("'update_quota.quota_configs' must be a non-empty array of {\"role\",\"guarantees\",\"limits\"}");
    }
    Map<String, Quota> quotas = new LinkedHashMap<>();
    for (JsonNode config : configs) {
      String role = config.path("role").asText("").strip();
      try {
        Roles.validate(role);
        if (quotas.containsKey(role)) throw new IllegalArgumentException("the role appears twice in the request");
        quotas.put(role, new Quota(scalars(config.get("guarantees"), "guarantees"), scalars(config.get("limits"),
            "limits")));
      } catch (IllegalArgumentException e) {
        return invalid("quota config of role '" + role + "': " + e.getMessage());
      }
    }
    if (!payload.path("force").asBoolean(false)) {
      Map<String, Long> guaranteed = new HashMap<>();
      Map<String, Quota> after = new HashMap<>(core.allocator().quotas());
      after.putAll(quotas);
      after.values().forEach(q -> q.guaranteesMillis().forEach((k, v) -> guaranteed.merge(k, v, Long::sum)));
      Map<String, Long> capacity = core.allocator().totals().scalarTotals();
      for (Map.Entry<String, Long> g : new TreeMap<>(guaranteed).entrySet()) {
        long have = capacity.getOrDefault(g.getKey(), 0L);
        if (g.getValue() > have) {
          return invalid("total quota guarantees of " + g.getKey() + " (" + Scalar.format(g.getValue())
              + ") exceed the cluster's " + Scalar.format(have) + "; set 'force' to bypass this check");
        }
      }
    }
    return new OperatorReply.UpdateQuota(quotas);
  }

  /** {@code Response.GetQuota}: {@code status.configs} (1.9+) and, for older clients, {@code status.infos}. */
  static ObjectNode get(ClusterCore core) {
    ArrayNode configs = array();
    ArrayNode infos = array();
    for (Map.Entry<String, Quota> e : core.allocator().quotas().entrySet()) {
      ObjectNode config = object().put("role", e.getKey());
      if (!e.getValue().guaranteesMillis().isEmpty()) config.set("guarantees", values(e.getValue().guaranteesMillis()));
      if (!e.getValue().limitsMillis().isEmpty()) config.set("limits", values(e.getValue().limitsMillis()));
      configs.add(config);
      ArrayNode guarantee = array();
      new TreeMap<>(e.getValue().guaranteesMillis()).forEach((name, millis) -> guarantee.add(object().put("name", name)
          .put("type", "SCALAR").set("scalar", object().put("value", millis / 1000.0))));
      infos.add(object().put("role", e.getKey()).set("guarantee", guarantee));
    }
    ObjectNode status = object(); // serialized from the proto in Mesos: empty lists are left out
    JsonParts.setNonEmpty(status, "infos", infos);
    JsonParts.setNonEmpty(status, "configs", configs);
    return object().set("status", status);
  }

  /** {@code {"cpus":{"value":1.5}}} as millis; absent means none. */
  private static Map<String, Long> scalars(JsonNode map, String what) {
    Map<String, Long> out = new TreeMap<>();
    if (map == null || map.isNull()) return out;
    if (!map.isObject()) throw new IllegalArgumentException("'" + what + "' must map resource names to {\"value\":N}");
    for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode value = e.getValue().get("value");
      if (value == null || !value.isNumber() || !Double.isFinite(value.doubleValue()) || value.doubleValue() < 0) {
        throw new IllegalArgumentException(what + " of '" + e.getKey() + "' must be {\"value\":N} with N >= 0");
      }
      out.put(e.getKey(), Math.round(value.doubleValue() * 1000));
    }
    return out;
  }

  private static ObjectNode values(Map<String, Long> millis) {
    ObjectNode out = object();
    new TreeMap<>(millis).forEach((name, m) -> out.set(name, object().put("value", m / 1000.0)));
    return out;
  }

  private static Failed invalid(String message) {
    return new Failed(400, "Failed to validate update quota request: " + message);
  }
}
