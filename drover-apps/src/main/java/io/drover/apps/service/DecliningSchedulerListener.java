package io.drover.apps.service;

import io.drover.master.api.v1.Filters;
import io.drover.master.api.v1.FrameworkID;
import io.drover.master.api.v1.Offer;
import io.drover.master.api.v1.TaskStatus;
import io.drover.scheduler.client.SchedulerClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener used until the scheduling core exists: nothing to launch, so every offer is declined with a long
 * refuse filter ({@code --decline_offer_duration}, 120 s) so the master offers those resources to other frameworks
 * instead of back to us every allocation cycle; task status updates are recorded (last status per task, bounded).
 */
public final class DecliningSchedulerListener implements SchedulerListener {
  private static final Logger log = LoggerFactory.getLogger(DecliningSchedulerListener.class);
  /** Bound on remembered task statuses; the oldest task is forgotten first. */
  public static final int MAX_TASKS = 10_000;

  private final Filters declineFilter;
  private final AtomicLong declined = new AtomicLong();
  private final Map<String, TaskStatus> lastStatus = new LinkedHashMap<>(16, 0.75f, false) {
    @Override protected boolean removeEldestEntry(Map.Entry<String, TaskStatus> eldest) {
      return size() > MAX_TASKS;
    }
  };

  public DecliningSchedulerListener(Duration declineOfferDuration) {
    this.declineFilter = new Filters(declineOfferDuration.toMillis() / 1000.0);
  }

  @Override public void subscribed(SchedulerClient client, FrameworkID frameworkId, boolean reregistered) {}

  @Override public void offers(SchedulerClient client, List<Offer> offers) {
    client.decline(offers.stream().map(Offer::id).toList(), declineFilter).whenComplete((ok, e) -> {
      if (e != null) log.warn("declining {} offers failed: {}", offers.size(), e.toString());
    });
    declined.addAndGet(offers.size());
  }

  @Override public CompletionStage<Void> updateAsync(SchedulerClient client, TaskStatus status) {
    synchronized (lastStatus) {
      lastStatus.put(status.taskId().value(), status);
    }
    return CompletableFuture.completedFuture(null);
  }

  /** Offers declined so far. */
  public long declinedOffers() { return declined.get(); }

  /** The last status of each task seen (at most {@link #MAX_TASKS}). */
  public Map<String, TaskStatus> lastStatuses() {
    synchronized (lastStatus) {
      return Map.copyOf(lastStatus);
    }
  }
}
