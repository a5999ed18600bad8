package io.drover.apps.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.apps.ha.LeaderProxy;
import io.drover.master.api.v1.FrameworkID;
import io.drover.master.api.v1.Offer;
import io.drover.master.api.v1.TaskStatus;
import io.drover.scheduler.client.SchedulerClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seams for the REST API (route installers) and the core (a scheduler listener per leadership term). */
final class AppsServiceSeamsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private Cluster cluster;

  @AfterEach void tearDown() throws Exception {
    if (cluster != null) cluster.close();
  }

  /** Records what a term's listener is told. */
  private static final class RecordingListener implements SchedulerListener {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override public void subscribed(SchedulerClient client, FrameworkID frameworkId, boolean reregistered) {
      calls.add("subscribed " + frameworkId.value() + " " + reregistered);
    }

    @Override public void offers(SchedulerClient client, List<Offer> offers) { calls.add("offers"); }

    @Override public CompletionStage<Void> updateAsync(SchedulerClient client, TaskStatus status) {
      calls.add("update");
      return CompletableFuture.completedFuture(null);
    }

    @Override public void stopped() { calls.add("stopped"); }
  }

  @Test void routesRunOnTheLeaderAndAListenerServesEachTerm() throws Exception {
    cluster = new Cluster(dir);
    cluster.startMaster();
    List<RecordingListener> terms = new CopyOnWriteArrayList<>();
    AppsConfig.RouteInstaller routes = (app, runtime) -> app.get("/v2/hello", ctx -> ctx.result(
        "hello from " + runtime.config().hostname() + " leader=" + runtime.leadership().isLeader()));
    Cluster.Apps a = cluster.startApps(b -> b.routes(routes).schedulerListeners(rt -> {
      RecordingListener l = new RecordingListener();
      terms.add(l);
      return l;
    }));
    await().atMost(WAIT).until(() -> terms.size() == 1 && !terms.get(0).calls.isEmpty());
    String id = a.service().store().frameworkId().get().orElseThrow().value();
    assertThat(terms.get(0).calls).containsExactly("subscribed " + id + " false");
    assertThat(a.service().schedulerClient()).isPresent();

    Cluster.Apps standby = cluster.startApps(b -> b.routes(routes));
    HttpResponse<String> r = cluster.get(standby.url("/v2/hello"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("hello from 127.0.0.1 leader=true");
    assertThat(r.headers().firstValue(LeaderProxy.HEADER_LEADER)).contains("http://" + a.hostPort());

    a.service().close();
    assertThat(terms.get(0).calls).endsWith("stopped");
    assertThat(a.service().schedulerClient()).isEmpty();
  }
}
