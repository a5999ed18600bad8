package io.drover.agent.node;

import io.drover.common.random.Rng;
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
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's link to the leading master (edge): subscribes over {@code POST /api/v1/agent} (the agent protocol of
 * {@code io.drover.master.api.agent}), dispatches the events of the RecordIO stream to the {@link AgentTasks}
 * engine, heartbeats, and posts the engine's status updates.
 *
 * <p>Behaviour:
 * <ul>
 *   <li>The leader comes from a {@link MasterLocator}. A 307 answer is followed (protocol-relative {@code Location}
 *       {@code //host:port/path} included, at most {@value #MAX_REDIRECTS} hops); 503 (no leader, or recovering)
 *       and every other failure are retried after a {@link RegistrationBackoff} delay (1 s doubling to 1 min, with
 *       jitter), which is reset by each SUBSCRIBED.
 *   <li>SUBSCRIBE carries the id from the previous SUBSCRIBED, or else {@link AgentTasks#recoveredAgentId()}, and
 *       {@link AgentTasks#runningTasks()}. SUBSCRIBED calls {@link AgentTasks#registered} then
 *       {@link AgentTasks#masterChanged}, before any later event of that stream is dispatched.
 *   <li>The stream is dropped and the agent resubscribes when no event (PINGs included) arrives for the
 *       {@code ping_timeout_ms} named in SUBSCRIBED ({@link MasterLinkSettings#subscribeTimeoutMs()} until then),
 *       when the stream ends or cannot be decoded, or when the locator reports a different leader.
 *   <li>An ERROR event is logged; if it orders the agent to shut down (its message says "shut down" or
 *       "shutdown") the {@link ExitAction} is called with status 1 and the link stops. Otherwise the agent
 *       resubscribes after a backoff.
 * </ul>
 *
 * <p>Threads: one virtual thread runs the subscribe loop and reads the stream (so events reach the engine in stream
 * order); one scheduler thread sends heartbeats and watches the ping timeout. Updates are posted asynchronously,
 * at most {@link MasterLinkSettings#maxInFlightUpdates()} at a time; a failed or refused post is only logged, as the
 * engine retries the head of each stream.
 */
public final class MasterLink implements AgentTasks.UpdateSender, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MasterLink.class);
  static final int MAX_REDIRECTS = 5;
  private static final String PATH = "/api/v1/agent";
  private static final int READ_BUFFER_BYTES = 16 * 1024;
  private static final int MAX_ERROR_BODY_BYTES = 2048;

  /** How the link stops the agent process when the master orders it to; called on the link's thread. */
  @FunctionalInterface
  public interface ExitAction {
    void exit(int status, String reason);
  }

  /** How one subscription attempt ended. */
  private enum Outcome { SUBSCRIBED_THEN_ENDED, FAILED, STOPPED }

  private final MasterLocator locator;
  private final AgentTasks tasks;
  private final MasterLinkSettings settings;
  private final ExitAction exitAction;
  private final RegistrationBackoff backoff;
  private final ExecutorService httpExecutor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http;
  private final ScheduledExecutorService timer;
  private final Semaphore updateSlots;
  private final Object signal = new Object();
  private final Thread loop;

  private volatile boolean closed;
  private volatile Optional<String> agentId = Optional.empty();
  /** The master whose stream is open and SUBSCRIBED; null otherwise. */
  private volatile URI subscribedMaster;
  /** The stream being read, so another thread can abort it; null between streams. */
  private volatile InputStream currentBody;
  /** What the locator said when the current attempt began: a different answer means the leader changed. */
  private volatile Optional<URI> attemptLeader = Optional.empty();
  private volatile long lastEventNanos;
  private volatile long eventTimeoutMs;
  private volatile String abortReason;
  private boolean leaderChanged; // guarded by signal

  private MasterLink(MasterLocator locator, AgentTasks tasks, MasterLinkSettings settings, Rng rng,
      ExitAction exitAction) {
    this.locator = Objects.requireNonNull(locator, "locator");
    this.tasks = Objects.requireNonNull(tasks, "tasks");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.exitAction = Objects.requireNonNull(exitAction, "exitAction");
    this.backoff = new RegistrationBackoff(settings.initialBackoffMs(), settings.maxBackoffMs(), rng);
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(settings.subscribeTimeoutMs()))
        .followRedirects(HttpClient.Redirect.NEVER).executor(httpExecutor).build();
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "agent-link-timer");
      t.setDaemon(true);
      return t;
    });
    this.updateSlots = new Semaphore(settings.maxInFlightUpdates());
    this.loop = Thread.ofVirtual().name("agent-master-link").unstarted(this::run);
    this.agentId = tasks.recoveredAgentId();
  }

  /**
   * Starts the link: starts {@code locator} (the link owns it from now on) and begins subscribing.
   *
   * @throws Exception if the locator cannot start (e.g. a bad ZooKeeper connect string)
   */
  public static MasterLink start(MasterLocator locator, AgentTasks tasks, MasterLinkSettings settings, Rng rng,
      ExitAction exitAction) throws Exception {
    MasterLink link = new MasterLink(locator, tasks, settings, rng, exitAction);
    try {
      locator.start(link::onLeaderChange);
    } catch (Exception e) {
      link.close();
      throw e;
    }
    link.loop.start();
    return link;
  }

  /** The id the master assigned (or the recovered one, until the first SUBSCRIBED). */
  public Optional<String> agentId() { return agentId; }

  /** The master whose stream is open and subscribed, if any. */
  public Optional<URI> master() { return Optional.ofNullable(subscribedMaster); }

  /** Posts {@code update} to the subscribed master; dropped (the engine retries) if none or too many in flight. */
  @Override public void send(AgentCall.Update update) {
    URI master = subscribedMaster;
    if (master == null || closed) {
      log.debug("not subscribed to a master; update {} of task {} waits for the engine's retry", update.uuid(),
          update.taskId());
      return;
    }
    if (!updateSlots.tryAcquire()) {
      log.debug("{} updates already in flight; update {} of task {} waits for the engine's retry",
          settings.maxInFlightUpdates(), update.uuid(), update.taskId());
      return;
    }
    try {
      http.sendAsync(post(master.resolve(PATH), update, settings.requestTimeoutMs(), "application/json"),
              HttpResponse.BodyHandlers.ofString())
          .whenComplete((response, error) -> {
            updateSlots.release();
            if (error != null) {
              log.debug("posting update {} of task {} to {} failed: {}", update.uuid(), update.taskId(), master,
                  error.toString());
            } else if (response.statusCode() != 202) {
              log.debug("master {} answered {} to update {} of task {}: {}", master, response.statusCode(),
                  update.uuid(), update.taskId(), response.body());
            }
          });
    } catch (RuntimeException e) {
      updateSlots.release();
      log.debug("cannot post update {} of task {}: {}", update.uuid(), update.taskId(), e.toString());
    }
  }

  private void onLeaderChange() {
    Optional<URI> now = locator.leader();
    synchronized (signal) {
      leaderChanged = true;
      signal.notifyAll();
    }
    if (currentBody != null && !now.equals(attemptLeader)) {
      abortStream("the leading master changed to " + now.map(URI::toString).orElse("none"));
    }
  }

  private void run() {
    boolean waitingLogged = false;
    while (!closed) {
      synchronized (signal) {
        leaderChanged = false; // cleared before reading, so a change after the read cuts the wait below short
      }
      Optional<URI> leader = locator.leader();
      if (leader.isEmpty()) {
        if (!waitingLogged) log.info("no leading master detected at {}; waiting for one", locator);
        waitingLogged = true;
        pause(settings.maxBackoffMs(), true);
        continue;
      }
      waitingLogged = false;
      attemptLeader = leader;
      Outcome outcome;
      try {
        outcome = subscribe(leader.get());
      } catch (InterruptedException e) {
        if (!closed) log.warn("master link interrupted; stopping");
        return;
      } catch (RuntimeException e) {
        log.error("subscription attempt to {} failed unexpectedly", leader.get(), e);
        outcome = Outcome.FAILED;
      }
      if (outcome == Outcome.STOPPED || closed) return;
      long delayMs = backoff.nextDelayMs();
      log.info("subscribing to the master again in {} ms", delayMs);
      pause(delayMs, false);
    }
  }

  /**
   * Waits {@code ms}, or until closed; with {@code untilLeaderChange}, also until the locator reported a change since
   * the loop last read it.
   */
  private void pause(long ms, boolean untilLeaderChange) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
    synchronized (signal) {
      while (!closed && !(untilLeaderChange && leaderChanged)) {
        long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (leftMs <= 0) return;
        try {
          signal.wait(leftMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** One attempt: SUBSCRIBE to {@code leader}, following redirects, then read the stream until it ends. */
  private Outcome subscribe(URI leader) throws InterruptedException {
    URI target = leader.resolve(PATH);
    AgentCall.Subscribe call = new AgentCall.Subscribe(agentId, settings.hostname(), settings.port(),
        settings.resources(), settings.attributes(), tasks.runningTasks(), settings.version());
    for (int hop = 0; hop <= MAX_REDIRECTS && !closed; hop++) {
      HttpResponse<InputStream> response;
      try {
        response = http.send(post(target, call, settings.subscribeTimeoutMs(), "application/recordio"),
            HttpResponse.BodyHandlers.ofInputStream());
      } catch (IOException e) {
        log.warn("cannot subscribe to master at {}: {}", target, e.toString());
        return Outcome.FAILED;
      }
      int status = response.statusCode();
      if (status == 200) return readStream(target, response.body());
      String body = drain(response.body());
      if (status == 307 || status == 301 || status == 302 || status == 308) {
        Optional<String> location = response.headers().firstValue("Location");
        if (location.isEmpty()) {
          log.warn("master at {} redirected without a Location header", target);
          return Outcome.FAILED;
        }
        URI next = redirectTarget(target, location.get());
        log.info("master at {} is not the leader; following the redirect to {}", target, next);
        target = next;
        continue;
      }
      if (status == 503) {
        log.info("master at {} cannot take agents yet (503: {}); will retry", target, body.strip());
      } else {
        log.warn("master at {} refused SUBSCRIBE with {}: {}", target, status, body.strip());
      }
      return Outcome.FAILED;
    }
    if (!closed) log.warn("more than {} redirects from {}; will retry", MAX_REDIRECTS, leader);
    return closed ? Outcome.STOPPED : Outcome.FAILED;
  }

  /** Where a redirect points: protocol-relative {@code //host:port/path} gets our scheme, a bare path our host. */
  static URI redirectTarget(URI from, String location) {
    String loc = location.strip();
    URI next = loc.startsWith("//") ? URI.create(from.getScheme() + ":" + loc) : from.resolve(loc);
    String path = next.getRawPath();
    return path == null || path.isEmpty() || path.equals("/") ? next.resolve(PATH) : next;
  }

  private Outcome readStream(URI target, InputStream body) {
    URI master = target.resolve("/");
    AgentEventDecoder decoder = new AgentEventDecoder();
    boolean subscribed = false;
    abortReason = null;
    eventTimeoutMs = settings.subscribeTimeoutMs();
    lastEventNanos = System.nanoTime();
    currentBody = body;
    ScheduledFuture<?> watchdog = null;
    ScheduledFuture<?> heartbeat = null;
    try {
      long checkMs = Math.max(10, Math.min(1_000, settings.subscribeTimeoutMs() / 4));
      watchdog = timer.scheduleWithFixedDelay(this::checkEventTimeout, checkMs, checkMs, TimeUnit.MILLISECONDS);
      if (!attemptLeader.equals(locator.leader())) abortStream("the leading master changed while subscribing");
      byte[] buffer = new byte[READ_BUFFER_BYTES];
      int n;
      while (!closed && (n = body.read(buffer)) >= 0) {
        for (AgentEvent event : decoder.feed(Arrays.copyOf(buffer, n))) {
          lastEventNanos = System.nanoTime();
          switch (event) {
            case AgentEvent.Subscribed s -> {
              if (subscribed) {
                log.warn("master {} sent a second SUBSCRIBED; dropping the stream", master);
                return Outcome.SUBSCRIBED_THEN_ENDED;
              }
              subscribed = true;
              onSubscribed(master, s);
              long interval = s.heartbeatIntervalMs();
              heartbeat = timer.scheduleAtFixedRate(() -> heartbeat(master), interval, interval,
                  TimeUnit.MILLISECONDS);
            }
            case AgentEvent.Error e -> {
              return onError(master, e);
            }
            default -> {
              if (!subscribed) {
                log.warn("master {} sent {} before SUBSCRIBED; dropping the stream", master, typeName(event));
                return Outcome.FAILED;
              }
              dispatch(event);
            }
          }
        }
      }
      if (!closed) {
        String why = abortReason != null ? abortReason : "the master closed it";
        log.warn("event stream from master {} ended: {}", master, why);
      }
    } catch (IOException e) {
      if (!closed) {
        log.warn("event stream from master {} broke: {}", master, abortReason != null ? abortReason : e.toString());
      }
    } catch (RecordIoException | AgentProtocolException e) {
      log.error("master {} sent an undecodable event ({}); dropping the stream", master, e.getMessage());
    } finally {
      if (watchdog != null) watchdog.cancel(false);
      if (heartbeat != null) heartbeat.cancel(false);
      currentBody = null;
      subscribedMaster = null;
      closeQuietly(body);
    }
    if (closed) return Outcome.STOPPED;
    return subscribed ? Outcome.SUBSCRIBED_THEN_ENDED : Outcome.FAILED;
  }

  private void onSubscribed(URI master, AgentEvent.Subscribed s) {
    boolean again = agentId.isPresent();
    agentId = Optional.of(s.agentId());
    eventTimeoutMs = s.pingTimeoutMs();
    subscribedMaster = master;
    backoff.reset();
    log.info("{} with master {} as agent {} (heartbeat every {} ms, ping timeout {} ms)",
        again ? "re-registered" : "registered", master, s.agentId(), s.heartbeatIntervalMs(), s.pingTimeoutMs());
    engine("registered", () -> tasks.registered(s.agentId()));
    engine("masterChanged", tasks::masterChanged);
  }

  private Outcome onError(URI master, AgentEvent.Error e) {
    String message = e.message();
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("shut down") || lower.contains("shutdown")) {
      log.error("master {} ordered this agent to shut down: {}", master, message);
      closed = true;
      exitAction.exit(1, "the master ordered this agent to shut down: " + message);
      return Outcome.STOPPED;
    }
    log.error("master {} refused this agent: {}", master, message);
    return Outcome.FAILED;
  }

  private void dispatch(AgentEvent event) {
    switch (event) {
      case AgentEvent.Launch l -> engine("launch", () -> tasks.launch(l));
      case AgentEvent.Kill k -> engine("kill", () -> tasks.kill(k));
      case AgentEvent.Acknowledged a -> engine("acknowledged", () -> tasks.acknowledged(a));
      case AgentEvent.ShutdownFramework s ->
          engine("shutdownFramework", () -> tasks.shutdownFramework(s.frameworkId()));
      case AgentEvent.Ping p -> log.trace("ping");
      case AgentEvent.Subscribed s -> throw new IllegalStateException("handled by the stream reader");
      case AgentEvent.Error e -> throw new IllegalStateException("handled by the stream reader");
    }
  }

  /** An engine failure is a bug in the engine; the link logs it and keeps the stream. */
  private static void engine(String what, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.error("task engine failed in {}", what, e);
    }
  }

  private void checkEventTimeout() {
    long silentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastEventNanos);
    if (currentBody != null && silentMs > eventTimeoutMs) {
      abortStream("no event from the master for " + silentMs + " ms (timeout " + eventTimeoutMs + " ms)");
    }
  }

  private void heartbeat(URI master) {
    Optional<String> id = agentId;
    if (id.isEmpty() || closed) return;
    http.sendAsync(post(master.resolve(PATH), new AgentCall.Heartbeat(id.get()), settings.requestTimeoutMs(),
            "application/json"), HttpResponse.BodyHandlers.discarding())
        .whenComplete((response, error) -> {
          if (error != null) log.debug("heartbeat to {} failed: {}", master, error.toString());
          else if (response.statusCode() / 100 != 2) {
            log.debug("master {} answered {} to a heartbeat", master, response.statusCode());
          }
        });
  }

  private void abortStream(String reason) {
    InputStream body = currentBody;
    if (body == null) return;
    abortReason = reason;
    log.info("dropping the master's event stream: {}", reason);
    closeQuietly(body);
  }

  private static HttpRequest post(URI uri, AgentCall call, long timeoutMs, String accept) {
    return HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(timeoutMs))
        .header("Content-Type", AgentProtocol.CONTENT_TYPE).header("Accept", accept)
        .POST(HttpRequest.BodyPublishers.ofByteArray(AgentProtocol.encode(call))).build();
  }

  /** The start of an error body, for the log; the rest is discarded. */
  private static String drain(InputStream body) {
    try (body) {
      byte[] head = body.readNBytes(MAX_ERROR_BODY_BYTES);
      return new String(head, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(body unreadable: " + e.getMessage() + ")";
    }
  }

  private static void closeQuietly(InputStream body) {
    try {
      body.close();
    } catch (IOException e) {
      log.debug("closing the event stream failed: {}", e.toString());
    }
  }

  private static String typeName(AgentEvent event) { return event.getClass().getSimpleName(); }

  /** Stops subscribing, drops the stream, stops the timers and the HTTP client, and closes the locator. */
  @Override public void close() {
    closed = true;
    synchronized (signal) {
      signal.notifyAll();
    }
    abortStream("the agent is stopping");
    if (Thread.currentThread() != loop) loop.interrupt(); // cuts short a SUBSCRIBE waiting for its answer
    try {
      if (loop.isAlive() && Thread.currentThread() != loop) loop.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("interrupted while waiting for the master link to stop");
    }
    if (loop.isAlive() && Thread.currentThread() != loop) log.warn("master link thread did not stop within 10 s");
    timer.shutdownNow();
    http.shutdownNow();
    httpExecutor.shutdownNow();
    locator.close();
  }
}
