package io.drover.master.api.operator;

import static io.drover.master.api.operator.JsonParts.array;
import static io.drover.master.api.operator.JsonParts.id;
import static io.drover.master.api.operator.JsonParts.object;
import static io.drover.master.api.operator.JsonParts.seconds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.common.resources.Resources;
import io.drover.master.allocator.Allocator;
import io.drover.master.cluster.ClusterCore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The master-level v1 responses: version, flags, master info, roles and weights. */
final class MasterJson {
  private MasterJson() {}

  /**
   * The Mesos release whose APIs Drover implements. GET_VERSION and {@code /master/state} report it as
   * {@code version} because clients (Marathon, Spark, the Mesos CLI) gate features on the Mesos version; Drover's own
   * version goes in {@code git_tag} as {@code drover-<version>} and {@code build_user} is {@code drover}, so a human
   * can still tell it apart from a real Mesos master.
   */
  static final String MESOS_COMPATIBILITY_VERSION = "1.11.0";

  static final String BUILD_USER = "drover";

  static String gitTag(MasterIdentity identity) { return "drover-" + identity.version(); }

  /** {@code VersionInfo}. */
  static ObjectNode versionInfo(MasterIdentity identity) {
    return object()
        .put("version", MESOS_COMPATIBILITY_VERSION)
        .put("build_user", BUILD_USER)
        .put("git_tag", gitTag(identity));
  }

  /** {@code Response.GetFlags}: every flag as {@code {"name","value"}}, by name. */
  static ObjectNode getFlags(MasterIdentity identity) {
    ArrayNode flags = array();
    new TreeMap<>(identity.flags()).forEach((name, value) -> flags.add(object().put("name", name).put("value", value)));
    ObjectNode out = object();
    out.set("flags", flags);
    return out;
  }

  /** {@code Response.GetMaster}: this master's info, start and election times in seconds. */
  static ObjectNode getMaster(MasterIdentity identity) {
    ObjectNode out = object();
    out.set("master_info", JsonParts.tree(identity.self()));
    out.put("start_time", seconds(identity.startTimeMs()));
    if (identity.electedTimeMs() > 0) out.put("elected_time", seconds(identity.electedTimeMs()));
    return out;
  }

  /**
   * {@code Response.GetRoles}: every role with frameworks, allocations, offers, a weight or a quota (Mesos' known
   * roles); each with its weight, subscribed frameworks and, as Mesos does, the allocated plus offered quantities of
   * cpus, disk, gpus and mem as SCALAR resources (zero quantities left out).
   */
  static ObjectNode getRoles(ClusterCore core) {
    Allocator allocator = core.allocator();
    Set<String> names = new TreeSet<>(allocator.roles());
    for (String fw : core.frameworkIds()) names.addAll(core.frameworkInfo(fw).orElseThrow().roles());
    ArrayNode roles = array();
    for (String name : names) {
      ObjectNode role = object().put("name", name).put("weight", allocator.weight(name));
      ArrayNode frameworks = array();
      for (String fw : core.frameworkIds()) {
        if (core.frameworkInfo(fw).orElseThrow().roles().contains(name)) frameworks.add(id(fw));
      }
      JsonParts.setNonEmpty(role, "frameworks", frameworks);
      Resources used = allocator.roles().contains(name) ? allocator.allocatedToRole(name) : Resources.EMPTY;
      ArrayNode resources = array();
      for (String scalar : List.of("cpus", "disk", "gpus", "mem")) {
        long millis = used.scalarMillis(scalar);
        if (millis == 0) continue;
        resources.add(object().put("name", scalar).put("type", "SCALAR")
            .set("scalar", object().put("value", millis / 1000.0)));
      }
      JsonParts.setNonEmpty(role, "resources", resources);
      roles.add(role);
    }
    ObjectNode out = object(); // serialized from the proto in Mesos: an empty list is left out
    JsonParts.setNonEmpty(out, "roles", roles);
    return out;
  }

  /** {@code Response.GetWeights}: the roles with a configured weight. */
  static ObjectNode getWeights(ClusterCore core) {
    ArrayNode infos = array();
    for (Map.Entry<String, Double> e : core.allocator().weights().entrySet()) {
      infos.add(object().put("weight", e.getValue()).put("role", e.getKey()));
    }
    ObjectNode out = object(); // serialized from the proto in Mesos: an empty list is left out
    JsonParts.setNonEmpty(out, "weight_infos", infos);
    return out;
  }
}
