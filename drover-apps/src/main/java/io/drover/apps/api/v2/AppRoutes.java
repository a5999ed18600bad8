package io.drover.apps.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.apps.core.CoreCommand;
import io.drover.apps.core.CoreEffect;
import io.drover.apps.core.CoreViews;
import io.drover.apps.model.AppDefinition;
import io.drover.apps.model.AppJson;
import io.drover.apps.model.Group;
import io.drover.apps.model.Parsed;
import io.drover.apps.model.PathId;
import io.drover.apps.model.Timestamp;
import io.drover.apps.model.Validation;
import io.drover.apps.model.Violation;
import io.drover.apps.model.ErrorBody;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/** {@code /v2/apps} and {@code /v2/apps/{id}[/restart|/versions[/{version}]]} (tasks: {@link TaskRoutes}). */
final class AppRoutes {
  private final Edge edge;

  AppRoutes(Edge edge) { this.edge = edge; }

  // ---- collection ----

  /** {@code GET /v2/apps}: selectors {@code cmd}, {@code id}, {@code label}; counts and deployments always. */
  void list(Context ctx) {
    Set<AppInfo.Embed> embed = EnumSet.of(AppInfo.Embed.COUNTS, AppInfo.Embed.DEPLOYMENTS);
    embed.addAll(AppInfo.parse(ctx.queryParams("embed"), "apps."));
    String cmd = ctx.queryParam("cmd");
    String id = ctx.queryParam("id");
    String label = ctx.queryParam("label");
    Predicate<Map<String, String>> labels = label == null || label.isEmpty() ? l -> true
        : LabelSelector.parse(label).orElseThrow(() -> ApiError.message(400,
            "Invalid label selector query '" + label + "'"));
    List<CoreViews.AppView> views = edge.read(CoreViews::apps);
    ObjectNode out = Edge.JSON.createObjectNode();
    ArrayNode apps = out.putArray("apps");
    for (CoreViews.AppView v : views) {
      AppDefinition a = v.app();
      if (cmd != null && !cmd.isEmpty() && !a.cmd().map(c -> c.contains(cmd)).orElse(false)) continue;
      if (id != null && !id.isEmpty() && !a.id().toString().contains(id)) continue;
      if (!labels.test(a.labels())) continue;
      apps.add(AppInfo.write(v, embed));
    }
    Edge.json(ctx, 200, out);
  }

  /** {@code POST /v2/apps}: 201 with {@code Location}, the app, zero counts and its deployment. */
  void create(Context ctx) {
    AppDefinition app = Edge.value(AppJson.read(ctx.body(), PathId.ROOT));
    String depId = edge.newDeploymentId();
    Timestamp v = edge.newVersion();
    boolean force = Edge.flag(ctx, "force", false);
    CoreEffect reply = edge.submit(views -> {
      if (views.rootGroup().app(app.id()).isPresent()) {
        return Outcome.fail(ApiError.message(409, "An app with id [" + app.id() + "] already exists."));
      }
      return deploy(views.rootGroup().putApp(app, v), force, depId, v);
    });
    if (!(reply instanceof CoreEffect.Accepted a)) {
      Edge.reply(ctx, reply, 201);
      return;
    }
    Optional<CoreViews.AppView> created = edge.read(views -> views.app(app.id().toString()));
    AppDefinition stored = created.map(CoreViews.AppView::app).orElse(app);
    edge.apiPostEvent(ctx, stored);
    ObjectNode body = AppJson.toJson(stored);
    body.put("tasksStaged", 0).put("tasksRunning", 0).put("tasksHealthy", 0).put("tasksUnhealthy", 0);
    body.putArray("deployments").addObject().put("id", a.deploymentId());
    location(ctx, app.id());
    ctx.header(Edge.DEPLOYMENT_HEADER, a.deploymentId());
    Edge.json(ctx, 201, body);
  }

  /** {@code PUT /v2/apps} (bulk create or update, {@code partialUpdate} default true) and {@code PATCH /v2/apps}. */
  void bulk(Context ctx, boolean patch) {
    JsonNode arr = Edge.value(AppJson.tree(ctx.body()));
    if (!arr.isArray()) throw ApiError.of(400, ErrorBody.invalidJson(List.of(Violation.of("/", "error.expected.jsarray"))));
    boolean partial = patch || Edge.flag(ctx, "partialUpdate", true);
    boolean force = Edge.flag(ctx, "force", false);
    String depId = edge.newDeploymentId();
    Timestamp v = edge.newVersion();
    CoreEffect reply = edge.submit(views -> {
      Group target = views.rootGroup();
      List<Violation> jsonErrors = new ArrayList<>();
      List<Violation> invalid = new ArrayList<>();
      for (int i = 0; i < arr.size(); i++) {
        JsonNode node = arr.get(i);
        String prefix = "(" + i + ")";
        if (!node.isObject() || !node.path("id").isTextual()) {
          jsonErrors.add(Violation.of(prefix + "/id", "error.path.missing"));
          continue;
        }
        PathId id = PathId.of(node.get("id").asText());
        Optional<AppDefinition> existing = target.app(id);
        if (patch && existing.isEmpty()) return Outcome.fail(ApiError.appNotFound(id));
        Parsed<AppDefinition> p = existing.isPresent() && partial ? AppJson.merge(existing.get(), node)
            : validated(AppJson.parse(node, PathId.ROOT, Optional.of(id), AppDefinition.DEFAULT_ROLE));
        switch (p) {
          case Parsed.Ok<AppDefinition> ok -> target = target.putApp(ok.value(), v);
          case Parsed.InvalidJson<AppDefinition> e -> e.body().details().orElseThrow().forEach(x -> jsonErrors.add(x.prefixed(prefix)));
          case Parsed.Invalid<AppDefinition> e -> e.body().details().orElseThrow().forEach(x -> invalid.add(x.prefixed(prefix)));
        }
      }
      if (!jsonErrors.isEmpty()) return Outcome.fail(ApiError.of(400, ErrorBody.invalidJson(jsonErrors)));
      if (!invalid.isEmpty()) return Outcome.fail(ApiError.of(422, ErrorBody.notValid(invalid)));
      return deploy(target, force, depId, v);
    });
    Edge.reply(ctx, reply, 200);
  }

  // ---- one app ----

  /** {@code GET /v2/apps/{id}} ({@code {"app": ...}}) and {@code GET /v2/apps/{group}/*} ({@code {"*": [...]}}). */
  void show(Context ctx, List<String> segments) {
    Set<AppInfo.Embed> embed = EnumSet.of(AppInfo.Embed.COUNTS, AppInfo.Embed.DEPLOYMENTS, AppInfo.Embed.TASKS,
        AppInfo.Embed.LAST_TASK_FAILURE);
    embed.addAll(AppInfo.parse(ctx.queryParams("embed"), "app."));
    embed.addAll(AppInfo.parse(ctx.queryParams("embed"), "apps."));
    if (!segments.isEmpty() && segments.getLast().equals("*")) {
      PathId gid = ApiPaths.id(segments.subList(0, segments.size() - 1));
      List<CoreViews.AppView> views = edge.read(vs -> vs.apps().stream().filter(a -> gid.includes(a.app().id())).toList());
      ObjectNode out = Edge.JSON.createObjectNode();
      ArrayNode arr = out.putArray("*");
      views.forEach(a -> arr.add(AppInfo.write(a, embed)));
      Edge.json(ctx, 200, out);
      return;
    }
    PathId id = ApiPaths.id(segments);
    CoreViews.AppView view = edge.read(vs -> vs.app(id.toString())).orElseThrow(() -> ApiError.appNotFound(id));
    ObjectNode out = Edge.JSON.createObjectNode();
    out.set("app", AppInfo.write(view, embed));
    Edge.json(ctx, 200, out);
  }

  /** {@code PUT /v2/apps/{id}} (create 201 or update 200) and {@code PATCH /v2/apps/{id}} (404 when unknown). */
  void replace(Context ctx, PathId id, boolean patch) {
    JsonNode node = Edge.value(AppJson.tree(ctx.body()));
    boolean partial = patch || Edge.flag(ctx, "partialUpdate", true);
    boolean force = Edge.flag(ctx, "force", false);
    String depId = edge.newDeploymentId();
    Timestamp v = edge.newVersion();
    AtomicBoolean created = new AtomicBoolean();
    CoreEffect reply = edge.submit(views -> {
      Optional<AppDefinition> existing = views.rootGroup().app(id);
      if (patch && existing.isEmpty()) return Outcome.fail(ApiError.appNotFound(id));
      AppDefinition app = Edge.value(existing.isPresent() && partial ? AppJson.merge(existing.get(), node)
          : validated(AppJson.parse(node, PathId.ROOT, Optional.of(id), AppDefinition.DEFAULT_ROLE)));
      created.set(existing.isEmpty());
      return deploy(views.rootGroup().putApp(app, v), force, depId, v);
    });
    if (reply instanceof CoreEffect.Accepted) {
      if (created.get()) location(ctx, id);
      edge.read(views -> views.rootGroup().app(id)).ifPresent(app -> edge.apiPostEvent(ctx, app));
    }
    Edge.reply(ctx, reply, created.get() ? 201 : 200);
  }

  /** {@code DELETE /v2/apps/{id}}: {@code force} defaults to TRUE here, as in Marathon. */
  void delete(Context ctx, PathId id) {
    boolean force = Edge.flag(ctx, "force", true);
    String depId = edge.newDeploymentId();
    Timestamp v = edge.newVersion();
    CoreEffect reply = edge.submit(views -> {
      if (views.rootGroup().app(id).isEmpty()) return Outcome.fail(ApiError.appNotFound(id));
      return deploy(views.rootGroup().removeApp(id, v), force, depId, v);
    });
    Edge.reply(ctx, reply, 200);
  }

  /** {@code POST /v2/apps/{id}/restart}. */
  void restart(Context ctx, PathId id) {
    boolean force = Edge.flag(ctx, "force", false);
    String depId = edge.newDeploymentId();
    Timestamp v = edge.newVersion();
    Edge.reply(ctx, edge.submit(views -> Outcome.run(new CoreCommand.RestartApp(id, force, depId, v))), 200);
  }

  /**
   * {@code GET /v2/apps/{id}/versions[/{version}]}: the stored versions, newest first (the current one included
   * even before the store has it), and the definition of one of them; 404 for an unknown app or version.
   */
  void versions(Context ctx, PathId id, Optional<String> version) {
    AppDefinition app = edge.read(vs -> vs.rootGroup().app(id)).orElseThrow(() -> ApiError.appNotFound(id));
    Optional<Timestamp> current = app.version();
    if (version.isEmpty()) {
      List<Timestamp> stored = edge.stored(v -> v.appVersions(id));
      ObjectNode out = Edge.JSON.createObjectNode();
      var list = out.putArray("versions");
      current.filter(c -> !stored.contains(c)).ifPresent(c -> list.add(c.toString()));
      stored.forEach(t -> list.add(t.toString()));
      Edge.json(ctx, 200, out);
      return;
    }
    Optional<Timestamp> asked = Timestamp.parse(version.get());
    Optional<AppDefinition> found = asked.isEmpty() ? Optional.empty()
        : asked.equals(current) ? Optional.of(app) : edge.stored(v -> v.app(id, asked.get()));
    AppDefinition def = found.orElseThrow(
        () -> ApiError.message(404, "App '" + id + "' does not exist in version " + version.get()));
    Edge.json(ctx, 200, AppJson.toJson(def));
  }

  // ---- shared ----

  /** The deploy command for a new root, after the tree-level checks (cycles, app/group id clashes): 422 else. */
  static Outcome deploy(Group target, boolean force, String depId, Timestamp v) {
    List<Violation> vs = target.validate();
    if (!vs.isEmpty()) return Outcome.fail(ApiError.of(422, ErrorBody.notValid(vs)));
    return Outcome.run(new CoreCommand.ApplyRootGroup(target, force, depId, v));
  }

  static Parsed<AppDefinition> validated(Parsed<AppDefinition> p) {
    if (p instanceof Parsed.Ok<AppDefinition> ok) {
      List<Violation> vs = Validation.validate(ok.value());
      if (!vs.isEmpty()) return new Parsed.Invalid<>(ErrorBody.notValid(vs));
    }
    return p;
  }

  private static void location(Context ctx, PathId id) {
    ctx.header("Location", ctx.scheme() + "://" + ctx.host() + "/v2/apps" + id);
  }
}
