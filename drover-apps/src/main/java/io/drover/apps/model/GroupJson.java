package io.drover.apps.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Group JSON: the {@code GET /v2/groups} shape ({@code id, apps, pods, groups, dependencies, version,
 * enforceRole}) and group bodies with Marathon's nested error paths ({@code /apps(0)/id},
 * {@code /groups(1)/apps(0)/cmd}).
 */
public final class GroupJson {
  private GroupJson() {}

  /** The whole tree with every app's definition; see {@link #write(Group, Function)} to embed more per app. */
  public static ObjectNode write(Group g) { return write(g, AppJson::toJson); }

  /** The tree, writing each app with {@code appWriter} (the caller adds counts, tasks, … for {@code embed}). */
  public static ObjectNode write(Group g, Function<AppDefinition, ObjectNode> appWriter) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", g.id().toString());
    ArrayNode apps = o.putArray("apps");
    g.apps().values().forEach(a -> apps.add(appWriter.apply(a)));
    o.putArray("pods");
    ArrayNode groups = o.putArray("groups");
    g.groups().values().forEach(c -> groups.add(write(c, appWriter)));
    ArrayNode deps = o.putArray("dependencies");
    g.dependencies().forEach(d -> deps.add(d.toString()));
    o.put("version", g.version().toString());
    o.put("enforceRole", g.enforceRole());
    return o;
  }

  /**
   * Parses a group body. The body's {@code id} resolves against {@code base} (the root for
   * {@code POST /v2/groups}); without an id the body describes {@code base} itself (so a caller of
   * {@code PUT /v2/groups/{id}} passes that id). Nested groups and apps resolve against their enclosing group and
   * must be its direct children ({@code Identifier is not child of '<group>'}). Apps are normalized and validated;
   * their errors are prefixed with {@code /apps(i)}, nested groups' with {@code /groups(i)}.
   */
  public static Parsed<GroupUpdate> read(String body, PathId base) {
    return switch (AppJson.tree(body)) {
      case Parsed.Ok<JsonNode> ok -> read(ok.value(), base);
      case Parsed.InvalidJson<JsonNode> e -> new Parsed.InvalidJson<>(e.body());
      case Parsed.Invalid<JsonNode> e -> new Parsed.Invalid<>(e.body());
    };
  }

  public static Parsed<GroupUpdate> read(JsonNode node, PathId base) {
    List<Violation> jsonErrors = new ArrayList<>();
    List<Violation> invalid = new ArrayList<>();
    GroupUpdate gu = readGroup(node, "", base, Optional.empty(), jsonErrors, invalid);
    if (!jsonErrors.isEmpty()) return Parsed.invalidJson(jsonErrors);
    if (!invalid.isEmpty()) return Parsed.invalid(invalid);
    return new Parsed.Ok<>(gu);
  }

  /**
   * Reads a whole tree in the {@code GET /v2/groups} shape (e.g. a stored root group) back into a {@link Group}
   * rooted at {@code /}, keeping every group's version and every app's version info.
   */
  public static Parsed<Group> readTree(String body) {
    return switch (read(body, PathId.ROOT)) {
      case Parsed.Ok<GroupUpdate> ok -> new Parsed.Ok<>(ok.value().toGroup(PathId.ROOT, Timestamp.ofEpochMs(0)));
      case Parsed.InvalidJson<GroupUpdate> e -> new Parsed.InvalidJson<>(e.body());
      case Parsed.Invalid<GroupUpdate> e -> new Parsed.Invalid<>(e.body());
    };
  }

  /** {@code enclosing} empty for the top-level body: its id (if any) resolves against {@code base} itself. */
  private static GroupUpdate readGroup(JsonNode node, String prefix, PathId base, Optional<PathId> enclosing,
      List<Violation> jsonErrors, List<Violation> invalid) {
    String here = prefix.isEmpty() ? "/" : prefix;
    if (!node.isObject()) {
      jsonErrors.add(Violation.of(here, "error.expected.jsobject"));
      return new GroupUpdate(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty());
    }
    JsonIn in = new JsonIn();
    Optional<String> rawId = in.string(node, "id", "/");
    Optional<List<String>> rawDeps = in.stringList(node, "dependencies", "/");
    Optional<Double> scaleBy = in.number(node, "scaleBy", "/");
    Optional<Timestamp> version = in.string(node, "version", "/").flatMap(s -> {
      Optional<Timestamp> t = Timestamp.parse(s);
      if (t.isEmpty()) in.error("/version", "error.expected.date.isoformat");
      return t;
    });
    Optional<Boolean> enforceRole = in.bool(node, "enforceRole", "/");
    Optional<JsonNode> appsNode = in.any(node, "apps");
    Optional<JsonNode> groupsNode = in.any(node, "groups");
    if (appsNode.isPresent() && !appsNode.get().isArray()) in.error("/apps", "error.expected.jsarray");
    if (groupsNode.isPresent() && !groupsNode.get().isArray()) in.error("/groups", "error.expected.jsarray");
    in.errors().forEach(v -> jsonErrors.add(v.prefixed(prefix)));

    PathId gid = rawId.map(r -> PathId.parse(r).canonical(base)).orElse(base);
    if (rawId.isPresent()) {
      List<Violation> idv = new ArrayList<>();
      // The root group may be addressed by its own id "/"; every other group id follows the path rules.
      if (!(gid.isRoot() && enclosing.isEmpty())) Validation.pathId(gid, "/id", idv);
      if (enclosing.isPresent() && !gid.parent().equals(enclosing.get())) {
        idv.add(Violation.of("/id", "Identifier is not child of '" + enclosing.get() + "'"));
      }
      idv.forEach(v -> invalid.add(v.prefixed(prefix)));
    } else if (enclosing.isPresent()) {
      jsonErrors.add(Violation.of(prefix + "/id", "error.path.missing"));
    }
    if (scaleBy.isPresent() && scaleBy.get() < 0) invalid.add(Violation.of(prefix + "/scaleBy", "got " + scaleBy.get() + ", expected 0.0 or more"));

    Optional<List<AppDefinition>> apps = appsNode.filter(JsonNode::isArray).map(arr -> {
      List<AppDefinition> out = new ArrayList<>();
      for (int i = 0; i < arr.size(); i++) {
        String ap = prefix + "/apps(" + i + ")";
        JsonNode an = arr.get(i);
        switch (AppJson.validated(AppJson.parse(an, gid, Optional.empty(), AppDefinition.DEFAULT_ROLE))) {
          case Parsed.Ok<AppDefinition> ok -> {
            if (!ok.value().id().parent().equals(gid)) {
              invalid.add(Violation.of(ap + "/id", "Identifier is not child of '" + gid + "'"));
            }
            out.add(ok.value());
          }
          case Parsed.InvalidJson<AppDefinition> e -> e.body().details().orElseThrow().forEach(v -> jsonErrors.add(v.prefixed(ap)));
          case Parsed.Invalid<AppDefinition> e -> e.body().details().orElseThrow().forEach(v -> invalid.add(v.prefixed(ap)));
        }
      }
      return out;
    });
    Optional<List<GroupUpdate>> groups = groupsNode.filter(JsonNode::isArray).map(arr -> {
      List<GroupUpdate> out = new ArrayList<>();
      for (int i = 0; i < arr.size(); i++) {
        out.add(readGroup(arr.get(i), prefix + "/groups(" + i + ")", gid, Optional.of(gid), jsonErrors, invalid));
      }
      return out;
    });
    Optional<List<PathId>> deps = rawDeps.map(ds -> ds.stream().map(gid::resolve).toList());
    return new GroupUpdate(rawId.map(r -> gid), apps, groups, deps, scaleBy, version, enforceRole);
  }
}
