package io.drover.scheduler.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.common.mesos.TaskState;
import io.drover.common.random.Rng;
import io.drover.common.time.Clock;
import io.drover.master.api.v1.AgentID;
import io.drover.master.api.v1.Call;
import io.drover.master.api.v1.Event;
import io.drover.master.api.v1.TaskID;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class ReconcilerTest {
  private static List<String> taskIds(FakeMaster.Received r) {
    return r.call().reconcile().tasks().stream().map(t -> t.taskId().value()).toList();
  }

  @Test void retriesForTasksWithoutANewerUpdateThenReconcilesImplicitly() throws Exception {
    Recorder recorder = new Recorder();
    try (FakeMaster m = new FakeMaster("m");
         SchedulerClient client = SchedulerClient.builder().master(m.url()).frameworkInfo(SchedulerClientTest.INFO)
             .scheduler(recorder).backoff(SchedulerClientTest.FAST).build();
         Reconciler reconciler = new Reconciler(client, Clock.system(), Rng.seeded(3),
             new Backoff(Duration.ofMillis(200), Duration.ofMillis(400), 2.0))) {
      recorder.onUpdate = (c, s) -> reconciler.onUpdate(s);
      client.start();
      await().until(client::isSubscribed);

      CompletableFuture<Void> done = reconciler.reconcile(List.of(
          new Call.ReconcileTask(new TaskID("t1"), new AgentID("m-S1")),
          new Call.ReconcileTask(new TaskID("t2"), null)));
      await().until(() -> m.callsOf(Call.Type.RECONCILE).size() == 1);
      assertThat(taskIds(m.callsOf(Call.Type.RECONCILE).getFirst())).containsExactly("t1", "t2");

      m.lastStream().send(Event.update(SchedulerClientTest.status("t1", TaskState.TASK_RUNNING, null)));
      await().until(() -> m.callsOf(Call.Type.RECONCILE).size() == 2);
      assertThat(taskIds(m.callsOf(Call.Type.RECONCILE).get(1))).containsExactly("t2"); // t1 settled
      assertThat(done).isNotDone();

      m.lastStream().send(Event.update(SchedulerClientTest.status("t2", TaskState.TASK_LOST, null)));
      done.get(10, TimeUnit.SECONDS);
      List<FakeMaster.Received> reconciles = m.callsOf(Call.Type.RECONCILE);
      assertThat(taskIds(reconciles.getLast())).isEmpty(); // the final implicit reconciliation
      assertThat(reconciles.subList(0, reconciles.size() - 1)).allSatisfy(r -> assertThat(taskIds(r)).isNotEmpty());
    }
  }

  @Test void anUpdateThatArrivedBeforeTheRoundStartedDoesNotSettleIt() throws Exception {
    Recorder recorder = new Recorder();
    try (FakeMaster m = new FakeMaster("m");
         SchedulerClient client = SchedulerClient.builder().master(m.url()).frameworkInfo(SchedulerClientTest.INFO)
             .scheduler(recorder).backoff(SchedulerClientTest.FAST).build();
         Reconciler reconciler = new Reconciler(client, Clock.system(), Rng.seeded(3),
             new Backoff(Duration.ofMillis(50), Duration.ofMillis(100), 2.0))) {
      client.start();
      await().until(client::isSubscribed);
      reconciler.onUpdate(SchedulerClientTest.status("t1", TaskState.TASK_RUNNING, null)); // before the round
      CompletableFuture<Void> done = reconciler.reconcile(List.of(new Call.ReconcileTask(new TaskID("t1"), null)));
      await().until(() -> m.callsOf(Call.Type.RECONCILE).size() >= 3); // retried: not settled by the old update
      assertThat(done).isNotDone();
      reconciler.onUpdate(SchedulerClientTest.status("t1", TaskState.TASK_RUNNING, null));
      done.get(10, TimeUnit.SECONDS);
    }
  }
}
