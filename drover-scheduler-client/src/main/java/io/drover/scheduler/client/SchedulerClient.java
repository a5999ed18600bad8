package io.drover.scheduler.client;

import io.drover.master.api.v1.AgentID;
import io.drover.master.api.v1.ApiJson;
import io.drover.master.api.v1.Bytes;
import io.drover.master.api.v1.Call;
import io.drover.master.api.v1.ExecutorID;
import io.drover.master.api.v1.Filters;
import io.drover.master.api.v1.FrameworkID;
import io.drover.master.api.v1.KillPolicy;
import io.drover.master.api.v1.Offer;
import io.drover.master.api.v1.OfferID;
import io.drover.master.api.v1.TaskID;
import io.drover.master.api.v1.TaskInfo;
import io.drover.master.api.v1.TaskStatus;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client for the Mesos v1 scheduler HTTP API ({@code POST /api/v1/scheduler}), for Drover's master and Apache
 * Mesos alike.
 *
 * <p><b>Subscription.</b> {@link #start()} starts one virtual "dispatcher" thread that finds the leading master
 * (ZooKeeper detection, or a fixed URL whose 307 redirects — protocol-relative {@code Location} included — are
 * followed), sends SUBSCRIBE, and delivers the stream's events to the {@link Scheduler} in order. It keeps the
 * {@code Mesos-Stream-Id} for calls, remembers the {@code framework_id} from SUBSCRIBED and resubscribes with it
 * (top-level and in {@code framework_info.id}) after every disconnection, so a reconnect is a framework failover,
 * not a new framework. It reconnects, re-detecting the leader each time, with jittered exponential {@link Backoff}
 * (reset after each successful SUBSCRIBED) when: the stream ends or breaks, SUBSCRIBE fails (503, connection
 * refused, ...), no data arrives for {@code heartbeatMisses} heartbeat intervals, or (ZooKeeper) the detected leader
 * changes. A per-connection virtual thread reads the stream into a bounded queue.
 *
 * <p><b>ERROR events</b> are delivered to {@link Scheduler#error}; then the client reconnects, except when the
 * message says the framework is gone for good, where resubscribing cannot succeed or would fight another instance:
 * {@code "Framework has been removed"} (Mesos' answer to a SUBSCRIBE with the id of a framework that was torn down
 * or outlived its {@code failover_timeout}) and {@code "Framework failed over"} (another scheduler instance took the
 * framework over). Then the client stops and {@link #terminated()} completes with {@link Termination.Removed}; the
 * same happens when this client's own TEARDOWN was accepted and the stream ends.
 *
 * <p><b>Calls</b> may be made from any thread. Each returns a future that completes when the master answers 202
 * and fails with {@link SchedulerCallException.Rejected} (status and body) on any other status, with
 * {@link SchedulerCallException.NotSubscribed} at once when no subscription is active, with
 * {@link SchedulerCallException.TooManyCalls} when the calls in flight and those queued behind them reach their
 * bounds, or with the transport's
 * {@code IOException}. Calls go to the master the stream is connected to and are not redirected (their stream id is
 * only valid there). The {@code framework_id} is filled in by the client.
 */
public final class SchedulerClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SchedulerClient.class);
  private static final Duration CLOSE_JOIN_TIMEOUT = Duration.ofSeconds(10);

  /** An active subscription: where calls go and the stream id they must carry. */
  record Session(URI endpoint, String streamId, FrameworkID frameworkId) {}

  private final ClientSettings settings;
  private final MasterLocator locator;
  private final MasterHttp http;
  private final CallQueue<PendingCall> calls;
  private final CountDownLatch closedLatch = new CountDownLatch(1);
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final CompletableFuture<Termination> terminated = new CompletableFuture<>();
  private final SubscriptionLoop loop;
  private final Thread dispatcher;
  private volatile Session session;
  private volatile FrameworkID frameworkId;
  private volatile boolean tornDown;

  SchedulerClient(ClientSettings settings) {
    this.settings = settings;
    this.locator = MasterLocator.parse(settings.master(), settings.zkSessionTimeout());
    this.http = new MasterHttp(settings.connectTimeout(), settings.requestTimeout(), settings.maxErrorBodyBytes());
    this.calls = new CallQueue<>(settings.maxCallsInFlight(), settings.maxCallsQueued(), this::start);
    this.frameworkId = settings.frameworkInfo().id();
    this.loop = new SubscriptionLoop(this, settings, locator, http);
    this.dispatcher = Thread.ofVirtual().name("drover-scheduler-" + settings.frameworkInfo().name()).unstarted(loop);
  }

  public static SchedulerClientBuilder builder() { return new SchedulerClientBuilder(); }

  /** Starts subscribing; callbacks begin on the dispatcher thread. */
  public void start() {
    if (stopped.get()) throw new IllegalStateException("client already closed");
    if (!started.compareAndSet(false, true)) throw new IllegalStateException("client already started");
    dispatcher.start();
  }

  /** The framework id, once a SUBSCRIBED event assigned it (or as configured in the FrameworkInfo). */
  public Optional<FrameworkID> frameworkId() { return Optional.ofNullable(frameworkId); }

  public boolean isSubscribed() { return session != null; }

  /** The scheduler endpoint of the master currently subscribed to. */
  public Optional<URI> masterEndpoint() { return Optional.ofNullable(session).map(Session::endpoint); }

  /** Completes when the client stops for good: {@link #close()}, or the framework was removed. */
  public CompletableFuture<Termination> terminated() { return terminated.copy(); }

  // ---- Calls -------------------------------------------------------------------------------------------------

  /** ACCEPT: apply {@code operations} (e.g. {@link Offer.Operation#launch}) to the offers; null filters are omitted. */
  public CompletableFuture<Void> accept(List<OfferID> offerIds, List<Offer.Operation> operations, Filters filters) {
    Call.Accept p = new Call.Accept(List.copyOf(offerIds), List.copyOf(operations), filters);
    return send(Call.Type.ACCEPT, id -> Calls.accept(id, p));
  }

  /** ACCEPT of one offer with one LAUNCH operation of {@code tasks}. */
  public CompletableFuture<Void> launch(OfferID offerId, List<TaskInfo> tasks, Filters filters) {
    return accept(List.of(offerId), List.of(Offer.Operation.launch(List.copyOf(tasks))), filters);
  }

  public CompletableFuture<Void> decline(List<OfferID> offerIds, Filters filters) {
    Call.Decline p = new Call.Decline(List.copyOf(offerIds), filters);
    return send(Call.Type.DECLINE, id -> Calls.decline(id, p));
  }

  /** REVIVE: clears filters and un-suppresses {@code roles}; an empty list means all the framework's roles. */
  public CompletableFuture<Void> revive(List<String> roles) {
    Call.Revive p = new Call.Revive(roles.isEmpty() ? null : List.copyOf(roles));
    return send(Call.Type.REVIVE, id -> Calls.revive(id, p));
  }

  /** SUPPRESS offers for {@code roles}; an empty list means all the framework's roles. */
  public CompletableFuture<Void> suppress(List<String> roles) {
    Call.Suppress p = new Call.Suppress(roles.isEmpty() ? null : List.copyOf(roles));
    return send(Call.Type.SUPPRESS, id -> Calls.suppress(id, p));
  }

  /** KILL; {@code agentId} and {@code killPolicy} may be null (the task's own kill policy then applies). */
  public CompletableFuture<Void> kill(TaskID taskId, AgentID agentId, KillPolicy killPolicy) {
    Call.Kill p = new Call.Kill(Objects.requireNonNull(taskId, "taskId"), agentId, killPolicy);
    return send(Call.Type.KILL, id -> Calls.kill(id, p));
  }

  public CompletableFuture<Void> shutdown(ExecutorID executorId, AgentID agentId) {
    Call.Shutdown p = new Call.Shutdown(Objects.requireNonNull(executorId, "executorId"),
        Objects.requireNonNull(agentId, "agentId"));
    return send(Call.Type.SHUTDOWN, id -> Calls.shutdown(id, p));
  }

  public CompletableFuture<Void> acknowledge(AgentID agentId, TaskID taskId, Bytes uuid) {
    Call.Acknowledge p = new Call.Acknowledge(Objects.requireNonNull(agentId, "agentId"),
        Objects.requireNonNull(taskId, "taskId"), Objects.requireNonNull(uuid, "uuid"));
    return send(Call.Type.ACKNOWLEDGE, id -> Calls.acknowledge(id, p));
  }

  /**
   * Acknowledges {@code status}.
   *
   * @throws IllegalArgumentException if it has no {@code uuid} (master-generated updates are never acknowledged) or
   *     no {@code agent_id}
   */
  public CompletableFuture<Void> acknowledge(TaskStatus status) {
    if (status.uuid() == null) {
      throw new IllegalArgumentException("status of task " + status.taskId() + " has no uuid: it must not be acknowledged");
    }
    if (status.agentId() == null) throw new IllegalArgumentException("status of task " + status.taskId() + " has no agent_id");
    return acknowledge(status.agentId(), status.taskId(), status.uuid());
  }

  /** RECONCILE: explicit for the listed tasks, implicit (every task the master knows) for an empty list. */
  public CompletableFuture<Void> reconcile(List<Call.ReconcileTask> tasks) {
    Call.Reconcile p = new Call.Reconcile(List.copyOf(tasks));
    return send(Call.Type.RECONCILE, id -> Calls.reconcile(id, p));
  }

  public CompletableFuture<Void> message(AgentID agentId, ExecutorID executorId, Bytes data) {
    Call.Message p = new Call.Message(Objects.requireNonNull(agentId, "agentId"),
        Objects.requireNonNull(executorId, "executorId"), Objects.requireNonNull(data, "data"));
    return send(Call.Type.MESSAGE, id -> Calls.message(id, p));
  }

  /**
   * TEARDOWN: the master kills the framework's tasks and removes it. Once accepted, the client stops when the
   * stream ends instead of resubscribing.
   */
  public CompletableFuture<Void> teardown() {
    return send(Call.Type.TEARDOWN, Calls::teardown).thenRun(() -> tornDown = true);
  }

  /**
   * Sends TEARDOWN, waits up to {@code timeout} for the master to accept it, then {@link #close()}s.
   *
   * @return whether the teardown was accepted
   */
  public boolean teardownAndClose(Duration timeout) throws InterruptedException {
    try {
      teardown().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException e) {
      log.warn("TEARDOWN failed; closing anyway: {}", e.getCause().toString());
      return false;
    } catch (TimeoutException e) {
      log.warn("TEARDOWN not answered within {}; closing anyway", timeout);
      return false;
    } finally {
      close();
    }
  }

  /** A call waiting to be sent, or being sent. */
  private record PendingCall(Call.Type type, Function<FrameworkID, Call> make, CompletableFuture<Void> result) {}

  private CompletableFuture<Void> send(Call.Type type, Function<FrameworkID, Call> make) {
    if (session == null || stopped.get()) {
      return CompletableFuture.failedFuture(new SchedulerCallException.NotSubscribed(type));
    }
    PendingCall call = new PendingCall(type, make, new CompletableFuture<>());
    if (!calls.submit(call)) {
      return CompletableFuture.failedFuture(new SchedulerCallException.TooManyCalls(type,
          settings.maxCallsInFlight() + settings.maxCallsQueued()));
    }
    return call.result();
  }

  /** Sends {@code call} to the current session's master (a call that waited may find the subscription gone). */
  private void start(PendingCall call) {
    Session s = session;
    if (s == null || stopped.get()) {
      call.result().completeExceptionally(new SchedulerCallException.NotSubscribed(call.type()));
      calls.done();
      return;
    }
    try {
      byte[] json = ApiJson.writeBytes(call.make().apply(s.frameworkId()));
      http.call(s.endpoint(), s.streamId(), json).whenComplete((reply, error) -> {
        calls.done();
        if (error != null) {
          call.result().completeExceptionally(error instanceof CompletionException && error.getCause() != null
              ? error.getCause() : error);
        } else if (reply.status() == 202) {
          call.result().complete(null);
        } else {
          call.result().completeExceptionally(new SchedulerCallException.Rejected(call.type(), reply.status(),
              reply.body()));
        }
      });
    } catch (RuntimeException e) {
      calls.done();
      call.result().completeExceptionally(e);
    }
  }

  // ---- State shared with the dispatcher ----------------------------------------------------------------------

  FrameworkID currentFrameworkId() { return frameworkId; }

  void subscribed(Session s) {
    frameworkId = s.frameworkId();
    session = s;
  }

  void unsubscribed() { session = null; }

  boolean isStopped() { return stopped.get(); }

  boolean wasTornDown() { return tornDown; }

  /** Waits up to {@code ms} or until the client stops; true if it stopped. */
  boolean awaitStop(long ms) throws InterruptedException { return closedLatch.await(ms, TimeUnit.MILLISECONDS); }

  /** The dispatcher's end when the framework is gone: stop without a {@link #close()}. */
  void stopRemoved(String message) { stop(new Termination.Removed(message)); }

  /**
   * Stops everything: the subscription loop, the stream, leader detection and the HTTP client (calls in flight
   * fail). Safe from any thread, including inside a callback (the dispatcher then ends once the callback returns);
   * otherwise waits up to 10 s for the dispatcher to end. Idempotent. Does not tear the framework down: use
   * {@link #teardownAndClose} for that.
   */
  @Override public void close() { stop(new Termination.Closed()); }

  private void stop(Termination how) {
    if (!stopped.compareAndSet(false, true)) return;
    session = null;
    closedLatch.countDown();
    loop.abandonConnection("the client stopped");
    locator.close();
    if (started.get() && Thread.currentThread() != dispatcher) {
      try {
        if (!dispatcher.join(CLOSE_JOIN_TIMEOUT)) {
          log.warn("scheduler dispatcher still busy {} after close (a callback is blocking)", CLOSE_JOIN_TIMEOUT);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log.warn("interrupted while waiting for the scheduler dispatcher to end");
      }
    }
    http.close();
    log.info("scheduler client for framework {} stopped: {}", frameworkId == null ? "(none)" : frameworkId.value(), how);
    terminated.complete(how);
  }
}
