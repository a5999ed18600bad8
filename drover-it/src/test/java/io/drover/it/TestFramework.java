package io.drover.it;

import io.drover.common.mesos.TaskState;
import io.drover.master.api.v1.ApiJson;
import io.drover.master.api.v1.Event;
import io.drover.master.api.v1.Filters;
import io.drover.master.api.v1.FrameworkInfo;
import io.drover.master.api.v1.Offer;
import io.drover.master.api.v1.TaskInfo;
import io.drover.master.api.v1.TaskStatus;
import io.drover.scheduler.client.Scheduler;
import io.drover.scheduler.client.SchedulerClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.awaitility.Awaitility;

/**
 * A framework for end-to-end tests, on the real {@link SchedulerClient}: it records every update and subscription,
 * and launches queued tasks on the next offer that fits (declining the rest). Auto-acknowledgement stays on.
 */
final class TestFramework implements Scheduler, AutoCloseable {
  private final List<TaskStatus> updates = new CopyOnWriteArrayList<>();
  private final List<String> subscribedIds = new CopyOnWriteArrayList<>();
  private final AtomicInteger offersSeen = new AtomicInteger();
  /** Launch requests: offer → task infos (the agent id and resources are filled from the offer). */
  private final Deque<Function<Offer, TaskInfo>> pending = new ArrayDeque<>();
  private final SchedulerClient client;

  /**
   * @param frameworkInfoJson the v1 FrameworkInfo as JSON (name, checkpoint, failover_timeout, capabilities…)
   */
  TestFramework(String master, String frameworkInfoJson) {
    FrameworkInfo info = ApiJson.read(frameworkInfoJson, FrameworkInfo.class);
    client = SchedulerClient.builder().master(master).frameworkInfo(info).scheduler(this).build();
    client.start();
    Awaitility.await("framework subscribed").atMost(Duration.ofSeconds(30)).until(() -> !subscribedIds.isEmpty());
  }

  /** Queues a task, built from the offer it lands on (see {@link #task}), for the next offers. */
  void launch(Function<Offer, TaskInfo> task) {
    synchronized (pending) {
      pending.add(task);
    }
    client.revive(List.of());
  }

  /**
   * A v1 TaskInfo from JSON text with {@code AGENT} replaced by the offer's agent id and {@code ROLE} by the
   * offer's allocation role.
   */
  static Function<Offer, TaskInfo> task(String json) {
    return offer -> ApiJson.read(json.replace("AGENT", offer.agentId().value())
        .replace("ROLE", offer.allocationInfo() == null ? "*" : offer.allocationInfo().role()), TaskInfo.class);
  }

  SchedulerClient client() { return client; }

  String frameworkId() { return client.frameworkId().orElseThrow().value(); }

  List<String> subscribedIds() { return List.copyOf(subscribedIds); }

  List<TaskStatus> updates() { return List.copyOf(updates); }

  /** Every update of {@code taskId}, in arrival order. */
  List<TaskStatus> updates(String taskId) {
    return updates.stream().filter(s -> s.taskId().value().equals(taskId)).toList();
  }

  /** The latest state of the task, or null. */
  TaskState state(String taskId) {
    List<TaskStatus> u = updates(taskId);
    return u.isEmpty() ? null : u.get(u.size() - 1).state();
  }

  /** Waits until the task's latest update has {@code state}. */
  TaskStatus awaitState(String taskId, TaskState state, Duration timeout) {
    Awaitility.await(taskId + " reaches " + state + " (updates so far: " + updates(taskId) + ")")
        .atMost(timeout).until(() -> state(taskId) == state);
    List<TaskStatus> u = updates(taskId);
    return u.get(u.size() - 1);
  }

  @Override public void subscribed(SchedulerClient c, Event.Subscribed subscribed) {
    subscribedIds.add(subscribed.frameworkId().value());
  }

  @Override public void offers(SchedulerClient c, List<Offer> offers) {
    offersSeen.addAndGet(offers.size());
    for (Offer offer : offers) {
      Function<Offer, TaskInfo> next;
      synchronized (pending) {
        next = pending.poll();
      }
      if (next == null) {
        c.decline(List.of(offer.id()), new Filters(1.0));
      } else {
        c.launch(offer.id(), List.of(Objects.requireNonNull(next.apply(offer))), new Filters(0.0));
      }
    }
  }

  @Override public void update(SchedulerClient c, TaskStatus status) { updates.add(status); }

  @Override public void close() { client.close(); }
}
