package io.drover.apps.service;

import io.drover.apps.core.CoreEffect;
import io.drover.apps.launch.TaskBuilder;
import io.drover.apps.model.AppJson;
import io.drover.apps.store.Category;
import io.drover.apps.store.StoreException;
import io.drover.apps.store.VersionedRepository;
import io.drover.apps.store.ZkValueStore;
import io.drover.master.api.v1.AgentID;
import io.drover.master.api.v1.Call;
import io.drover.master.api.v1.Filters;
import io.drover.master.api.v1.OfferID;
import io.drover.master.api.v1.TaskID;
import io.drover.master.api.v1.TaskInfo;
import io.drover.scheduler.client.SchedulerClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the effects of one core command, on the driver's loop: first every store write, in order (so nothing
 * is launched, killed or answered that the next leader would not know about), then scheduler calls and events in
 * order (readiness checks go to {@link ReadinessChecks}), and the reply (the last reply effect) completes the caller's future. Scheduler calls are asynchronous; their
 * failures are logged (the core's timers and reconciliation repair a lost call: a launch that never arrives times
 * out, a kill is retried by the next scale check).
 */
final class EffectRunner {
  private static final Logger log = LoggerFactory.getLogger(EffectRunner.class);

  /** A store write failed: the caller must stop leading. {@link #getCause()} says why. */
  static final class StoreFailure extends RuntimeException {
    StoreFailure(Throwable cause) { super(cause); }
  }

  private final AppsRuntime runtime;
  private final ReadinessChecks readiness;
  private volatile SchedulerClient client;
  static final Filters ACCEPT_FILTERS = new Filters(0.0);

  EffectRunner(AppsRuntime runtime, ReadinessChecks readiness) {
    this.runtime = runtime;
    this.readiness = readiness;
  }

  void client(SchedulerClient c) { client = c; }

  /** @throws StoreFailure if a write failed (nothing after it was carried out; the reply is not completed) */
  void run(List<CoreEffect> effects, CompletableFuture<CoreEffect> reply) {
    List<CoreEffect> rest = persistAll(effects);
    CoreEffect answer = null;
    for (CoreEffect e : rest) {
      switch (e) {
        case CoreEffect.Launch l -> launch(l);
        case CoreEffect.Decline d -> call("decline", client().decline(d.offerIds().stream().map(OfferID::new).toList(),
            new Filters(d.refuseSeconds())));
        case CoreEffect.Kill k -> call("kill " + k.taskId(), client().kill(new TaskID(k.taskId()),
            k.agentId() == null ? null : new AgentID(k.agentId()), null));
        case CoreEffect.Revive r -> call("revive", client().revive(List.of(runtime.config().role())));
        case CoreEffect.Suppress s -> call("suppress", client().suppress(List.of(runtime.config().role())));
        case CoreEffect.Reconcile r -> call("reconcile", client().reconcile(r.tasks().stream()
            .map(t -> new Call.ReconcileTask(new TaskID(t.taskId()),
                t.agentId() == null ? null : new AgentID(t.agentId()))).toList()));
        case CoreEffect.Publish p -> runtime.eventBus().publish(p.event());
        case CoreEffect.StartReadinessCheck r -> readiness.start(r.taskId(), r.check(), r.url());
        case CoreEffect.StopReadinessCheck r -> readiness.stop(r.taskId());
        case CoreEffect.Accepted a -> answer = a;
        case CoreEffect.Locked a -> answer = a;
        case CoreEffect.Invalid a -> answer = a;
        case CoreEffect.NotFound a -> answer = a;
        case CoreEffect.Forbidden a -> answer = a;
        case CoreEffect.Killed a -> answer = a;
        case CoreEffect.Done a -> answer = a;
        case CoreEffect.PersistGroup x -> throw new IllegalStateException("unreachable");
        case CoreEffect.PersistApp x -> throw new IllegalStateException("unreachable");
        case CoreEffect.PersistDeployment x -> throw new IllegalStateException("unreachable");
        case CoreEffect.DeleteDeployment x -> throw new IllegalStateException("unreachable");
        case CoreEffect.PersistInstance x -> throw new IllegalStateException("unreachable");
        case CoreEffect.DeleteInstance x -> throw new IllegalStateException("unreachable");
        case CoreEffect.PersistTaskFailure x -> throw new IllegalStateException("unreachable");
        case CoreEffect.DeleteTaskFailure x -> throw new IllegalStateException("unreachable");
      }
    }
    if (reply != null) {
      if (answer != null) reply.complete(answer);
      else reply.completeExceptionally(new IllegalStateException("the core answered no reply"));
    }
  }

  /**
   * Writes waiting to be stored together, in effect order: either instance and task failure changes (one multi for
   * many, {@link ZkValueStore#apply}) or app versions ({@link VersionedRepository#putAll}); adding one kind flushes
   * the other first.
   */
  private final class Batch {
    private final List<ZkValueStore.Change> changes = new ArrayList<>();
    private final List<VersionedRepository.Versioned<JsonNode>> apps = new ArrayList<>();

    void change(ZkValueStore.Change c) throws StoreException, InterruptedException {
      flushApps();
      changes.add(c);
    }

    void app(VersionedRepository.Versioned<JsonNode> app) throws StoreException, InterruptedException {
      flushChanges();
      apps.add(app);
    }

    /** Stores everything pending. */
    void flush() throws StoreException, InterruptedException {
      flushChanges();
      flushApps();
    }

    private void flushChanges() throws StoreException, InterruptedException {
      if (changes.isEmpty()) return;
      runtime.store().values().apply(changes);
      changes.clear();
    }

    private void flushApps() throws StoreException, InterruptedException {
      if (apps.isEmpty()) return;
      runtime.store().apps().putAll(apps);
      apps.clear();
    }
  }

  /**
   * Carries out {@code e} if it is a store write; false if it is not one. Instance and task failure writes join
   * {@code batch} ({@link ZkValueStore#apply}: one multi for many); any other write first flushes the batch, so
   * writes keep their order.
   */
  private boolean persist(CoreEffect e, Batch batch) throws StoreException, InterruptedException {
    AppsStore store = runtime.store();
    switch (e) {
      case CoreEffect.PersistGroup g -> {
        batch.flush();
        store.groups().put(Category.ROOT_GROUP_ID, g.root().version().toString(), StateCodec.group(g.root()));
      }
      case CoreEffect.PersistApp a -> {
        String id = a.app().id().toString();
        if (a.app().version().isPresent()) {
          batch.app(new VersionedRepository.Versioned<>(id, a.app().version().get().toString(),
              AppJson.toJson(a.app())));
        } else {
          batch.flush();
          store.apps().put(id, AppJson.toJson(a.app()));
        }
      }
      case CoreEffect.PersistDeployment d -> {
        batch.flush();
        store.deployments().put(d.deployment().id(), StateCodec.deployment(d.deployment()));
      }
      case CoreEffect.DeleteDeployment d -> {
        batch.flush();
        store.deployments().delete(d.id());
      }
      case CoreEffect.PersistInstance i -> batch.change(store.instances().putChange(
          i.instance().instanceId().idString(), StateCodec.instance(i.instance())));
      case CoreEffect.DeleteInstance i -> batch.change(store.instances().deleteChange(i.instanceId()));
      case CoreEffect.PersistTaskFailure f -> batch.change(store.taskFailures().putChange(f.failure().appId(),
          StateCodec.taskFailure(f.failure())));
      case CoreEffect.DeleteTaskFailure f -> batch.change(store.taskFailures().deleteChange(f.appId()));
      case CoreEffect.Launch x -> { return false; }
      case CoreEffect.Decline x -> { return false; }
      case CoreEffect.Kill x -> { return false; }
      case CoreEffect.Revive x -> { return false; }
      case CoreEffect.Suppress x -> { return false; }
      case CoreEffect.Reconcile x -> { return false; }
      case CoreEffect.Publish x -> { return false; }
      case CoreEffect.StartReadinessCheck x -> { return false; }
      case CoreEffect.StopReadinessCheck x -> { return false; }
      case CoreEffect.Accepted x -> { return false; }
      case CoreEffect.Locked x -> { return false; }
      case CoreEffect.Invalid x -> { return false; }
      case CoreEffect.NotFound x -> { return false; }
      case CoreEffect.Forbidden x -> { return false; }
      case CoreEffect.Killed x -> { return false; }
      case CoreEffect.Done x -> { return false; }
    }
    return true;
  }

  /** Carries out every store write of {@code effects} (see {@link #persist}); returns the other effects, in order. */
  private List<CoreEffect> persistAll(List<CoreEffect> effects) {
    List<CoreEffect> rest = new ArrayList<>();
    Batch batch = new Batch();
    try {
      for (CoreEffect e : effects) {
        if (!persist(e, batch)) rest.add(e);
      }
      batch.flush();
    } catch (StoreException ex) {
      throw new StoreFailure(ex);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new StoreFailure(ex);
    }
    return rest;
  }

  private void launch(CoreEffect.Launch l) {
    List<TaskInfo> tasks = l.requests().stream()
        .map(r -> TaskBuilder.build(r.app(), r.instance().taskId(), r.match())).toList();
    // refuse_seconds 0, as Marathon's TaskLauncherImpl: what the launch leaves of the offer comes back in the next
    // allocation cycle (without filters the master applies Mesos' default 5 s, and launches came in rounds 5 s apart).
    call("launch on offer " + l.offerId(), client().launch(new OfferID(l.offerId()), tasks, ACCEPT_FILTERS));
  }

  private SchedulerClient client() {
    SchedulerClient c = client;
    if (c == null) throw new IllegalStateException("no scheduler client yet");
    return c;
  }

  private static void call(String what, CompletableFuture<Void> f) {
    f.whenComplete((ok, e) -> {
      if (e != null) log.warn("scheduler call {} failed: {}", what, e.toString());
    });
  }
}
