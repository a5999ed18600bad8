package io.drover.apps.placement;

import static io.drover.apps.placement.Fixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.common.json.Json;
import io.drover.master.api.v1.Offer;
import java.util.List;
import org.junit.jupiter.api.Test;

final class QueueItemJsonTest {
  private static final long T0 = 1_443_196_428_343L; // 2015-09-25T15:53:48.343Z

  @Test
  void queueItemHasMarathonsShape() throws Exception {
    LaunchQueue q = LaunchQueue.defaults();
    q.add("/web", "v1", "*", BackoffPolicy.defaults(), 2, T0);
    OfferStatistics stats = new OfferStatistics(100);
    Offer o = offer("""
        {"id":{"value":"off-1"},"agent_id":{"value":"agent-1"},"hostname":"srv1","allocation_info":{"role":"*"},
         "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":0.5}},
                      {"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":31005}]},
                       "reservations":[{"type":"STATIC","role":"prod"}]},
                      {"name":"disks","type":"SET","set":{"item":["a","b"]}}],
         "attributes":[{"name":"rack","type":"TEXT","text":{"value":"r1"}},
                       {"name":"level","type":"SCALAR","scalar":{"value":3}}]}
        """);
    stats.record("/web", o, new MatchResult.NoMatch(List.of(Reason.InsufficientMemory, Reason.InsufficientCpus)),
        T0 + 1000);
    LaunchQueue.Entry e = q.entry("/web").orElseThrow();
    ObjectNode json = QueueItemJson.toJson(e, q.queueDelay("/web", T0 + 2000), stats.summary("/web"), true);
    JsonNode expected = Json.camelCase().readTree("""
        {"count":2,"role":"*","delay":{"timeLeftSeconds":0,"overdue":true},"since":"2015-09-25T15:53:48.343Z",
         "processedOffersSummary":{"processedOffersCount":1,"unusedOffersCount":1,
           "lastUnusedOfferAt":"2015-09-25T15:53:49.343Z",
           "rejectSummaryLastOffers":[
             {"reason":"UnfulfilledRole","declined":0,"processed":1},
             {"reason":"UnfulfilledConstraint","declined":0,"processed":1},
             {"reason":"NoCorrespondingReservationFound","declined":0,"processed":1},
             {"reason":"AgentMaintenance","declined":0,"processed":1},
             {"reason":"InsufficientCpus","declined":1,"processed":1},
             {"reason":"InsufficientMemory","declined":0,"processed":0},
             {"reason":"InsufficientDisk","declined":0,"processed":0},
             {"reason":"InsufficientGpus","declined":0,"processed":0},
             {"reason":"InsufficientPorts","declined":0,"processed":0},
             {"reason":"DeclinedScarceResources","declined":0,"processed":0}],
           "rejectSummaryLaunchAttempt":[
             {"reason":"UnfulfilledRole","declined":0,"processed":1},
             {"reason":"UnfulfilledConstraint","declined":0,"processed":1},
             {"reason":"NoCorrespondingReservationFound","declined":0,"processed":1},
             {"reason":"AgentMaintenance","declined":0,"processed":1},
             {"reason":"InsufficientCpus","declined":1,"processed":1},
             {"reason":"InsufficientMemory","declined":0,"processed":0},
             {"reason":"InsufficientDisk","declined":0,"processed":0},
             {"reason":"InsufficientGpus","declined":0,"processed":0},
             {"reason":"InsufficientPorts","declined":0,"processed":0},
             {"reason":"DeclinedScarceResources","declined":0,"processed":0}]},
         "lastUnusedOffers":[{"offer":{"id":"off-1","hostname":"srv1","agentId":"agent-1",
             "resources":[{"name":"cpus","role":"*","scalar":0.5},
                          {"name":"ports","role":"prod","ranges":[{"begin":31000,"end":31005}]},
                          {"name":"disks","role":"*","set":["a","b"]}],
             "attributes":[{"name":"rack","text":"r1"},{"name":"level","scalar":3.0}]},
           "reason":["InsufficientCpus","InsufficientMemory"],"timestamp":"2015-09-25T15:53:49.343Z"}]}
        """);
    assertThat(Json.camelCase().readTree(json.toString())).isEqualTo(expected); // compares numbers by value

    ObjectNode without = QueueItemJson.toJson(e, QueueDelay.NONE, stats.summary("/web"), false);
    assertThat(without.has("lastUnusedOffers")).isFalse();
    assertThat(without.path("processedOffersSummary").has("lastUsedOfferAt")).isFalse();
  }

  @Test
  void delayedItemShowsTimeLeft() {
    LaunchQueue q = LaunchQueue.defaults();
    BackoffPolicy p = new BackoffPolicy(30, 1.15, 300);
    q.add("/web", "v1", "dev", p, 1, T0);
    q.taskTerminated("/web", "v1", io.drover.common.mesos.TaskState.TASK_FAILED, p, T0);
    ObjectNode json = QueueItemJson.toJson(q.entry("/web").orElseThrow(), q.queueDelay("/web", T0 + 10_000),
        new OfferStatistics(1).summary("/web"), false);
    assertThat(json.path("role").asText()).isEqualTo("dev");
    assertThat(json.path("delay").path("timeLeftSeconds").asLong()).isEqualTo(20);
    assertThat(json.path("delay").path("overdue").asBoolean()).isFalse();
    assertThat(json.path("processedOffersSummary").path("processedOffersCount").asInt()).isZero();
  }
}
