package io.drover.master.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.common.mesos.TaskState;
import io.drover.master.api.v1.ApiJson;
import io.drover.master.cluster.AgentStatus;
import io.drover.master.cluster.ClusterCore;
import io.drover.master.cluster.Task;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The master's Prometheus metrics ({@code GET /metrics}) and a Mesos-named JSON snapshot ({@code /metrics/snapshot}).
 * Counts are refreshed from the core on the loop thread every second; gauges read the last refresh.
 */
final class MasterMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<AgentStatus, AtomicLong> agents = new EnumMap<>(AgentStatus.class);
  private final Map<TaskState, AtomicLong> tasks = new EnumMap<>(TaskState.class);
  private final AtomicLong frameworksConnected = new AtomicLong();
  private final AtomicLong frameworksDisconnected = new AtomicLong();
  private final AtomicLong offers = new AtomicLong();
  private final AtomicLong queued = new AtomicLong();
  private final Timer allocation;
  private final BooleanSupplier elected;

  MasterMetrics(BooleanSupplier elected, IntSupplier queueSize) {
    this.elected = elected;
    Gauge.builder("drover_master_elected", () -> elected.getAsBoolean() ? 1 : 0)
        .description("1 when this master is the acting leader").register(registry);
    for (AgentStatus s : AgentStatus.values()) {
      AtomicLong v = new AtomicLong();
      agents.put(s, v);
      Gauge.builder("drover_master_agents", v, AtomicLong::get).tag("status", s.name().toLowerCase())
          .description("agents by registry status").register(registry);
    }
    for (TaskState s : TaskState.values()) {
      AtomicLong v = new AtomicLong();
      tasks.put(s, v);
      Gauge.builder("drover_master_tasks", v, AtomicLong::get).tag("state", s.name())
          .description("live tasks by latest state").register(registry);
    }
    Gauge.builder("drover_master_frameworks", frameworksConnected, AtomicLong::get).tag("state", "connected")
        .register(registry);
    Gauge.builder("drover_master_frameworks", frameworksDisconnected, AtomicLong::get).tag("state", "disconnected")
        .register(registry);
    Gauge.builder("drover_master_outstanding_offers", offers, AtomicLong::get).register(registry);
    Gauge.builder("drover_master_events_queued", () -> queueSize.getAsInt())
        .description("work items waiting for the master loop").register(registry);
    allocation = Timer.builder("drover_master_allocation_cycle").description("allocation cycle time")
        .register(registry);
  }

  void allocationCycle(long nanos) { allocation.record(nanos, TimeUnit.NANOSECONDS); }

  /** Loop thread: copies counts from the core. */
  void refresh(ClusterCore core, int queueSize) {
    Map<AgentStatus, Long> a = new EnumMap<>(AgentStatus.class);
    core.agentInfos().keySet().forEach(id -> core.agentStatus(id).ifPresent(s -> a.merge(s, 1L, Long::sum)));
    agents.forEach((s, v) -> v.set(a.getOrDefault(s, 0L)));
    Map<TaskState, Long> t = new EnumMap<>(TaskState.class);
    for (Task task : core.tasks()) t.merge(task.state(), 1L, Long::sum);
    tasks.forEach((s, v) -> v.set(t.getOrDefault(s, 0L)));
    long connected = core.frameworkIds().stream().filter(core::isConnected).count();
    frameworksConnected.set(connected);
    frameworksDisconnected.set(core.frameworkIds().size() - connected);
    offers.set(core.offers().size());
    queued.set(queueSize);
  }

  String scrape() { return registry.scrape(); }

  /** A few gauges under their Mesos names. */
  ObjectNode snapshot() {
    ObjectNode o = ApiJson.mapper().createObjectNode();
    o.put("master/elected", elected.getAsBoolean() ? 1.0 : 0.0);
    o.put("master/slaves_active", agents.get(AgentStatus.REGISTERED).get());
    o.put("master/slaves_unreachable", agents.get(AgentStatus.UNREACHABLE).get());
    o.put("master/frameworks_connected", frameworksConnected.get());
    o.put("master/frameworks_disconnected", frameworksDisconnected.get());
    o.put("master/outstanding_offers", offers.get());
    o.put("master/tasks_staging", tasks.get(TaskState.TASK_STAGING).get());
    o.put("master/tasks_starting", tasks.get(TaskState.TASK_STARTING).get());
    o.put("master/tasks_running", tasks.get(TaskState.TASK_RUNNING).get());
    o.put("master/tasks_killing", tasks.get(TaskState.TASK_KILLING).get());
    o.put("master/tasks_unreachable", tasks.get(TaskState.TASK_UNREACHABLE).get());
    o.put("master/event_queue_messages", queued.get());
    return o;
  }

  void close() { registry.close(); }
}
