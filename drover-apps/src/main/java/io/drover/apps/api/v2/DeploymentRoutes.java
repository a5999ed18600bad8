package io.drover.apps.api.v2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.apps.core.CoreCommand;
import io.drover.apps.core.CoreEffect;
import io.drover.apps.core.CoreViews;
import io.drover.apps.model.AppJson;
import io.drover.apps.model.PathId;
import io.drover.apps.model.Timestamp;
import io.javalin.http.Context;
import java.util.List;

/** {@code /v2/deployments[/{id}]} and {@code /v2/queue[/{appId}/delay]}. */
final class DeploymentRoutes {
  private final Edge edge;

  DeploymentRoutes(Edge edge) { this.edge = edge; }

  /** {@code GET /v2/deployments}: a bare array. */
  void list(Context ctx) {
    Edge.json(ctx, 200, Edge.JSON.valueToTree(edge.read(CoreViews::deployments)));
  }

  /**
   * {@code DELETE /v2/deployments/{id}}: roll back (200, the rollback's deployment result) or, with
   * {@code force=true}, only stop (202, no body); 404 {@code DeploymentPlan X does not exist}.
   */
  void cancel(Context ctx, String id) {
    boolean force = Edge.flag(ctx, "force", false);
    String rollbackId = edge.newDeploymentId();
    Timestamp v = edge.newVersion();
    CoreEffect reply = edge.submit(views -> Outcome.run(new CoreCommand.CancelDeployment(id, force, rollbackId, v)));
    Edge.reply(ctx, reply, reply instanceof CoreEffect.Done ? 202 : 200);
  }

  /** {@code GET /v2/queue}: {@code {"queue": [{"app": ..., "count", "delay", ...}]}}; {@code embed=lastUnusedOffers}. */
  void queue(Context ctx) {
    boolean offers = ctx.queryParams("embed").contains("lastUnusedOffers");
    List<CoreViews.QueueItem> items = edge.read(vs -> vs.queue(offers));
    ObjectNode out = Edge.JSON.createObjectNode();
    ArrayNode arr = out.putArray("queue");
    for (CoreViews.QueueItem i : items) {
      ObjectNode item = arr.addObject();
      item.set("app", AppJson.toJson(i.app()));
      item.setAll(i.item());
    }
    Edge.json(ctx, 200, out);
  }

  /** {@code DELETE /v2/queue/{appId}/delay}: 200, or 404 when the app is not in the launch queue. */
  void resetDelay(Context ctx, PathId appId) {
    Edge.reply(ctx, edge.submit(views -> Outcome.run(new CoreCommand.ResetDelay(appId))), 200);
  }
}
