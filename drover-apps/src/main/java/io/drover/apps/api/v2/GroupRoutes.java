package io.drover.apps.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.apps.core.AppSpecs;
import io.drover.apps.core.CoreEffect;
import io.drover.apps.core.CoreViews;
import io.drover.apps.deploy.DeploymentJson;
import io.drover.apps.deploy.DeploymentPlanner;
import io.drover.apps.deploy.PlanResult;
import io.drover.apps.model.AppJson;
import io.drover.apps.model.ErrorBody;
import io.drover.apps.model.Group;
import io.drover.apps.model.GroupJson;
import io.drover.apps.model.GroupUpdate;
import io.drover.apps.model.PathId;
import io.drover.apps.model.Timestamp;
import io.drover.apps.model.Violation;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code /v2/groups[/{id}[/versions]]}. */
final class GroupRoutes {
  private final Edge edge;

  GroupRoutes(Edge edge) { this.edge = edge; }

  static ApiError groupNotFound(PathId gid) { return ApiError.message(404, "Group '" + gid + "' does not exist"); }

  /**
   * {@code GET /v2/groups[/{id}]}: {@code embed} defaults to {@code group.groups} and {@code group.apps}; apps may
   * embed {@code group.apps.tasks|counts|deployments|readiness|lastTaskFailure|taskStats}.
   */
  void show(Context ctx, PathId gid) {
    List<String> embeds = ctx.queryParams("embed");
    boolean explicit = embeds.stream().anyMatch(e -> e.startsWith("group."));
    boolean withGroups = !explicit || embeds.contains("group.groups");
    boolean withApps = !explicit || embeds.contains("group.apps");
    Set<AppInfo.Embed> appEmbed = AppInfo.parse(embeds, "group.apps.");
    record Snapshot(Optional<Group> group, Map<String, CoreViews.AppView> apps) {}
    Snapshot s = edge.read(vs -> new Snapshot(vs.rootGroup().group(gid),
        vs.apps().stream().collect(Collectors.toMap(a -> a.app().id().toString(), Function.identity()))));
    Group g = s.group().orElseThrow(() -> groupNotFound(gid));
    ObjectNode out = GroupJson.write(g, app -> {
      CoreViews.AppView v = s.apps().get(app.id().toString());
      return v == null ? io.drover.apps.model.AppJson.toJson(app) : AppInfo.write(v, appEmbed);
    });
    prune(out, withGroups, withApps);
    Edge.json(ctx, 200, out);
  }

  private static void prune(ObjectNode g, boolean withGroups, boolean withApps) {
    if (!withApps) g.remove("apps");
    if (!withGroups) {
      g.remove("groups");
      return;
    }
    for (JsonNode child : g.path("groups")) prune((ObjectNode) child, true, withApps);
  }

  /**
   * {@code GET /v2/groups/{id}/versions}: the stored root versions in which the group exists, newest first (the
   * current one included even before the store has it).
   */
  void versions(Context ctx, PathId gid) {
    Group g = edge.read(vs -> vs.rootGroup().group(gid)).orElseThrow(() -> groupNotFound(gid));
    List<Timestamp> stored = edge.stored(v -> v.rootVersions().stream()
        .filter(t -> v.root(t).map(r -> r.exists(gid)).orElse(false)).toList());
    ObjectNode out = Edge.JSON.createObjectNode();
    var list = out.putArray("versions");
    if (!stored.contains(g.version())) list.add(g.version().toString());
    stored.forEach(t -> list.add(t.toString()));
    Edge.json(ctx, 200, out);
  }

  /** {@code POST /v2/groups}: 201 with {@code Location}; 409 when the group exists. */
  void create(Context ctx) {
    GroupUpdate gu = Edge.value(GroupJson.read(ctx.body(), PathId.ROOT));
    PathId gid = gu.id().orElse(PathId.ROOT);
    boolean force = Edge.flag(ctx, "force", false);
    String depId = edge.newDeploymentId();
    Timestamp v = edge.newVersion();
    CoreEffect reply = edge.submit(views -> {
      Group root = views.rootGroup();
      if (root.exists(gid)) {
        return Outcome.fail(ApiError.message(409, "Group " + gid + " is already created. Use PUT to change this group."));
      }
      if (gu.isRollback() || gu.isScale()) {
        return Outcome.fail(ApiError.message(422, "A new group cannot be rolled back or scaled: " + gid));
      }
      return AppRoutes.deploy(root.putGroup(gu.applyTo(gid, Optional.empty(), v), v), force, depId, v);
    });
    if (reply instanceof CoreEffect.Accepted) ctx.header("Location", ctx.scheme() + "://" + ctx.host() + "/v2/groups" + gid);
    Edge.reply(ctx, reply, 201);
  }

  /**
   * {@code PUT /v2/groups[/{id}]}: create or update; {@code dryRun=true} answers {@code {"steps": [...]}} only;
   * a body of only {@code version} rolls the group back to that stored version (404 if there is none); only
   * {@code scaleBy} scales every nested app ({@code ceil}).
   */
  void update(Context ctx, PathId path) {
    GroupUpdate gu = Edge.value(GroupJson.read(ctx.body(), path));
    PathId gid = gu.id().orElse(path);
    boolean force = Edge.flag(ctx, "force", false);
    boolean dryRun = Edge.flag(ctx, "dryRun", false);
    String depId = edge.newDeploymentId();
    Timestamp v = edge.newVersion();
    // A rollback takes the group as it was in the stored root of that version (read before deciding, off the loop).
    Optional<Group> rollbackTo = gu.isRollback()
        ? edge.stored(st -> st.root(gu.version().orElseThrow()).flatMap(r -> r.group(gid))) : Optional.empty();
    Function<Group, Group> target = root -> {
      Optional<Group> current = root.group(gid);
      if (gu.isRollback()) {
        Group g = rollbackTo.or(() -> current.filter(c -> c.version().equals(gu.version().orElseThrow())))
            .orElseThrow(() -> ApiError.message(404, "Group '" + gid + "' does not exist in version "
                + gu.version().get()));
        return root.putGroup(g, v);
      }
      if (gu.isScale()) {
        Group g = current.orElseThrow(() -> groupNotFound(gid));
        return root.putGroup(g.scaleBy(gu.scaleBy().orElseThrow(), v), v);
      }
      return root.putGroup(gu.applyTo(gid, current, v), v);
    };
    if (dryRun) {
      record Answer(int status, ObjectNode body) {}
      Answer a = edge.read(views -> {
        try {
          Group to = target.apply(views.rootGroup());
          PlanResult r = DeploymentPlanner.plan(depId, AppSpecs.runSpecs(views.rootGroup()), AppSpecs.runSpecs(to),
              v.toString(), Map.of());
          return switch (r) {
            case PlanResult.Planned p -> new Answer(200, Edge.JSON.valueToTree(DeploymentJson.dryRun(p.plan())));
            case PlanResult.CyclicDependencies c -> new Answer(422, ErrorBody.notValid(
                List.of(Violation.of("/", PlanResult.CyclicDependencies.MESSAGE))).toJson());
          };
        } catch (ApiError e) {
          return new Answer(e.status(), e.body());
        }
      });
      Edge.json(ctx, a.status(), a.body());
      return;
    }
    CoreEffect reply = edge.submit(views -> AppRoutes.deploy(target.apply(views.rootGroup()), force, depId, v));
    Edge.reply(ctx, reply, 200);
  }

  /**
   * {@code PATCH /v2/groups/{id}} ({@code GroupPartialUpdate}): sets or clears {@code enforceRole} of a top-level
   * group; nothing else changes, so the deployment it makes has no steps. 200 with no body, 404 for an unknown
   * group, 422 for a group that is not top-level.
   */
  void patch(Context ctx, PathId gid) {
    JsonNode body = Edge.value(AppJson.tree(ctx.body()));
    if (!body.isObject()) throw ApiError.of(400, ErrorBody.invalidJson(List.of(Violation.of("/", "error.expected.jsobject"))));
    JsonNode er = body.path("enforceRole");
    if (!er.isMissingNode() && !er.isNull() && !er.isBoolean()) {
      throw ApiError.of(400, ErrorBody.invalidJson(List.of(Violation.of("/enforceRole", "error.expected.jsboolean"))));
    }
    if (!gid.isTopLevel()) throw ApiError.of(422, ErrorBody.notValid(List.of(Violation.of("/", "Path needs to be top-level"))));
    String depId = edge.newDeploymentId();
    Timestamp v = edge.newVersion();
    CoreEffect reply = edge.submit(views -> {
      Group root = views.rootGroup();
      Group g = root.group(gid).orElseThrow(() -> groupNotFound(gid));
      return AppRoutes.deploy(root.putGroup(g.withEnforceRole(er.asBoolean(false)), v), false, depId, v);
    });
    if (reply instanceof CoreEffect.Accepted) ctx.status(200);
    else Edge.reply(ctx, reply, 200);
  }

  /** {@code DELETE /v2/groups/{id}}: removes the group and everything in it; on the root, empties it. */
  void delete(Context ctx, PathId gid) {
    boolean force = Edge.flag(ctx, "force", false);
    String depId = edge.newDeploymentId();
    Timestamp v = edge.newVersion();
    CoreEffect reply = edge.submit(views -> {
      Group root = views.rootGroup();
      if (root.group(gid).isEmpty()) return Outcome.fail(groupNotFound(gid));
      Group target = gid.isRoot()
          ? Group.emptyRoot(v).withDependencies(root.dependencies()).withEnforceRole(root.enforceRole())
          : root.removeGroup(gid, v);
      return AppRoutes.deploy(target, force, depId, v);
    });
    Edge.reply(ctx, reply, 200);
  }
}
