package io.drover.bench.master;

import io.drover.common.mesos.TaskState;
import io.drover.master.api.v1.AgentID;
import io.drover.master.api.v1.ApiJson;
import io.drover.master.api.v1.Event;
import io.drover.master.api.v1.Filters;
import io.drover.master.api.v1.FrameworkInfo;
import io.drover.master.api.v1.Offer;
import io.drover.master.api.v1.TaskID;
import io.drover.master.api.v1.TaskInfo;
import io.drover.master.api.v1.TaskStatus;
import io.drover.scheduler.client.Scheduler;
import io.drover.scheduler.client.SchedulerClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launch benchmark's framework, on the real {@link SchedulerClient}. It launches in rounds: {@link #round} queues
 * a batch of tasks and sends REVIVE; the first OFFERS event after that carries the batch (all its tasks on the first
 * offer), and the round ends when every task of the batch reported TASK_RUNNING. Each task's latency runs from the
 * moment the OFFERS event that carried it reached the scheduler callback to the moment its TASK_RUNNING update did.
 * Every other offer is declined with {@code refuse_seconds: 0}, so resources come back at the next allocation.
 *
 * <p>Threading: the callbacks run on the client's dispatcher thread; the round state is guarded by {@code this}.
 */
final class LaunchFramework implements Scheduler, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LaunchFramework.class);
  private static final Filters REFUSE_NONE = new Filters(0.0);

  private final SchedulerClient client;
  private final String taskCommand;
  private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
  /** Tasks launched and not yet terminal: task id → agent id. */
  private final Map<String, String> live = new LinkedHashMap<>();
  private List<String> pendingBatch; // queued by round(), taken by the next OFFERS event
  private Map<String, Long> offerNanos = new HashMap<>(); // task id → OFFERS receipt, for the open round
  private List<Double> roundLatenciesMs = new ArrayList<>();
  private CompletableFuture<List<Double>> roundDone;

  /** Subscribes a framework named {@code name} to {@code master} ({@code http://host:port}); tasks run {@code taskCommand}. */
  LaunchFramework(String master, String name, String taskCommand) {
    this.taskCommand = taskCommand;
    FrameworkInfo info = ApiJson.read("""
        {"user":"%s","name":"%s","roles":["*"],"capabilities":[{"type":"MULTI_ROLE"}]}"""
        .formatted(System.getProperty("user.name", "root"), name), FrameworkInfo.class);
    client = SchedulerClient.builder().master(master).frameworkInfo(info).scheduler(this).build();
    client.start();
  }

  void awaitSubscribed(Duration timeout) throws Exception {
    subscribed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Launches {@code taskIds} on the next offer and waits until all are RUNNING.
   *
   * @return each task's OFFERS-to-TASK_RUNNING latency in ms, in the order the updates arrived
   * @throws IllegalStateException if a task ends before RUNNING or the round does not finish in {@code timeout}
   */
  List<Double> round(List<String> taskIds, Duration timeout) throws Exception {
    CompletableFuture<List<Double>> done = new CompletableFuture<>();
    synchronized (this) {
      pendingBatch = List.copyOf(taskIds);
      offerNanos = new HashMap<>();
      roundLatenciesMs = new ArrayList<>();
      roundDone = done;
    }
    client.revive(List.of());
    try {
      return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      synchronized (this) {
        throw new IllegalStateException("round of " + taskIds.size() + " tasks did not reach TASK_RUNNING within "
            + timeout.toSeconds() + " s (" + roundLatenciesMs.size() + " running, "
            + (pendingBatch == null ? "launched" : "no offer came") + ")", e);
      }
    }
  }

  /** Kills every task that has not ended and waits (up to {@code timeout}) for them to end; returns those left. */
  int killAll(Duration timeout) throws InterruptedException {
    Map<String, String> toKill;
    synchronized (this) {
      toKill = Map.copyOf(live);
    }
    toKill.forEach((task, agent) -> client.kill(new TaskID(task), new AgentID(agent), null));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (this) {
        if (live.isEmpty()) return 0;
      }
      Thread.sleep(20);
    }
    synchronized (this) {
      return live.size();
    }
  }

  @Override public void subscribed(SchedulerClient c, Event.Subscribed s) { subscribed.complete(null); }

  @Override public void offers(SchedulerClient c, List<Offer> offers) {
    long receivedNanos = System.nanoTime();
    List<Offer> unused = new ArrayList<>(offers);
    synchronized (this) {
      if (pendingBatch != null && !offers.isEmpty()) {
        Offer offer = unused.remove(0);
        List<TaskInfo> tasks = new ArrayList<>();
        for (String id : pendingBatch) {
          tasks.add(task(id, offer));
          offerNanos.put(id, receivedNanos);
          live.put(id, offer.agentId().value());
        }
        pendingBatch = null;
        c.launch(offer.id(), tasks, REFUSE_NONE).whenComplete((v, e) -> {
          if (e != null) fail("LAUNCH was refused: " + e.getMessage());
        });
      }
    }
    if (!unused.isEmpty()) c.decline(unused.stream().map(Offer::id).toList(), REFUSE_NONE);
  }

  @Override public void update(SchedulerClient c, TaskStatus status) {
    long receivedNanos = System.nanoTime();
    String id = status.taskId().value();
    synchronized (this) {
      if (status.state().isTerminal()) live.remove(id);
      Long start = offerNanos.get(id);
      if (start == null) return; // not in the open round (e.g. an earlier round's sleep finishing)
      if (status.state() == TaskState.TASK_RUNNING) {
        offerNanos.remove(id);
        roundLatenciesMs.add((receivedNanos - start) / 1e6);
        if (offerNanos.isEmpty() && pendingBatch == null) roundDone.complete(List.copyOf(roundLatenciesMs));
      } else if (status.state().isTerminal()) {
        fail("task " + id + " reached " + status.state() + " before TASK_RUNNING: " + status.message()
            + " (reason " + status.reason() + ")");
      }
    }
  }

  @Override public void error(SchedulerClient c, String message) {
    log.warn("master sent ERROR to the launch benchmark's framework: {}", message);
    fail("master sent ERROR: " + message);
  }

  private synchronized void fail(String why) {
    if (roundDone != null) roundDone.completeExceptionally(new IllegalStateException(why));
  }

  private TaskInfo task(String id, Offer offer) {
    String role = offer.allocationInfo() == null ? "*" : offer.allocationInfo().role();
    String resources = """
        {"name":"cpus","type":"SCALAR","scalar":{"value":0.1},"allocation_info":{"role":"%1$s"}},
        {"name":"mem","type":"SCALAR","scalar":{"value":32},"allocation_info":{"role":"%1$s"}}""".formatted(role);
    return ApiJson.read("""
        {"name":"%1$s","task_id":{"value":"%1$s"},"agent_id":{"value":"%2$s"},"resources":[%3$s],
         "command":{"shell":true,"value":"%4$s"}}""".formatted(id, offer.agentId().value(), resources, taskCommand),
        TaskInfo.class);
  }

  /**
   * Closes the client. Every task was killed already; the framework has no failover timeout, so the master removes it
   * when its stream ends (a TEARDOWN here would race the acknowledgements of the last TASK_KILLED updates).
   */
  @Override public void close() { client.close(); }
}
