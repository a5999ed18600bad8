package io.drover.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Small text formats shared by the tables. */
final class Format {
  private Format() {}

  /** 0.1 → "0.1", 32.0 → "32"; a missing value → "-". */
  static String number(JsonNode n) {
    if (n == null || !n.isNumber()) return "-";
    return number(n.asDouble());
  }

  static String number(double v) {
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  /** The tasks table: TASK, [APP,] HOST, PORTS, STATE, HEALTH, VERSION. */
  static Table tasks(JsonNode tasks, boolean withApp) {
    Table t = withApp ? new Table("TASK", "APP", "HOST", "PORTS", "STATE", "HEALTH", "VERSION")
        : new Table("TASK", "HOST", "PORTS", "STATE", "HEALTH", "VERSION");
    for (JsonNode task : tasks) {
      List<Object> cells = new ArrayList<>();
      cells.add(task.path("id").asText());
      if (withApp) cells.add(task.path("appId").asText());
      cells.add(task.path("host").asText());
      cells.add(join(task.path("ports")));
      cells.add(task.path("state").asText());
      cells.add(health(task));
      cells.add(task.path("version").asText());
      t.row(cells.toArray());
    }
    return t;
  }

  /** "healthy", "unhealthy" or "-" (no health check results). */
  static String health(JsonNode task) {
    JsonNode results = task.path("healthCheckResults");
    if (results.isEmpty()) return "-";
    for (JsonNode r : results) {
      if (!r.path("alive").asBoolean()) return "unhealthy";
    }
    return "healthy";
  }

  /** A JSON array of scalars as "a,b,c"; "-" when empty. */
  static String join(JsonNode array) {
    List<String> parts = new ArrayList<>();
    array.forEach(p -> parts.add(p.asText()));
    return parts.isEmpty() ? "-" : String.join(",", parts);
  }
}
