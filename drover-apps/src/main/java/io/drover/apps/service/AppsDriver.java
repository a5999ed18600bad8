package io.drover.apps.service;

import io.drover.apps.core.AppsCore;
import io.drover.apps.core.CoreCommand;
import io.drover.apps.core.CoreConfig;
import io.drover.apps.core.CoreEvents;
import io.drover.apps.core.CoreEffect;
import io.drover.apps.core.CoreViews;
import io.drover.apps.model.Group;
import io.drover.apps.model.Timestamp;
import io.drover.common.random.Rng;
import io.drover.master.api.v1.Event;
import io.drover.master.api.v1.FrameworkID;
import io.drover.master.api.v1.Offer;
import io.drover.master.api.v1.OfferID;
import io.drover.master.api.v1.TaskStatus;
import io.drover.scheduler.client.SchedulerClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link AppsCore} for one leadership term: the {@link SchedulerListener} of the term (made through
 * {@link AppsConfig#schedulerListeners()}, see {@link #listeners(CoreConfig)}) and the {@link AppsBackend} the
 * {@code /v2} API calls (found through {@link AppsRuntime#backend()}).
 *
 * <p><b>One loop thread</b> ({@code apps-driver}) owns the core; everything reaches it through a bounded queue
 * ({@link #QUEUE_CAPACITY}). On the term's first SUBSCRIBED the loop loads the state from the store (root group,
 * instances, deployments; {@link StateCodec}) and builds the core with {@link AppsCore#recover}, then feeds
 * {@link CoreCommand.Subscribed}. Scheduler callbacks become commands; the loop feeds {@link CoreCommand.Tick} about
 * every {@link #TICK}. A status update returns (so the client acknowledges it) only after the loop handled it and
 * stored its result; if that fails the update is not acknowledged and the agent resends it.
 *
 * <p><b>Effects</b> of one command are carried out by {@link EffectRunner}: store writes first, then scheduler calls
 * and events in order, the reply last. A store write that fails (fenced: another instance leads; or ZooKeeper
 * trouble) ends the leadership through {@link AppsRuntime#abdicate(String)} and the driver stops: it never goes on
 * with a state it could not store (no split brain).
 *
 * <p><b>Readiness checks</b> the core asks for run on the term's {@link ReadinessChecks}; their answers come back to
 * the loop as {@link CoreCommand.ReadinessResult}. They all stop when the term ends.
 *
 * <p>{@link #submit}/{@link #read} fail with {@link IllegalStateException} {@code "not the leader"} before the core
 * is ready and after the term ended.
 */
public final class AppsDriver implements SchedulerListener, AppsBackend {
  private static final Logger log = LoggerFactory.getLogger(AppsDriver.class);
  /** Bound on commands waiting for the loop. */
  public static final int QUEUE_CAPACITY = 10_000;
  /** How often the core's timers run. */
  public static final Duration TICK = Duration.ofSeconds(1);
  /** How long a scheduler callback waits for room in the queue or for its status update to be handled. */
  static final Duration CALLBACK_WAIT = Duration.ofSeconds(30);
  /** Most status updates handled (and stored in one multi) together. */
  static final int MAX_UPDATE_BATCH = 1_000;
  static final String NOT_LEADER = "not the leader";

  private final AppsRuntime runtime;
  private final CoreConfig coreConfig;
  private final Rng rng;
  private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final Thread loop;
  private final EffectRunner effects;
  private final ReadinessChecks readiness;
  private volatile boolean stopped;
  private AppsCore core; // loop thread only
  private volatile boolean ready;
  private long lastTickMonoMs;

  public AppsDriver(AppsRuntime runtime, CoreConfig coreConfig, Rng rng) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.coreConfig = Objects.requireNonNull(coreConfig, "coreConfig");
    this.rng = Objects.requireNonNull(rng, "rng");
    // Answers become core commands on the loop; the checks end with the term (stopped, abdicate).
    this.readiness = ReadinessChecks.create(result -> post(() -> {
      if (core != null) runCommand(new CoreCommand.ReadinessResult(result));
    }));
    this.effects = new EffectRunner(runtime, readiness);
    this.loop = Thread.ofPlatform().name("apps-driver").daemon(true).unstarted(this::run);
    this.loop.start();
  }

  /** The factory for {@link AppsConfig.Builder#schedulerListeners}: a new driver per term, seeded from entropy. */
  public static Function<AppsRuntime, SchedulerListener> listeners(CoreConfig coreConfig) {
    return rt -> new AppsDriver(rt, coreConfig, Rng.fromEntropy());
  }

  /** True once the core is built from the store and subscribed, until the term ends. */
  public boolean isReady() { return ready && !stopped; }

  // ---- SchedulerListener (the client's dispatcher thread) ----

  @Override public void subscribed(SchedulerClient client, FrameworkID frameworkId, boolean reregistered) {
    effects.client(client);
    post(() -> {
      if (core == null && !recover()) return;
      runCommand(new CoreCommand.Subscribed(frameworkId.value()));
      ready = true;
    });
  }

  @Override public void offers(SchedulerClient client, List<Offer> offers) {
    post(() -> {
      if (core == null) {
        effects.run(List.of(new CoreEffect.Decline(offers.stream().map(o -> o.id().value()).toList(),
            coreConfig.declineOfferDurationMs() / 1000.0)), null);
        return;
      }
      runCommand(new CoreCommand.Offers(offers));
    });
  }

  /**
   * Completes once the loop handled and stored the update, so the acknowledgement follows persistence; the
   * scheduler client delivers the next events meanwhile (the loop's bounded queue is the backpressure), so updates
   * are not limited to one per store round trip and acknowledgement.
   */
  @Override public CompletionStage<Void> updateAsync(SchedulerClient client, TaskStatus status) {
    PendingUpdate update = new PendingUpdate(status, new CompletableFuture<>());
    if (stopped) update.fail(new IllegalStateException("driver stopped"));
    else enqueue(update);
    return update.handled();
  }

  @Override public void rescind(SchedulerClient client, OfferID offerId) {
    post(() -> { if (core != null) runCommand(new CoreCommand.Rescind(offerId.value())); });
  }

  /** A message from an executor: Marathon only announces it ({@code framework_message_event}). */
  @Override public void message(SchedulerClient client, Event.Message message) {
    runtime.eventBus().publish(CoreEvents.frameworkMessage(
        message.executorId() == null ? "" : message.executorId().value(),
        message.agentId() == null ? "" : message.agentId().value(),
        message.data() == null ? new byte[0] : message.data().toArray(), runtime.clock().wallMillis()));
  }

  @Override public void disconnected(SchedulerClient client, String reason) {
    post(() -> { if (core != null) runCommand(new CoreCommand.Disconnected()); });
  }

  @Override public void stopped() {
    stopped = true;
    ready = false;
    readiness.close();
    loop.interrupt();
    try {
      loop.join(CALLBACK_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    drain(); // completes waiting futures with "not the leader"
  }

  // ---- AppsBackend (any thread) ----

  @Override public CompletableFuture<CoreEffect> submit(Function<CoreViews, Step> decide) {
    CompletableFuture<CoreEffect> reply = new CompletableFuture<>();
    offerApi(reply, () -> {
      Step step = decide.apply(new CoreViews(core));
      switch (step) {
        case Answer a -> reply.complete(a.reply());
        case Run r -> runCommand(r.command(), reply);
      }
    });
    return reply;
  }

  @Override public <T> CompletableFuture<T> read(Function<CoreViews, T> query) {
    CompletableFuture<T> result = new CompletableFuture<>();
    offerApi(result, () -> result.complete(query.apply(new CoreViews(core))));
    return result;
  }

  @Override public Versions versions() {
    if (!isReady()) throw new IllegalStateException(NOT_LEADER);
    return new StoredVersions(runtime.store());
  }

  private void offerApi(CompletableFuture<?> result, Runnable onLoop) {
    if (!isReady()) {
      result.completeExceptionally(new IllegalStateException(NOT_LEADER));
      return;
    }
    Runnable task = () -> {
      if (!isReady()) {
        result.completeExceptionally(new IllegalStateException(NOT_LEADER));
        return;
      }
      try {
        onLoop.run();
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    };
    if (!queue.offer(task)) {
      result.completeExceptionally(new IllegalStateException("apps driver is overloaded"));
    } else if (stopped) {
      drain(); // the term ended while we queued: nobody else will run the task, which now only fails the future
    }
  }

  /** Runs what is left in the queue; only after {@link #stopped}: every task then just fails its future. */
  private void drain() {
    Runnable r;
    while ((r = queue.poll()) != null) r.run();
  }

  // ---- the loop ----

  /** Queues {@code r} to run on the loop unless the driver stopped by then. */
  private void post(Runnable r) {
    enqueue(() -> {
      if (!stopped) r.run();
    });
  }

  /** Queues {@code r}, which must check {@link #stopped} itself (it may run on the stopping thread). */
  private void enqueue(Runnable r) {
    if (stopped) return;
    try {
      if (!queue.offer(r, CALLBACK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        abdicate("the driver's queue stayed full for " + CALLBACK_WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    lastTickMonoMs = runtime.clock().monoMillis();
    try {
      while (!stopped) {
        Runnable r = queue.poll(TICK.toMillis(), TimeUnit.MILLISECONDS);
        if (r instanceof PendingUpdate u) handle(updatesFrom(u));
        else if (r != null) r.run();
        long now = runtime.clock().monoMillis();
        if (core != null && !stopped && now - lastTickMonoMs >= TICK.toMillis()) {
          lastTickMonoMs = now;
          runCommand(new CoreCommand.Tick(runtime.clock().wallMillis()));
        }
      }
    } catch (InterruptedException e) {
      // stopped
    } catch (RuntimeException | Error e) {
      log.error("apps driver loop failed; giving up leadership", e);
      abdicate("apps driver failed: " + e);
    }
  }

  /**
   * A status update waiting for the loop. Consecutive ones are handled together ({@link #handle(List)}): their
   * store writes go into one multi, so updates are not limited to one store round trip each. Run alone (only by
   * {@link #drain()} once stopped) it just fails.
   */
  private record PendingUpdate(TaskStatus status, CompletableFuture<Void> handled) implements Runnable {
    @Override public void run() { fail(new IllegalStateException("driver stopped")); }

    void fail(Exception e) { handled.completeExceptionally(e); }
  }

  /** {@code first} and the status updates queued right behind it, at most {@link #MAX_UPDATE_BATCH}. */
  private List<PendingUpdate> updatesFrom(PendingUpdate first) {
    List<PendingUpdate> batch = new ArrayList<>();
    batch.add(first);
    while (batch.size() < MAX_UPDATE_BATCH && queue.peek() instanceof PendingUpdate) {
      batch.add((PendingUpdate) queue.poll());
    }
    return batch;
  }

  /**
   * Handles a batch of status updates in order, then carries out all their effects at once (store writes first, see
   * {@link EffectRunner}); every update of the batch completes only after all of it is stored.
   */
  private void handle(List<PendingUpdate> batch) {
    if (stopped || core == null) {
      batch.forEach(u -> u.fail(new IllegalStateException("status update before the core is ready")));
      return;
    }
    List<CoreEffect> out = new ArrayList<>();
    try {
      for (PendingUpdate u : batch) out.addAll(core.handle(new CoreCommand.StatusUpdate(u.status())));
      carryOut(out, null);
    } catch (RuntimeException e) {
      batch.forEach(u -> u.fail(e));
      throw e;
    }
    for (PendingUpdate u : batch) {
      if (stopped) u.fail(new IllegalStateException("driver stopped"));
      else u.handled().complete(null);
    }
  }

  /** Loads the stored state and builds the core; false (and abdicates) if the store cannot be read. */
  private boolean recover() {
    try {
      StoredState state = StoredState.load(runtime.store());
      Group root = state.root().orElseGet(() -> Group.emptyRoot(Timestamp.ofEpochMs(runtime.clock().wallMillis())));
      AppsCore.Recovered recovered = AppsCore.recover(coreConfig, runtime.clock(), rng, root, state.instances(),
          state.deployments(), state.taskFailures());
      core = recovered.core();
      log.info("apps core recovered: {} apps, {} instances, {} deployments", root.transitiveApps().size(),
          state.instances().size(), state.deployments().size());
      carryOut(recovered.effects(), null);
      return !stopped;
    } catch (Exception e) {
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
      log.error("cannot load the apps state; giving up leadership", e);
      abdicate("cannot load the apps state: " + e);
      return false;
    }
  }

  private void runCommand(CoreCommand command) { runCommand(command, null); }

  private void runCommand(CoreCommand command, CompletableFuture<CoreEffect> reply) {
    carryOut(core.handle(command), reply);
  }

  private void carryOut(List<CoreEffect> out, CompletableFuture<CoreEffect> reply) {
    if (stopped) {
      if (reply != null) reply.completeExceptionally(new IllegalStateException(NOT_LEADER));
      return;
    }
    try {
      effects.run(out, reply);
    } catch (EffectRunner.StoreFailure e) {
      log.error("store write failed; giving up leadership", e.getCause());
      if (reply != null) reply.completeExceptionally(new IllegalStateException(NOT_LEADER, e.getCause()));
      abdicate("store write failed: " + e.getCause());
    }
  }

  private void abdicate(String cause) {
    stopped = true;
    ready = false;
    readiness.close();
    runtime.abdicate(cause);
  }
}
