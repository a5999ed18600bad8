package io.drover.scheduler.client.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusSource;
import io.drover.master.api.v1.AgentID;
import io.drover.master.api.v1.Bytes;
import io.drover.master.api.v1.Call;
import io.drover.master.api.v1.Event;
import io.drover.master.api.v1.FrameworkID;
import io.drover.master.api.v1.Offer;
import io.drover.master.api.v1.OfferID;
import io.drover.master.api.v1.Resource;
import io.drover.master.api.v1.TaskInfo;
import io.drover.master.api.v1.TaskStatus;
import io.drover.scheduler.client.SchedulerClient;
import io.drover.scheduler.client.SchedulerClientTestAccess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The example framework against the tests' fake master: it launches from an offer, acks, and finishes. */
final class SleepFrameworkTest {
  @Test void launchesTheTasksFromAnOfferAndFinishes() throws Exception {
    try (var m = SchedulerClientTestAccess.fakeMaster("m")) {
      SleepFramework fw = new SleepFramework(3, 1);
      try (SchedulerClient client = fw.connect(SchedulerClientTestAccess.url(m))) {
        await().until(client::isSubscribed);
        Offer offer = new Offer(new OfferID("m-O1"), new FrameworkID("m-0000"), new AgentID("m-S1"), "agent1", null,
            null, List.of(Resource.scalar("cpus", 1), Resource.scalar("mem", 1024)), List.of(), null, null, null);
        SchedulerClientTestAccess.send(m, Event.offers(List.of(offer)));
        await().until(() -> !SchedulerClientTestAccess.calls(m, Call.Type.ACCEPT).isEmpty());
        List<TaskInfo> launched = SchedulerClientTestAccess.calls(m, Call.Type.ACCEPT).getFirst().accept().operations()
            .getFirst().launch().taskInfos();
        assertThat(launched).extracting(t -> t.taskId().value()).containsExactly("sleep-0", "sleep-1", "sleep-2");
        assertThat(launched.getFirst().command().value()).isEqualTo("sleep 1");
        for (TaskInfo t : launched) {
          SchedulerClientTestAccess.send(m, Event.update(new TaskStatus(t.taskId(), TaskState.TASK_FINISHED, null,
              TaskStatusSource.SOURCE_EXECUTOR, null, null, t.agentId(), null, 1.7e9,
              Bytes.utf8(t.taskId().value()), null, null, null, null, null, null)));
        }
        Map<String, TaskState> states = fw.finished().get(10, TimeUnit.SECONDS);
        assertThat(states).containsOnlyKeys("sleep-0", "sleep-1", "sleep-2").containsValue(TaskState.TASK_FINISHED);
        await().atMost(Duration.ofSeconds(10))
            .until(() -> SchedulerClientTestAccess.calls(m, Call.Type.ACKNOWLEDGE).size() == 3);
      }
    }
  }
}
