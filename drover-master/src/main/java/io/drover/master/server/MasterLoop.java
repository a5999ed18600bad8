package io.drover.master.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.common.random.Rng;
import io.drover.common.time.Clock;
import io.drover.master.allocator.Allocator;
import io.drover.master.allocator.AllocatorConfig;
import io.drover.master.allocator.Quota;
import io.drover.master.api.agent.AgentEvent;
import io.drover.master.api.agent.AgentProtocol;
import io.drover.master.api.operator.OperatorApi;
import io.drover.master.api.v1.Address;
import io.drover.master.api.v1.ApiJson;
import io.drover.master.api.v1.MasterInfo;
import io.drover.master.api.v1.Url;
import io.drover.master.cluster.AgentInfo;
import io.drover.master.cluster.AgentMessage;
import io.drover.master.cluster.AgentStatus;
import io.drover.master.cluster.ClusterConfig;
import io.drover.master.cluster.ClusterCore;
import io.drover.master.cluster.Command;
import io.drover.master.cluster.Effect;
import io.drover.master.cluster.FrameworkEvent;
import io.drover.master.cluster.IdGenerator;
import io.drover.master.registry.RegistryException;
import io.drover.master.registry.RegistrySnapshot;
import io.drover.master.registry.RegistryStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's event loop: ONE thread owns the {@link ClusterCore} (and through it the allocator) and the driver's
 * per-framework and per-task wire data; everything else posts work items to a bounded queue. Timers post
 * {@link Command.Allocate} every allocation interval and {@link Command.Tick} every second; commands that add or free
 * resources request one extra allocation soon after (coalesced: at most one pending).
 *
 * <p>Effects are carried out in the order the core returns them. {@link Effect.PersistRegistry} is written to
 * ZooKeeper synchronously before any later effect; if the write fails (or this master is fenced) the loop stops and
 * {@code onFatal} is told: the master must exit, as Mesos aborts.
 */
final class MasterLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MasterLoop.class);
  /** Work items waiting for the loop thread; beyond this, HTTP callers get 503. */
  static final int QUEUE_CAPACITY = 10_000;
  /** Mesos' cap on operator API subscribers. */
  static final int MAX_OPERATOR_SUBSCRIBERS = 1000;
  /**
   * A kill whose grace this master does not know (e.g. a task learnt from re-registration after a failover): 0 lets
   * the agent apply the task's own kill_policy, which it holds in the task's TaskInfo, else its 3 s default.
   */
  private static final long AGENT_DECIDES_GRACE_MS = 0;

  private final MasterConfig config;
  private final Clock clock;
  private final ClusterCore core;
  private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final Thread thread;
  private final ScheduledExecutorService timers;
  private final Consumer<Exception> onFatal;
  private final MasterMetrics metrics;
  final StreamTable frameworkStreams = new StreamTable();
  final StreamTable agentStreams = new StreamTable();
  final OperatorStreams operatorStreams = new OperatorStreams(MAX_OPERATOR_SUBSCRIBERS);
  private volatile MasterInfo masterInfo;
  private volatile boolean running = true;
  private volatile boolean allocationPending;
  // Loop-thread state.
  private final Map<String, JsonNode> frameworkJson = new HashMap<>();
  private final Map<String, Long> killGraceMs = new HashMap<>();
  /** Each agent's address as seen when it subscribed (for the {@code url} of its offers). */
  private final Map<String, String> agentIps = new HashMap<>();
  private volatile RegistryStore registry; // set once, on the loop thread, when recovered

  MasterLoop(MasterConfig config, String masterUuid, Clock clock, MasterInfo masterInfo, MasterMetrics metrics,
      Consumer<Exception> onFatal) {
    this.config = config;
    this.clock = clock;
    this.masterInfo = masterInfo;
    this.metrics = metrics;
    this.onFatal = onFatal;
    ClusterConfig cc = new ClusterConfig(config.agentPingTimeout().toMillis(), config.maxAgentPingTimeouts(),
        config.frameworkHeartbeat().toMillis() / 1000.0, 1000, config.agentReregisterTimeout().toMillis());
    AllocatorConfig ac = new AllocatorConfig(config.allocationInterval().toMillis(),
        AllocatorConfig.DEFAULT_MIN_ALLOCATABLE, java.util.Set.of(), true);
    this.core = new ClusterCore(cc, new Allocator(ac, Rng.fromEntropy()), IdGenerator.sequential(masterUuid));
    this.thread = Thread.ofPlatform().name("master-loop").daemon().unstarted(this::run);
    this.timers = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("master-timers")
        .daemon().unstarted(r));
  }

  void start() {
    thread.start();
    long allocMs = config.allocationInterval().toMillis();
    timers.scheduleAtFixedRate(() -> post(() -> allocate()), allocMs, allocMs, TimeUnit.MILLISECONDS);
    timers.scheduleAtFixedRate(() -> post(this::tick), 1000, 1000, TimeUnit.MILLISECONDS);
  }

  MasterInfo masterInfo() { return masterInfo; }

  /** Set once the HTTP port is known, before the loop starts. */
  void masterInfo(MasterInfo info) { this.masterInfo = info; }

  int queued() { return queue.size(); }

  // ---- posting work ----

  /** Queues a work item; false if the queue is full or the loop stopped. */
  boolean post(Runnable work) { return running && queue.offer(work); }

  /**
   * Runs {@code fn} on the loop thread. The future fails with {@link Overloaded} if the queue is full or the loop
   * stopped.
   */
  <T> CompletableFuture<T> call(Function<MasterLoop, T> fn) {
    CompletableFuture<T> f = new CompletableFuture<>();
    if (!post(() -> {
      try {
        f.complete(fn.apply(this));
      } catch (FatalRegistryError e) {
        f.completeExceptionally(new Overloaded());
        throw e;
      } catch (RuntimeException e) {
        f.completeExceptionally(e);
      }
    })) f.completeExceptionally(new Overloaded());
    return f;
  }

  /** The loop cannot take work: full queue, or stopped. HTTP answers 503. */
  static final class Overloaded extends RuntimeException {
    Overloaded() { super("the master is overloaded or stopping; retry later", null, false, false); }
  }

  private void run() {
    while (running) {
      Runnable work;
      try {
        work = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        work.run();
      } catch (FatalRegistryError e) {
        log.error("registry write failed; this master stops", e.getCause());
        running = false;
        onFatal.accept((Exception) e.getCause());
        return;
      } catch (RuntimeException e) {
        log.error("master loop work item failed", e);
      }
    }
  }

  // ---- loop-thread API ----

  ClusterCore core() { return core; }

  long nowMs() { return clock.wallMillis(); }

  /** Applies a command with no stream being opened. */
  List<Effect> handle(Command command) { return handle(command, null); }

  /**
   * Applies a command and carries out its effects; returns them. A result holding an {@link Effect.Rejected} means
   * nothing happened and nothing was carried out. {@code opening} is a stream being opened by this command; it is
   * attached on the first message to its framework or agent.
   */
  List<Effect> handle(Command command, Opening opening) {
    List<Effect> effects = core.handle(command);
    if (effects.stream().anyMatch(e -> e instanceof Effect.Rejected)) return effects;
    publishOperatorEvents(command, effects);
    for (Effect e : effects) carryOut(e, opening);
    if (freesOrAddsResources(command)) requestAllocation();
    return effects;
  }

  /**
   * A stream opened by a SUBSCRIBE; {@code key} is the agent id when known in advance, else null; {@code remoteIp}
   * is the subscriber's address as this master sees it (an agent's IP goes into its offers' {@code url}).
   */
  record Opening(EventStream stream, boolean agent, String key, String remoteIp) {}

  private void carryOut(Effect effect, Opening opening) {
    switch (effect) {
      case Effect.SendToFramework s -> {
        if (opening != null && !opening.agent() && s.event() instanceof FrameworkEvent.Subscribed) {
          frameworkStreams.attach(s.frameworkId(), opening.stream());
        }
        frameworkStreams.send(s.frameworkId(), Wire.frame(Wire.toV1(s.event(), masterInfo, this::agentUrl)));
      }
      case Effect.SendToAgent s -> sendToAgent(s, opening);
      case Effect.PersistRegistry p -> {
        persist(p.change());
        // An unreachable agent gets no more PINGs (as in Mesos): its stream ends, so when it can talk again it sees
        // that and re-registers, and the master reconciles its tasks. Left open, a thawed agent would keep reading
        // PINGs and believe itself registered.
        if (p.change().status() == AgentStatus.UNREACHABLE) {
          log.info("agent {} is unreachable; closing its stream", p.change().agentId());
          agentStreams.close(p.change().agentId(), null);
        }
      }
      case Effect.CloseStream c -> frameworkStreams.close(c.frameworkId(), c.streamId());
      case Effect.Rejected r -> throw new IllegalStateException("rejections are returned, not carried out");
    }
  }

  private void sendToAgent(Effect.SendToAgent s, Opening opening) {
    if (opening != null && opening.agent() && (s.agentId().equals(opening.key())
        || opening.key() == null && s.message() instanceof AgentMessage.Registered)) {
      agentStreams.attach(s.agentId(), opening.stream());
      if (opening.remoteIp() != null) agentIps.put(s.agentId(), opening.remoteIp());
    }
    long pingMs = config.agentPingTimeout().toMillis();
    AgentEvent event = Wire.toAgent(s.message(), pingMs, config.agentTimeout().toMillis(), this::launchEvent,
        (fw, task) -> killGraceMs.getOrDefault(fw + "/" + task, AGENT_DECIDES_GRACE_MS));
    if (event instanceof AgentEvent.Kill k) {
      log.info("asking agent {} to kill task {} of framework {}", s.agentId(), k.taskId(), k.frameworkId());
    }
    if (!agentStreams.send(s.agentId(), AgentProtocol.frame(event))) {
      log.debug("agent {} has no open stream; dropped {}", s.agentId(), event.getClass().getSimpleName());
    }
    if (s.message() instanceof AgentMessage.Shutdown) agentStreams.close(s.agentId(), null);
  }

  private AgentEvent launchEvent(AgentMessage.LaunchTask l) {
    JsonNode task = l.task().spec() instanceof JsonNode j ? j : ApiJson.mapper().createObjectNode();
    JsonNode fw = frameworkJson.getOrDefault(l.frameworkId(), ApiJson.mapper().createObjectNode());
    return new AgentEvent.Launch(l.frameworkId(), fw, task, l.role());
  }

  private void persist(Effect.RegistryChange change) {
    if (registry == null) throw new FatalRegistryError(new IllegalStateException("no registry: not leading"));
    try {
      registry.apply(change);
    } catch (RegistryException e) {
      throw new FatalRegistryError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FatalRegistryError(e);
    }
  }

  /** Unchecked carrier for a registry failure: the loop stops on it. */
  static final class FatalRegistryError extends RuntimeException {
    FatalRegistryError(Exception cause) { super(cause); }
  }

  /** Persists weights (merged into the current ones) and then applies them; throws FatalRegistryError on failure. */
  void updateWeights(Map<String, Double> weights) {
    Map<String, Double> merged = new HashMap<>(core.allocator().weights());
    weights.forEach((role, w) -> { if (w == 1.0) merged.remove(role); else merged.put(role, w); });
    try {
      registry.setWeights(merged);
    } catch (RegistryException e) {
      throw new FatalRegistryError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FatalRegistryError(e);
    }
    core.allocator().updateWeights(weights);
    requestAllocation();
  }

  /** UPDATE_QUOTA: persisted first (a fenced write), then applied; {@link Quota#NONE} removes a role's quota. */
  void updateQuota(Map<String, Quota> quotas) {
    try {
      for (Map.Entry<String, Quota> e : quotas.entrySet()) {
        if (e.getValue().isNone()) registry.removeQuota(e.getKey()); else registry.setQuota(e.getKey(), e.getValue());
      }
    } catch (RegistryException e) {
      throw new FatalRegistryError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FatalRegistryError(e);
    }
    quotas.forEach(core.allocator()::setQuota);
    requestAllocation();
  }

  /**
   * The agent's {@code URL} as Mesos puts it in every offer: {@code http://<ip>:<port>/slave(1)}, the IP being the
   * address the agent subscribed from (its hostname when unknown). Frameworks use it, e.g. for the task's HOST.
   */
  private JsonNode agentUrl(String agentId) {
    AgentInfo info = core.agentInfo(agentId).orElse(null); // once per offer: no copy of every agent's info
    if (info == null) return null;
    String ip = agentIps.getOrDefault(agentId, info.hostname());
    return ApiJson.mapper().valueToTree(new Url("http", new Address(info.hostname(), ip, info.port()), "/slave(1)"));
  }

  /** The framework's v1 FrameworkInfo as subscribed (with its id), sent to agents with each LAUNCH. */
  void rememberFramework(String frameworkId, JsonNode info) {
    ObjectNode copy = info.isObject() ? ((ObjectNode) info).deepCopy() : ApiJson.mapper().createObjectNode();
    copy.set("id", ApiJson.mapper().createObjectNode().put("value", frameworkId));
    frameworkJson.put(frameworkId, copy);
  }

  /** A task's kill grace period from its KillPolicy (or a KILL call's override). */
  void rememberKillGrace(String frameworkId, String taskId, long graceMs) {
    killGraceMs.put(frameworkId + "/" + taskId, graceMs);
  }

  private static boolean freesOrAddsResources(Command c) {
    return switch (c) {
      case Command.Subscribe x -> true;
      case Command.Disconnect x -> true;
      case Command.Teardown x -> true;
      case Command.Accept x -> true;
      case Command.Decline x -> true;
      case Command.Revive x -> true;
      case Command.RegisterAgent x -> true;
      case Command.ReregisterAgent x -> true;
      case Command.StatusUpdate x -> x.status().state().isTerminal();
      case Command.MarkAgentGone x -> true;
      case Command.RecoverRegistry x -> false;
      case Command.Suppress x -> false;
      case Command.Kill x -> false;
      case Command.Acknowledge x -> false;
      case Command.Reconcile x -> false;
      case Command.AgentPing x -> false;
      case Command.Tick x -> false;
      case Command.Allocate x -> false;
    };
  }

  void requestAllocation() {
    if (allocationPending) return;
    allocationPending = true;
    if (!post(this::allocate)) allocationPending = false;
  }

  private void allocate() {
    allocationPending = false;
    if (registry == null) return; // not leading yet: nothing to offer
    long start = clock.monoNanos();
    handle(new Command.Allocate(nowMs()));
    metrics.allocationCycle(clock.monoNanos() - start);
  }

  private void publishOperatorEvents(Command command, List<Effect> effects) {
    if (operatorStreams.size() == 0) return;
    try {
      for (JsonNode event : OperatorApi.events(command, effects, core)) operatorStreams.broadcast(Wire.frame(event));
    } catch (UnsupportedOperationException e) {
      log.debug("operator events not available: {}", e.getMessage());
    } catch (RuntimeException e) {
      log.error("operator events for {} failed", command.getClass().getSimpleName(), e);
    }
  }

  private void tick() {
    if (registry != null) {
      handle(new Command.Tick(nowMs()));
      cleanUp();
    }
    metrics.refresh(core, queue.size());
  }

  /** Forgets wire data of frameworks and tasks the core no longer knows. */
  private void cleanUp() {
    frameworkJson.keySet().retainAll(core.frameworkIds());
    killGraceMs.keySet().removeIf(k -> {
      int slash = k.indexOf('/');
      return core.task(k.substring(0, slash), k.substring(slash + 1)).isEmpty();
    });
  }

  /**
   * On election (loop thread): reads the registry, hands it to the core and the allocator. Returns the agents
   * recovered. Throws FatalRegistryError if the registry cannot be read.
   */
  int recover(RegistryStore store) {
    RegistrySnapshot snapshot;
    try {
      snapshot = store.load();
    } catch (RegistryException e) {
      throw new FatalRegistryError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FatalRegistryError(e);
    }
    this.registry = store;
    core.handle(snapshot.toRecoverRegistry(nowMs()));
    core.allocator().updateWeights(snapshot.weights());
    snapshot.quotas().forEach(core.allocator()::setQuota);
    return snapshot.admitted().size() + snapshot.unreachable().size() + snapshot.gone().size();
  }

  boolean recovered() { return registry != null; }

  Optional<JsonNode> frameworkJson(String frameworkId) { return Optional.ofNullable(frameworkJson.get(frameworkId)); }

  /** Stops timers and the loop thread and ends every stream. */
  @Override public void close() throws InterruptedException {
    running = false;
    timers.shutdownNow();
    thread.interrupt();
    if (thread != Thread.currentThread()) thread.join(5000);
    timers.awaitTermination(5, TimeUnit.SECONDS);
    frameworkStreams.closeAll();
    agentStreams.closeAll();
    operatorStreams.closeAll();
  }
}
