package io.drover.bench.scale;

import io.drover.bench.master.SimulatedAgent;
import io.drover.common.random.Rng;
import io.drover.master.api.agent.AgentCall;
import io.drover.master.api.agent.AgentEvent;
import io.drover.master.api.agent.AgentProtocol;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link SimulatedAgent.TaskHandler} of one simulated agent: a {@link SimulatedTaskTable} behind a lock, its
 * UPDATE calls posted asynchronously on the HTTP client all agents share (as the real agent's master link posts
 * them: {@code POST /api/v1/agent}, JSON, 202 expected). At most one update per task is in flight (the table's
 * contract), and at most {@code inFlight}'s permits across all agents: a sender waits for a permit. (The real agent
 * allows 256 posts in flight per agent and drops the rest for its 10 s retry; here every socket has both ends in one
 * JVM, so a shared bound keeps 1,000 agents inside the file descriptor limit, and waiting instead of dropping keeps
 * the bench from measuring a retry timer.) Retries are driven by {@link #retryDue()}, which one shared timer calls
 * for every agent.
 */
public final class SimulatedTasks implements SimulatedAgent.TaskHandler {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** Counters shared by all agents' tasks. */
  public static final class Stats {
    public final AtomicLong launches = new AtomicLong();
    public final AtomicLong kills = new AtomicLong();
    public final AtomicLong acks = new AtomicLong();
    public final AtomicLong updatesSent = new AtomicLong();
    public final AtomicLong updatesFailed = new AtomicLong();
  }

  private final SimulatedTaskTable table;
  private final HttpClient http;
  private final Stats stats;
  private final Semaphore inFlight;
  private volatile URI endpoint;

  /** @param inFlight shared by all agents: one permit per UPDATE post awaiting its answer */
  public SimulatedTasks(Rng rng, HttpClient http, Stats stats, Semaphore inFlight) {
    this.table = new SimulatedTaskTable(rng);
    this.http = http;
    this.stats = stats;
    this.inFlight = inFlight;
  }

  @Override public void subscribed(String agentId, URI master) {
    endpoint = master.resolve("/api/v1/agent");
    List<AgentCall.Update> out;
    synchronized (table) {
      out = table.registered(agentId, System.currentTimeMillis());
    }
    send(out);
  }

  @Override public void event(AgentEvent event) {
    long now = System.currentTimeMillis();
    List<AgentCall.Update> out;
    synchronized (table) {
      out = switch (event) {
        case AgentEvent.Launch l -> {
          stats.launches.incrementAndGet();
          yield table.launch(l, now);
        }
        case AgentEvent.Kill k -> {
          stats.kills.incrementAndGet();
          yield table.kill(k, now);
        }
        case AgentEvent.Acknowledged a -> {
          stats.acks.incrementAndGet();
          yield table.acknowledged(a, now);
        }
        case AgentEvent.ShutdownFramework s -> table.shutdownFramework(s);
        case AgentEvent.Subscribed s -> List.of();
        case AgentEvent.Ping p -> List.of();
        case AgentEvent.Error e -> List.of();
      };
    }
    send(out);
  }

  @Override public List<AgentCall.RunningTask> runningTasks() {
    synchronized (table) {
      return table.runningTasks();
    }
  }

  /** Resends every unacknowledged update whose retry is due, from a new virtual thread (sending may wait). */
  public void retryDue() {
    List<AgentCall.Update> out;
    synchronized (table) {
      out = table.due(System.currentTimeMillis());
    }
    if (!out.isEmpty()) Thread.ofVirtual().name("sim-agent-retry").start(() -> send(out));
  }

  public int taskCount() {
    synchronized (table) {
      return table.taskCount();
    }
  }

  private void send(List<AgentCall.Update> updates) {
    URI target = endpoint;
    if (target == null) return;
    for (AgentCall.Update u : updates) {
      HttpRequest request = HttpRequest.newBuilder(target).timeout(REQUEST_TIMEOUT)
          .header("Content-Type", AgentProtocol.CONTENT_TYPE)
          .POST(HttpRequest.BodyPublishers.ofByteArray(AgentProtocol.encode(u))).build();
      try {
        inFlight.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return; // the agent is closing; unsent updates do not matter any more
      }
      stats.updatesSent.incrementAndGet();
      http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
        inFlight.release();
        // A lost update is resent by retryDue() after the real agent's backoff (10 s, doubling).
        if (e != null || r.statusCode() != 202) stats.updatesFailed.incrementAndGet();
      });
    }
  }
}
