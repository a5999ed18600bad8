package io.drover.bench.master;

import io.drover.common.recordio.RecordIoException;
import io.drover.master.api.agent.AgentCall;
import io.drover.master.api.agent.AgentEvent;
import io.drover.master.api.agent.AgentEventDecoder;
import io.drover.master.api.agent.AgentProtocol;
import io.drover.master.api.agent.AgentProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A lightweight stand-in for an agent: one virtual thread speaking the agent protocol over HTTP, the way the real
 * agent's master link does, with no containerizer behind it. It SUBSCRIBEs to the leader the shared detector names
 * (following 307s), keeps the RecordIO stream open, sends HEARTBEAT at the interval SUBSCRIBED named, and when the
 * stream ends waits a registration backoff (the real agent's: uniform in [bound/2, bound], the bound starting at
 * {@code initialBackoffMs} and doubling per failed attempt, reset on SUBSCRIBED) and subscribes again with its agent
 * id, reporting {@code tasksPerAgent} running tasks. Without a {@link TaskHandler} the events other than SUBSCRIBED
 * and ERROR are read and ignored; with one (the scale bench's simulated tasks) LAUNCH, KILL, ACKNOWLEDGED and
 * SHUTDOWN_FRAMEWORK go to it, and a re-registration reports the handler's running tasks instead.
 */
public final class SimulatedAgent implements AutoCloseable {
  /**
   * What "runs" the tasks of a simulated agent. Called on the agent's stream-reading thread, one event at a time and
   * in stream order; {@link #runningTasks()} is called on that thread too, before each re-registration.
   */
  public interface TaskHandler {
    /** The master answered SUBSCRIBED: updates go to {@code master} (base URI) from agent {@code agentId}. */
    void subscribed(String agentId, URI master);

    /** A LAUNCH, KILL, ACKNOWLEDGED or SHUTDOWN_FRAMEWORK event from the master. */
    void event(AgentEvent event);

    /** The tasks to report on re-registration. */
    List<AgentCall.RunningTask> runningTasks();
  }

  /**
   * @param resources total resources in Mesos text form
   * @param tasksPerAgent running tasks reported on every re-registration
   * @param initialBackoffMs first registration backoff bound (the real agent's default is 1 s)
   */
  public record Settings(String resources, int tasksPerAgent, long initialBackoffMs, long maxBackoffMs) {}

  /** Counters shared by all simulated agents. */
  public static final class Stats {
    final AtomicLong redirects = new AtomicLong();
    final AtomicLong unavailable = new AtomicLong(); // 503: no leader yet, or recovering
    final AtomicLong refused = new AtomicLong(); // any other non-200 answer, or ERROR events
    final AtomicLong connectFailures = new AtomicLong();
    final AtomicLong heartbeatFailures = new AtomicLong();
    /** Connection failures by exception and target port; at most 20 kinds are told apart. */
    final java.util.concurrent.ConcurrentHashMap<String, AtomicLong> failureKinds =
        new java.util.concurrent.ConcurrentHashMap<>();

    void connectFailure(IOException e, URI target) {
      connectFailures.incrementAndGet();
      String message = String.valueOf(e.getMessage());
      String kind = e.getClass().getSimpleName() + " (" + message.substring(0, Math.min(60, message.length()))
          + ") from port " + target.getPort();
      if (failureKinds.size() < 20 || failureKinds.containsKey(kind)) {
        failureKinds.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
      }
    }
  }

  private static final String PATH = "/api/v1/agent";
  private static final int MAX_REDIRECTS = 4;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  static final String TASK_RESOURCES = "cpus:0.5;mem:256";

  private final int index;
  private final Settings settings;
  private final HttpClient http;
  private final ScheduledExecutorService timer;
  private final Supplier<Optional<URI>> leader;
  private final Stats stats;
  private final Random rng;
  private final TaskHandler tasks; // null: events ignored, synthetic running tasks on re-registration
  private volatile boolean closed;
  private volatile String agentId;
  private volatile InputStream body;
  private volatile long subscribedNanos;
  private volatile int subscriptions;
  private volatile long streamEndedNanos;
  private Thread thread;

  /** @param leader the current leading master's base URI ({@code http://host:port/}), if one is known */
  SimulatedAgent(int index, Settings settings, HttpClient http, ScheduledExecutorService timer,
      Supplier<Optional<URI>> leader, Stats stats, long seed) {
    this(index, settings, http, timer, leader, stats, seed, null);
  }

  /**
   * An agent whose tasks {@code tasks} runs ({@code settings.tasksPerAgent()} is then unused); {@code http} and
   * {@code timer} (heartbeats) are meant to be shared by all agents.
   */
  public SimulatedAgent(int index, Settings settings, HttpClient http, ScheduledExecutorService timer,
      Supplier<Optional<URI>> leader, Stats stats, long seed, TaskHandler tasks) {
    this.tasks = tasks;
    this.index = index;
    this.settings = settings;
    this.http = http;
    this.timer = timer;
    this.leader = leader;
    this.stats = stats;
    this.rng = new Random(seed);
  }

  public void start() { thread = Thread.ofVirtual().name("sim-agent-" + index).start(this::run); }

  /** How many times a master answered SUBSCRIBED. */
  public int subscriptions() { return subscriptions; }

  /** {@link System#nanoTime()} when the latest SUBSCRIBED arrived. */
  long subscribedNanos() { return subscribedNanos; }

  /** {@link System#nanoTime()} when the latest stream that had carried SUBSCRIBED ended; 0 if none has. */
  long streamEndedNanos() { return streamEndedNanos; }

  public Optional<String> agentId() { return Optional.ofNullable(agentId); }

  private void run() {
    long boundMs = settings.initialBackoffMs();
    while (!closed) {
      Optional<URI> master = leader.get();
      if (master.isEmpty()) {
        if (!pause(20)) return; // the real agent waits for the detector's next leader change
        continue;
      }
      boolean subscribed;
      try {
        subscribed = attempt(master.get().resolve(PATH));
      } catch (IOException e) {
        if (!closed) stats.connectFailure(e, master.get());
        subscribed = false;
      } catch (InterruptedException e) {
        return;
      }
      if (closed) return;
      if (subscribed) boundMs = settings.initialBackoffMs();
      long delayMs = boundMs / 2 + (long) (rng.nextDouble() * (boundMs - boundMs / 2 + 1));
      boundMs = Math.min(settings.maxBackoffMs(), boundMs * 2);
      if (!pause(delayMs)) return;
    }
  }

  /** SUBSCRIBE (following redirects) and read the stream to its end; whether SUBSCRIBED arrived. */
  private boolean attempt(URI target) throws IOException, InterruptedException {
    byte[] call = AgentProtocol.encode(subscribeCall());
    for (int hop = 0; hop <= MAX_REDIRECTS && !closed; hop++) {
      HttpRequest request = HttpRequest.newBuilder(target).timeout(REQUEST_TIMEOUT)
          .header("Content-Type", AgentProtocol.CONTENT_TYPE).header("Accept", "application/recordio")
          .POST(HttpRequest.BodyPublishers.ofByteArray(call)).build();
      HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      int status = response.statusCode();
      if (status == 200) return readStream(target.resolve("/"), response.body());
      try (InputStream drained = response.body()) {
        drained.readAllBytes();
      }
      Optional<String> location = response.headers().firstValue("Location");
      if (status == 307 && location.isPresent()) {
        stats.redirects.incrementAndGet();
        String loc = location.get().strip();
        target = loc.startsWith("//") ? URI.create(target.getScheme() + ":" + loc) : target.resolve(loc);
        continue;
      }
      if (status == 503) stats.unavailable.incrementAndGet();
      else stats.refused.incrementAndGet();
      return false;
    }
    return false;
  }

  private boolean readStream(URI master, InputStream in) throws IOException {
    body = in;
    if (closed) {
      in.close();
      return false;
    }
    AgentEventDecoder decoder = new AgentEventDecoder();
    ScheduledFuture<?> heartbeat = null;
    boolean subscribed = false;
    byte[] buffer = new byte[8192];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        for (AgentEvent event : decoder.feed(Arrays.copyOf(buffer, n))) {
          switch (event) {
            case AgentEvent.Subscribed s -> {
              agentId = s.agentId();
              subscribedNanos = System.nanoTime();
              subscriptions++;
              subscribed = true;
              if (tasks != null) tasks.subscribed(s.agentId(), master);
              long every = s.heartbeatIntervalMs();
              if (heartbeat != null) heartbeat.cancel(false);
              heartbeat = timer.scheduleAtFixedRate(() -> heartbeat(master), every, every, TimeUnit.MILLISECONDS);
            }
            case AgentEvent.Error e -> {
              stats.refused.incrementAndGet();
              return subscribed;
            }
            case AgentEvent.Launch l -> { if (tasks != null) tasks.event(l); }
            case AgentEvent.Kill k -> { if (tasks != null) tasks.event(k); }
            case AgentEvent.Acknowledged a -> { if (tasks != null) tasks.event(a); }
            case AgentEvent.ShutdownFramework sf -> { if (tasks != null) tasks.event(sf); }
            case AgentEvent.Ping p -> { }
          }
        }
      }
    } catch (IOException e) {
      if (!closed && !subscribed) throw e; // a stream that broke after SUBSCRIBED is the failover itself
    } catch (RecordIoException | AgentProtocolException e) {
      stats.refused.incrementAndGet();
    } finally {
      if (heartbeat != null) heartbeat.cancel(false);
      if (subscribed) streamEndedNanos = System.nanoTime();
      body = null;
      in.close();
    }
    return subscribed;
  }

  private void heartbeat(URI master) {
    String id = agentId;
    if (id == null || closed) return;
    HttpRequest request = HttpRequest.newBuilder(master.resolve(PATH)).timeout(REQUEST_TIMEOUT)
        .header("Content-Type", AgentProtocol.CONTENT_TYPE)
        .POST(HttpRequest.BodyPublishers.ofByteArray(AgentProtocol.encode(new AgentCall.Heartbeat(id)))).build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
      if (e != null || r.statusCode() != 202) stats.heartbeatFailures.incrementAndGet();
    });
  }

  private AgentCall.Subscribe subscribeCall() {
    String id = agentId;
    List<AgentCall.RunningTask> tasks = new ArrayList<>();
    if (id != null && this.tasks != null) {
      tasks.addAll(this.tasks.runningTasks());
    } else if (id != null) {
      for (int t = 0; t < settings.tasksPerAgent(); t++) {
        tasks.add(new AgentCall.RunningTask("bench-fw-" + (index % 10), "sim-" + index + "-" + t, "sim", "*",
            TASK_RESOURCES, "TASK_RUNNING"));
      }
    }
    return new AgentCall.Subscribe(Optional.ofNullable(id), "sim-agent-" + index, 1024 + index % 64_000,
        settings.resources(), "", tasks, "drover-bench");
  }

  /** Sleeps {@code ms}; false when closed or interrupted meanwhile. */
  private boolean pause(long ms) {
    try {
      Thread.sleep(ms);
      return !closed;
    } catch (InterruptedException e) {
      return false;
    }
  }

  /** Whether connections failed or masters refused: {@code connectFailures}, {@code refused}, heartbeat failures. */
  public static String describe(Stats stats) {
    return "connect failures " + stats.connectFailures.get() + ", refused " + stats.refused.get() + ", 503s "
        + stats.unavailable.get() + ", heartbeat failures " + stats.heartbeatFailures.get() + ", redirects "
        + stats.redirects.get() + (stats.failureKinds.isEmpty() ? "" : ", kinds " + stats.failureKinds);
  }

  @Override public void close() {
    closed = true;
    InputStream in = body;
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        stats.connectFailures.incrementAndGet(); // closing a broken stream; nothing else to do at shutdown
      }
    }
    if (thread != null) thread.interrupt();
  }
}
