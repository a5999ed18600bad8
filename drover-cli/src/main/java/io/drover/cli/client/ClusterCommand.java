package io.drover.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code drover cluster}: the master's view through its v1 operator API ({@code POST /api/v1}): agents with
 * used/total resources ({@code GET_AGENTS}), frameworks with their task counts ({@code GET_FRAMEWORKS},
 * {@code GET_TASKS}) and roles with weight and allocation ({@code GET_ROLES}).
 */
@Command(name = "cluster", exitCodeOnInvalidInput = ClientExit.USAGE,
    exitCodeListHeading = ClientExit.LIST_HEADING, exitCodeList = {ClientExit.LIST_0, ClientExit.LIST_1,
        ClientExit.LIST_64},
    description = "Show the agents (used/total cpus, mem, disk), frameworks and roles, from the master.")
public final class ClusterCommand extends ClientCommand {
  @Override int execute() {
    Api master = master();
    JsonNode agents = call(master, "GET_AGENTS");
    JsonNode frameworks = call(master, "GET_FRAMEWORKS");
    JsonNode tasks = call(master, "GET_TASKS");
    JsonNode roles = call(master, "GET_ROLES");
    if (options.json) {
      ObjectNode all = Api.JSON.createObjectNode();
      all.set("get_agents", agents);
      all.set("get_frameworks", frameworks);
      all.set("get_roles", roles);
      printJson(all);
      return ClientExit.OK;
    }
    Table a = new Table("AGENT", "HOST", "CPUS", "MEM", "DISK", "ACTIVE");
    for (JsonNode agent : agents.path("agents")) {
      JsonNode info = agent.path("agent_info");
      Map<String, Double> total = scalars(agent.path("total_resources"));
      Map<String, Double> used = scalars(agent.path("allocated_resources"));
      a.row(info.path("id").path("value").asText(), info.path("hostname").asText() + ":" + info.path("port").asInt(),
          usedOfTotal("cpus", used, total), usedOfTotal("mem", used, total) + " MB",
          usedOfTotal("disk", used, total) + " MB", agent.path("active").asBoolean());
    }
    out.println("Agents");
    if (a.size() == 0) out.println("no agents registered"); else a.print(out);

    Map<String, Integer> taskCounts = new HashMap<>();
    tasks.path("tasks").forEach(t -> taskCounts.merge(t.path("framework_id").path("value").asText(), 1, Integer::sum));
    Table f = new Table("FRAMEWORK", "ID", "ACTIVE", "TASKS");
    for (JsonNode fw : frameworks.path("frameworks")) {
      String id = fw.path("framework_info").path("id").path("value").asText();
      f.row(fw.path("framework_info").path("name").asText(), id, fw.path("active").asBoolean(),
          taskCounts.getOrDefault(id, 0));
    }
    out.println();
    out.println("Frameworks");
    if (f.size() == 0) out.println("no frameworks subscribed"); else f.print(out);

    Table r = new Table("ROLE", "WEIGHT", "CPUS", "MEM", "DISK");
    for (JsonNode role : roles.path("roles")) {
      Map<String, Double> allocated = scalars(role.path("resources"));
      r.row(role.path("name").asText(), Format.number(role.path("weight")),
          Format.number(allocated.getOrDefault("cpus", 0.0)), Format.number(allocated.getOrDefault("mem", 0.0)) + " MB",
          Format.number(allocated.getOrDefault("disk", 0.0)) + " MB");
    }
    out.println();
    out.println("Roles (allocated)");
    if (r.size() == 0) out.println("no roles"); else r.print(out);
    return ClientExit.OK;
  }

  /** The payload of one operator call, e.g. {@code get_agents} of GET_AGENTS. */
  private static JsonNode call(Api master, String type) {
    Api.Response r = master.send("POST", "/api/v1", "{\"type\":\"" + type + "\"}");
    return ApiErrors.expectOk(master, r, null).path(type.toLowerCase(java.util.Locale.ROOT));
  }

  /** The scalar resources of a v1 {@code Resource} list, summed by name. */
  static Map<String, Double> scalars(JsonNode resources) {
    Map<String, Double> sums = new HashMap<>();
    for (JsonNode r : resources) {
      if (r.path("type").asText().equals("SCALAR")) {
        sums.merge(r.path("name").asText(), r.path("scalar").path("value").asDouble(), Double::sum);
      }
    }
    return sums;
  }

  private static String usedOfTotal(String name, Map<String, Double> used, Map<String, Double> total) {
    return Format.number(round(used.getOrDefault(name, 0.0))) + "/" + Format.number(round(total.getOrDefault(name, 0.0)));
  }

  /** Sums of millis-precise scalars, shown to three decimals at most (0.1 + 0.2 shows as 0.3). */
  private static double round(double v) { return Math.round(v * 1000) / 1000.0; }
}
