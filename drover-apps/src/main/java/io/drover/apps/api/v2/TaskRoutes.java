package io.drover.apps.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.apps.core.CoreCommand;
import io.drover.apps.core.CoreEffect;
import io.drover.apps.core.CoreViews;
import io.drover.apps.model.AppJson;
import io.drover.apps.model.ErrorBody;
import io.drover.apps.model.Instance;
import io.drover.apps.model.InstanceId;
import io.drover.apps.model.PathId;
import io.drover.apps.model.TaskId;
import io.drover.apps.model.TaskJson;
import io.drover.apps.model.Timestamp;
import io.drover.apps.model.Violation;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code /v2/apps/{id}/tasks[/{taskId}]}, {@code GET /v2/tasks}, {@code POST /v2/tasks/delete}. */
final class TaskRoutes {
  private final Edge edge;

  TaskRoutes(Edge edge) { this.edge = edge; }

  /** {@code GET /v2/apps/{id}/tasks}: JSON {@code {"tasks": [...]}} or Marathon's text/plain endpoint lines. */
  void appTasks(Context ctx, PathId id) {
    CoreViews.AppView view = edge.read(vs -> vs.app(id.toString())).orElseThrow(() -> ApiError.appNotFound(id));
    if (Edge.wantsText(ctx)) {
      ctx.contentType("text/plain; charset=utf-8").result(endpoints(List.of(view), Set.of()));
      return;
    }
    Edge.json(ctx, 200, tasks(view.instances()));
  }

  /** {@code GET /v2/tasks}: {@code status}/{@code status[]} (e.g. {@code running}, {@code staging}) filter by state. */
  void all(Context ctx) {
    List<String> statuses = new ArrayList<>(ctx.queryParams("status"));
    statuses.addAll(ctx.queryParams("status[]"));
    Set<String> states = statuses.stream().map(s -> "TASK_" + s.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
    List<CoreViews.AppView> views = edge.read(CoreViews::apps);
    if (Edge.wantsText(ctx)) {
      ctx.contentType("text/plain; charset=utf-8").result(endpoints(views, states));
      return;
    }
    List<Instance> all = views.stream().flatMap(v -> v.instances().stream())
        .filter(i -> states.isEmpty() || states.contains(i.state())).toList();
    Edge.json(ctx, 200, tasks(all));
  }

  /**
   * {@code DELETE /v2/apps/{id}/tasks[/{taskId}]}: {@code host} restricts to one agent host, {@code scale} scales
   * down (deployment result), {@code wipe} is accepted for resident apps (Drover has none; kills as usual).
   */
  void kill(Context ctx, PathId id, Optional<String> taskId) {
    boolean scale = Edge.flag(ctx, "scale", false);
    boolean wipe = Edge.flag(ctx, "wipe", false);
    boolean force = Edge.flag(ctx, "force", false);
    if (scale && wipe) throw ApiError.message(400, "You cannot use scale and wipe at the same time.");
    String host = ctx.queryParam("host");
    String depId = edge.newDeploymentId();
    Timestamp v = edge.newVersion();
    CoreEffect reply = edge.submit(views -> {
      Optional<CoreViews.AppView> app = views.app(id.toString());
      if (app.isEmpty()) return Outcome.fail(ApiError.appNotFound(id));
      List<String> ids;
      if (taskId.isPresent()) {
        if (TaskId.parse(taskId.get()).isEmpty() && InstanceId.parse(taskId.get()).isEmpty()) {
          return Outcome.fail(ApiError.message(400, "Invalid task id '" + taskId.get() + "'"));
        }
        boolean known = app.get().instances().stream().anyMatch(i -> matches(i, taskId.get()));
        if (!known) return Outcome.fail(ApiError.message(404, "Task '" + taskId.get() + "' does not exist"));
        ids = List.of(taskId.get());
      } else {
        ids = app.get().instances().stream().filter(i -> host == null || host.equals(i.host()))
            .map(i -> i.taskId().idString()).toList();
      }
      return Outcome.run(new CoreCommand.KillInstances(id, ids, scale, force, depId, v));
    });
    if (taskId.isPresent() && reply instanceof CoreEffect.Killed k) {
      ObjectNode out = Edge.JSON.createObjectNode();
      if (!k.instances().isEmpty()) out.set("task", TaskJson.write(k.instances().getFirst()));
      Edge.json(ctx, 200, out);
      return;
    }
    Edge.reply(ctx, reply, 200);
  }

  /**
   * {@code POST /v2/tasks/delete} with {@code {"ids": [...]}}: 400 for an id that is no task id. Ids of unknown
   * apps are ignored. With {@code scale} one deployment scales every app concerned down (Marathon's
   * {@code killAndScale}) and answers its result; else the killed tasks.
   */
  void delete(Context ctx) {
    JsonNode body = Edge.value(AppJson.tree(ctx.body()));
    JsonNode idsNode = body.path("ids");
    if (!idsNode.isArray()) {
      throw ApiError.of(400, ErrorBody.invalidJson(List.of(Violation.of("/ids", "error.path.missing"))));
    }
    boolean scale = Edge.flag(ctx, "scale", false);
    boolean wipe = Edge.flag(ctx, "wipe", false);
    boolean force = Edge.flag(ctx, "force", false);
    if (scale && wipe) throw ApiError.message(400, "You cannot use scale and wipe at the same time.");
    Map<PathId, List<String>> byApp = new LinkedHashMap<>();
    for (JsonNode n : idsNode) {
      if (!n.isTextual()) {
        throw ApiError.of(400, ErrorBody.invalidJson(List.of(Violation.of("/ids", "error.expected.jsstring"))));
      }
      String id = n.asText();
      Optional<PathId> app = TaskId.parse(id).map(TaskId::appId).or(() -> InstanceId.parse(id).map(InstanceId::appId));
      if (app.isEmpty()) throw ApiError.message(400, "Invalid task id '" + id + "'");
      byApp.computeIfAbsent(app.get(), k -> new ArrayList<>()).add(id);
    }
    if (byApp.isEmpty()) {
      Edge.json(ctx, 200, tasks(List.of()));
      return;
    }
    String depId = edge.newDeploymentId();
    Timestamp v = edge.newVersion();
    CoreEffect reply = edge.submit(views -> Outcome.run(new CoreCommand.KillInstances(byApp, scale, force, depId, v)));
    if (reply instanceof CoreEffect.NotFound) { // no app of these ids exists: nothing to kill
      Edge.json(ctx, 200, tasks(List.of()));
      return;
    }
    Edge.reply(ctx, reply, 200);
  }

  static boolean matches(Instance i, String id) {
    return i.taskId().idString().equals(id) || i.instanceId().idString().equals(id);
  }

  static ObjectNode tasks(List<Instance> instances) {
    ObjectNode out = Edge.JSON.createObjectNode();
    ArrayNode arr = out.putArray("tasks");
    instances.forEach(i -> arr.add(TaskJson.write(i)));
    return out;
  }

  /**
   * Marathon's {@code EndpointsHelper.appsToEndpointString}: per app and service port one line
   * {@code <safe app id>\t<service port>\t<host:port>\t...}; an app without service ports gives one line
   * {@code <safe app id>\t \t<host> ...}. Only tasks in {@code states} (all when empty).
   */
  static String endpoints(List<CoreViews.AppView> apps, Set<String> states) {
    StringBuilder sb = new StringBuilder();
    for (CoreViews.AppView v : apps) {
      String cleanId = v.app().id().safeName();
      List<Instance> tasks = v.instances().stream().filter(i -> states.isEmpty() || states.contains(i.state())).toList();
      List<Integer> servicePorts = v.app().servicePorts();
      if (servicePorts.isEmpty()) {
        sb.append(cleanId).append("\t \t");
        tasks.forEach(t -> sb.append(t.host()).append(' '));
        sb.append('\n');
        continue;
      }
      for (int p = 0; p < servicePorts.size(); p++) {
        sb.append(cleanId).append('\t').append(servicePorts.get(p)).append('\t');
        for (Instance t : tasks) {
          int port = p < t.hostPorts().size() ? t.hostPorts().get(p) : 0;
          sb.append(t.host()).append(':').append(port).append('\t');
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }
}
