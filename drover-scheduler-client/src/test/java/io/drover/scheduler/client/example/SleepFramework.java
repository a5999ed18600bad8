package io.drover.scheduler.client.example;

import io.drover.common.mesos.TaskState;
import io.drover.common.random.Rng;
import io.drover.common.time.Clock;
import io.drover.master.api.v1.Call;
import io.drover.master.api.v1.CommandInfo;
import io.drover.master.api.v1.Event;
import io.drover.master.api.v1.Filters;
import io.drover.master.api.v1.FrameworkInfo;
import io.drover.master.api.v1.Offer;
import io.drover.master.api.v1.Resource;
import io.drover.master.api.v1.TaskID;
import io.drover.master.api.v1.TaskInfo;
import io.drover.master.api.v1.TaskStatus;
import io.drover.master.api.v1.Value;
import io.drover.scheduler.client.Reconciler;
import io.drover.scheduler.client.Scheduler;
import io.drover.scheduler.client.SchedulerClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Example framework (docs/example-framework.md): launches {@code count} {@code sleep} tasks from offers, lets the
 * client acknowledge their updates, reconciles after every (re)subscription, and tears itself down when all tasks
 * have ended. Usage: {@code SleepFramework [master] [count] [seconds]}, master defaulting to
 * {@code zk://127.0.0.1:2181/drover/master}.
 */
public final class SleepFramework implements Scheduler {
  static final double TASK_CPUS = 0.1;
  static final double TASK_MEM_MB = 32;

  private final int count;
  private final int seconds;
  private final Map<String, TaskStatus> latest = new ConcurrentHashMap<>();
  private final CompletableFuture<Map<String, TaskState>> finished = new CompletableFuture<>();
  private int launched; // touched only by callbacks, which run on the client's one dispatcher thread
  private Reconciler reconciler;

  public SleepFramework(int count, int seconds) {
    this.count = count;
    this.seconds = seconds;
  }

  public static void main(String[] args) throws Exception {
    String master = args.length > 0 ? args[0] : "zk://127.0.0.1:2181/drover/master";
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    SleepFramework framework = new SleepFramework(count, seconds);
    SchedulerClient client = framework.connect(master);
    Map<String, TaskState> states = framework.finished().get();
    states.forEach((task, state) -> System.out.println(task + " " + state));
    client.teardownAndClose(Duration.ofSeconds(10));
  }

  /** Builds and starts the client (auto-acknowledge on, the default). */
  public SchedulerClient connect(String master) {
    FrameworkInfo info = new FrameworkInfo(System.getProperty("user.name", "root"), "sleep-framework", null,
        600.0 /* failover_timeout: survive a 10-minute disconnection */, true, null, List.of("*"), null, null, null,
        List.of(new FrameworkInfo.Capability(FrameworkInfo.CapabilityType.MULTI_ROLE),
            new FrameworkInfo.Capability(FrameworkInfo.CapabilityType.PARTITION_AWARE)), null, null);
    SchedulerClient client = SchedulerClient.builder().master(master).frameworkInfo(info).scheduler(this).build();
    reconciler = new Reconciler(client, Clock.system(), Rng.fromEntropy(), Reconciler.DEFAULT_BACKOFF);
    client.start();
    return client;
  }

  /** Completes with every task's final state once all {@code count} tasks have ended. */
  public CompletableFuture<Map<String, TaskState>> finished() { return finished; }

  @Override public void subscribed(SchedulerClient client, Event.Subscribed subscribed) {
    // After a reconnect or master failover: ask about every task we believe is still alive.
    List<Call.ReconcileTask> alive = latest.values().stream().filter(s -> !s.state().isTerminal())
        .map(s -> new Call.ReconcileTask(s.taskId(), s.agentId())).toList();
    reconciler.reconcile(alive).whenComplete((ok, e) -> {
      if (e != null) System.err.println("reconciliation stopped: " + e);
    });
  }

  @Override public void offers(SchedulerClient client, List<Offer> offers) {
    for (Offer offer : offers) {
      List<TaskInfo> tasks = new ArrayList<>();
      double cpus = scalar(offer, "cpus");
      double mem = scalar(offer, "mem");
      while (launched < count && cpus >= TASK_CPUS && mem >= TASK_MEM_MB) {
        String id = "sleep-" + launched++;
        tasks.add(task(id, offer));
        cpus -= TASK_CPUS;
        mem -= TASK_MEM_MB;
      }
      if (tasks.isEmpty()) {
        client.decline(List.of(offer.id()), new Filters(30.0));
      } else {
        client.launch(offer.id(), tasks, new Filters(5.0)).whenComplete((ok, e) -> {
          if (e != null) System.err.println("launch on " + offer.hostname() + " failed: " + e);
        });
      }
    }
    if (launched >= count) client.suppress(List.of()); // no more offers needed
  }

  @Override public void update(SchedulerClient client, TaskStatus status) {
    reconciler.onUpdate(status);
    latest.put(status.taskId().value(), status);
    System.out.println(status.taskId().value() + " -> " + status.state()
        + (status.message() == null ? "" : " (" + status.message() + ")"));
    if (latest.size() == count && latest.values().stream().allMatch(s -> s.state().isTerminal())) {
      Map<String, TaskState> states = new java.util.TreeMap<>();
      latest.forEach((id, s) -> states.put(id, s.state()));
      finished.complete(states);
    }
  }

  @Override public void error(SchedulerClient client, String message) { System.err.println("master error: " + message); }

  @Override public void disconnected(SchedulerClient client, String reason) {
    System.err.println("disconnected (reconnecting): " + reason);
  }

  private TaskInfo task(String id, Offer offer) {
    Resource.AllocationInfo allocation = offer.resources().stream().map(Resource::allocationInfo)
        .filter(java.util.Objects::nonNull).findFirst().orElse(offer.allocationInfo());
    List<Resource> resources = List.of(resource("cpus", TASK_CPUS, allocation), resource("mem", TASK_MEM_MB, allocation));
    return new TaskInfo(id, new TaskID(id), offer.agentId(), resources, null,
        new CommandInfo(null, null, true, "sleep " + seconds, null, null), null, null, null, null, null, null, null,
        null, null);
  }

  private static Resource resource(String name, double value, Resource.AllocationInfo allocation) {
    return new Resource(null, name, Value.Type.SCALAR, new Value.Scalar(value), null, null, null, allocation, null,
        null, null, null, null);
  }

  /** The offer's unreserved amount of a scalar resource. */
  private static double scalar(Offer offer, String name) {
    return offer.resources().stream()
        .filter(r -> name.equals(r.name()) && r.scalar() != null)
        .filter(r -> (r.reservations() == null || r.reservations().isEmpty()) && (r.role() == null || r.role().equals("*")))
        .mapToDouble(r -> r.scalar().value()).sum();
  }
}
