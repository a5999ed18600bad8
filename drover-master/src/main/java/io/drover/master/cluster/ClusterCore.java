package io.drover.master.cluster;

import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.common.mesos.TaskStatusSource;
import io.drover.master.allocator.Allocation;
import io.drover.master.allocator.Allocator;
import io.drover.master.allocator.FrameworkCapability;
import io.drover.master.cluster.Command.Accept;
import io.drover.master.cluster.Command.Acknowledge;
import io.drover.master.cluster.Command.AgentPing;
import io.drover.master.cluster.Command.Allocate;
import io.drover.master.cluster.Command.Decline;
import io.drover.master.cluster.Command.Disconnect;
import io.drover.master.cluster.Command.Kill;
import io.drover.master.cluster.Command.MarkAgentGone;
import io.drover.master.cluster.Command.Reconcile;
import io.drover.master.cluster.Command.ReconcileTask;
import io.drover.master.cluster.Command.RecoverRegistry;
import io.drover.master.cluster.Command.RegisterAgent;
import io.drover.master.cluster.Command.ReregisterAgent;
import io.drover.master.cluster.Command.Revive;
import io.drover.master.cluster.Command.StatusUpdate;
import io.drover.master.cluster.Command.Subscribe;
import io.drover.master.cluster.Command.Suppress;
import io.drover.master.cluster.Command.Teardown;
import io.drover.master.cluster.Command.Tick;
import io.drover.master.cluster.Effect.PersistRegistry;
import io.drover.master.cluster.Effect.RegistryChange;
import io.drover.master.cluster.Effect.Rejected;
import io.drover.master.cluster.Effect.Rejection;
import io.drover.master.cluster.Effect.SendToAgent;
import io.drover.master.cluster.Effect.SendToFramework;
import io.drover.master.cluster.Records.AgentRecord;
import io.drover.master.cluster.Records.FrameworkRecord;
import io.drover.master.cluster.Records.TaskRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * The master's decision core: frameworks, agents, offers and tasks, driven by {@link Command}s; every decision comes
 * back as {@link Effect}s in the order the driver must carry them out. Single-threaded and pure: the driver
 * serializes commands (one actor / event loop), passes time in, and owns the allocator's Rng.
 *
 * <p>Invariants: an offer id is in {@link #offers()} until it is accepted, declined or rescinded, and never again;
 * every resource of an outstanding offer is offered in the allocator; every non-terminal task on a registered agent
 * is used in the allocator; each known task has exactly one latest state. Terminal tasks leave the live view and
 * are kept in a bounded list of completed tasks.
 *
 * <p>Known simplifications (later work): terminal tasks are dropped at once rather than at acknowledgement; no
 * pending-task tracking for launches in flight; no agent removal rate limit.
 */
public final class ClusterCore {
  private static final int MAX_REMOVED_FRAMEWORKS = 1000;

  final ClusterConfig config;
  final Allocator allocator;
  final IdGenerator ids;
  final Map<String, FrameworkRecord> frameworks = new TreeMap<>();
  final Map<String, AgentRecord> agents = new TreeMap<>();
  final Map<String, Offer> offers = new LinkedHashMap<>();
  private final LinkedHashSet<String> removedFrameworks = new LinkedHashSet<>();
  private final ArrayDeque<Task> completed = new ArrayDeque<>();

  /** The core takes ownership of {@code allocator}: nobody else may change it. */
  public ClusterCore(ClusterConfig config, Allocator allocator, IdGenerator ids) {
    this.config = config;
    this.allocator = allocator;
    this.ids = ids;
  }

  /** Applies one command; returns the effects to carry out, in order (possibly none). */
  public List<Effect> handle(Command command) {
    List<Effect> out = new ArrayList<>();
    switch (command) {
      case Subscribe c -> subscribe(c, out);
      case Disconnect c -> disconnect(c, out);
      case Teardown c -> {
        FrameworkRecord fw = known(c.frameworkId(), out);
        if (fw != null) removeFramework(fw, c.nowMs(), out);
      }
      case Accept c -> {
        FrameworkRecord fw = subscribed(c.frameworkId(), out);
        if (fw != null) new Launches(this, fw, out).accept(c);
      }
      case Decline c -> decline(c, out);
      case Revive c -> reviveOrSuppress(c.frameworkId(), c.roles(), true, out);
      case Suppress c -> reviveOrSuppress(c.frameworkId(), c.roles(), false, out);
      case Kill c -> kill(c, out);
      case Acknowledge c -> acknowledge(c, out);
      case Reconcile c -> {
        FrameworkRecord fw = subscribed(c.frameworkId(), out);
        if (fw != null) Reconciliation.reconcile(this, fw, c.tasks(), c.nowMs(), out);
      }
      case RegisterAgent c -> registerAgent(c, out);
      case ReregisterAgent c -> new Reregistration(this, c, out).run();
      case AgentPing c -> {
        AgentRecord a = agents.get(c.agentId());
        if (a != null && a.status == AgentStatus.REGISTERED) a.lastSeenMs = Math.max(a.lastSeenMs, c.nowMs());
      }
      case StatusUpdate c -> statusUpdate(c, out);
      case MarkAgentGone c -> markGone(c, out);
      case RecoverRegistry c -> recoverRegistry(c);
      case Tick c -> tick(c.nowMs(), out);
      case Allocate c -> allocate(c.nowMs(), out);
    }
    return out;
  }

  // ---- frameworks ----

  private void subscribe(Subscribe c, List<Effect> out) {
    FrameworkInfo info = c.info();
    if (info.roles().isEmpty()) {
      out.add(new Rejected(Rejection.INVALID, "framework_info.roles must name at least one role"));
      return;
    }
    if (info.roles().size() > 1 && !info.capabilities().contains(FrameworkCapability.MULTI_ROLE)) {
      out.add(new Rejected(Rejection.INVALID, "several roles need the MULTI_ROLE capability"));
      return;
    }
    for (String role : info.roles()) {
      try {
        io.drover.master.allocator.Roles.validate(role);
      } catch (IllegalArgumentException e) {
        out.add(new Rejected(Rejection.INVALID, e.getMessage()));
        return;
      }
    }
    if (!c.info().roles().containsAll(c.suppressedRoles())) {
      out.add(new Rejected(Rejection.INVALID, "suppressed_roles must be a subset of framework_info.roles"));
      return;
    }
    String id = info.id();
    if (id != null && removedFrameworks.contains(id)) {
      out.add(new Rejected(Rejection.INVALID, "Framework " + id + " has been removed"));
      return;
    }
    FrameworkRecord fw = id == null ? null : frameworks.get(id);
    if (fw == null) {
      String newId = id == null ? ids.nextFrameworkId() : id;
      fw = new FrameworkRecord(newId, info.withId(newId));
      frameworks.put(newId, fw);
      fw.registeredMs = c.nowMs();
      allocator.addFramework(newId, info.roles(), info.capabilities(), c.suppressedRoles());
    } else {
      if (fw.info == null) fw.registeredMs = c.nowMs(); else fw.reregisteredMs = c.nowMs(); // operator views only
      if (fw.connected()) out.add(new Effect.CloseStream(fw.id, fw.streamId));
      recoverOffersOf(fw.id, c.nowMs());
      fw.info = info.withId(fw.id);
      syncAllocatorFramework(fw, c.suppressedRoles());
      allocator.setFrameworkActive(fw.id, true);
    }
    fw.streamId = c.streamId();
    fw.failoverDeadlineMs = Long.MAX_VALUE;
    out.add(new SendToFramework(fw.id, new FrameworkEvent.Subscribed(fw.id, config.heartbeatIntervalSeconds())));
  }

  /**
   * The allocator's roles for a framework are its subscribed roles plus the roles its tasks still use (suppressed),
   * so that releasing those tasks later stays consistent.
   */
  void syncAllocatorFramework(FrameworkRecord fw, Set<String> suppressed) {
    Set<String> taskRoles = new TreeSet<>();
    fw.tasks.values().forEach(t -> taskRoles.add(t.role));
    Set<String> roles = new LinkedHashSet<>(fw.info == null ? Set.of() : fw.info.roles());
    Set<String> sup = new LinkedHashSet<>(suppressed);
    for (String r : taskRoles) if (roles.add(r)) sup.add(r);
    EnumSet<FrameworkCapability> caps = EnumSet.noneOf(FrameworkCapability.class);
    if (fw.info != null) caps.addAll(fw.info.capabilities());
    if (roles.size() > 1) caps.add(FrameworkCapability.MULTI_ROLE);
    if (fw.info == null) sup.addAll(roles);
    if (allocator.frameworkIds().contains(fw.id)) {
      allocator.updateFramework(fw.id, roles, caps, sup);
    } else {
      allocator.addFramework(fw.id, roles, caps, sup);
      allocator.setFrameworkActive(fw.id, fw.connected());
    }
  }

  private void disconnect(Disconnect c, List<Effect> out) {
    FrameworkRecord fw = frameworks.get(c.frameworkId());
    if (fw == null || !fw.connected() || !fw.streamId.equals(c.streamId())) return;
    fw.streamId = null;
    long timeoutMs = fw.info.failoverTimeoutMs();
    fw.failoverDeadlineMs = c.nowMs() > Long.MAX_VALUE - timeoutMs ? Long.MAX_VALUE - 1 : c.nowMs() + timeoutMs;
    recoverOffersOf(fw.id, c.nowMs());
    allocator.setFrameworkActive(fw.id, false);
  }

  /** Teardown or failover expiry: kill its tasks on every agent, drop its offers, forget it. */
  void removeFramework(FrameworkRecord fw, long nowMs, List<Effect> out) {
    if (fw.connected()) out.add(new Effect.CloseStream(fw.id, fw.streamId));
    Set<String> agentIds = new TreeSet<>();
    for (TaskRecord t : fw.tasks.values()) {
      AgentRecord a = agents.get(t.agentId);
      if (a != null && a.status == AgentStatus.REGISTERED) agentIds.add(t.agentId);
      t.latest = TaskStatus.fromMaster(t.taskId, TaskState.TASK_KILLED, TaskStatusReason.REASON_FRAMEWORK_REMOVED,
          "Framework " + fw.id + " removed", t.agentId, nowMs);
      complete(t);
    }
    fw.tasks.clear();
    for (String agentId : agentIds) {
      out.add(new SendToAgent(agentId, new AgentMessage.ShutdownFramework(fw.id)));
    }
    offers.values().removeIf(o -> o.frameworkId().equals(fw.id));
    allocator.removeFramework(fw.id);
    rememberCompleted(fw, nowMs);
    frameworks.remove(fw.id);
    removedFrameworks.add(fw.id);
    if (removedFrameworks.size() > MAX_REMOVED_FRAMEWORKS) {
      removedFrameworks.remove(removedFrameworks.iterator().next());
    }
  }

  /** Returns every outstanding offer of a framework to the allocator, without a filter and without RESCIND. */
  private void recoverOffersOf(String frameworkId, long nowMs) {
    for (var it = offers.values().iterator(); it.hasNext(); ) {
      Offer o = it.next();
      if (!o.frameworkId().equals(frameworkId)) continue;
      it.remove();
      allocator.recoverResources(o.frameworkId(), o.agentId(), o.role(), o.resources(), 0, nowMs);
    }
  }

  private void decline(Decline c, List<Effect> out) {
    FrameworkRecord fw = subscribed(c.frameworkId(), out);
    if (fw == null) return;
    for (String offerId : c.offerIds()) {
      Offer o = offers.get(offerId);
      if (o == null || !o.frameworkId().equals(fw.id)) continue; // Mesos ignores invalid offers in DECLINE
      offers.remove(offerId);
      allocator.recoverResources(fw.id, o.agentId(), o.role(), o.resources(), c.refuseSeconds(), c.nowMs());
    }
  }

  private void reviveOrSuppress(String frameworkId, Set<String> roles, boolean revive, List<Effect> out) {
    FrameworkRecord fw = subscribed(frameworkId, out);
    if (fw == null) return;
    if (!fw.info.roles().containsAll(roles)) {
      out.add(new Rejected(Rejection.INVALID, "roles " + roles + " are not all subscribed roles " + fw.info.roles()));
      return;
    }
    Set<String> target = roles.isEmpty() ? fw.info.roles() : roles;
    if (revive) allocator.revive(fw.id, target); else allocator.suppress(fw.id, target);
  }

  private void kill(Kill c, List<Effect> out) {
    FrameworkRecord fw = subscribed(c.frameworkId(), out);
    if (fw == null) return;
    TaskRecord t = fw.tasks.get(c.taskId());
    if (t == null) {
      // Mesos: killing an unknown task performs reconciliation of that task.
      Reconciliation.reconcile(this, fw, List.of(new ReconcileTask(c.taskId(), c.agentId())), c.nowMs(), out);
      return;
    }
    t.killRequested = true;
    AgentRecord a = agents.get(t.agentId);
    if (a != null && a.status == AgentStatus.REGISTERED) {
      out.add(new SendToAgent(t.agentId, new AgentMessage.KillTask(fw.id, t.taskId)));
    }
  }

  private void acknowledge(Acknowledge c, List<Effect> out) {
    FrameworkRecord fw = subscribed(c.frameworkId(), out);
    if (fw == null) return;
    AgentRecord a = agents.get(c.agentId());
    if (a != null && a.status == AgentStatus.REGISTERED) {
      out.add(new SendToAgent(a.id, new AgentMessage.AcknowledgeUpdate(fw.id, c.taskId(), c.uuid())));
    }
  }

  private FrameworkRecord known(String frameworkId, List<Effect> out) {
    FrameworkRecord fw = frameworkId == null ? null : frameworks.get(frameworkId);
    if (fw == null || fw.info == null) {
      out.add(new Rejected(Rejection.UNKNOWN_FRAMEWORK, "Framework " + frameworkId + " is not registered"));
      return null;
    }
    return fw;
  }

  /** The framework if it is known and subscribed; otherwise a rejection (400 unknown, 403 not subscribed). */
  private FrameworkRecord subscribed(String frameworkId, List<Effect> out) {
    FrameworkRecord fw = known(frameworkId, out);
    if (fw == null) return null;
    if (!fw.connected()) {
      out.add(new Rejected(Rejection.NOT_SUBSCRIBED, "Framework " + frameworkId + " is not subscribed"));
      return null;
    }
    return fw;
  }

  /** Sends a task update to the framework if it has a stream; master-generated updates are not retried. */
  void update(FrameworkRecord fw, TaskStatus status, List<Effect> out) {
    if (fw.connected()) out.add(new SendToFramework(fw.id, new FrameworkEvent.Update(status)));
  }

  /** Moves a terminal task to the bounded completed list (the caller removes it from its framework). */
  void complete(TaskRecord t) {
    if (config.maxCompletedTasks() == 0) return;
    if (completed.size() == config.maxCompletedTasks()) completed.removeFirst();
    completed.addLast(t.snapshot());
  }

  // ---- agents ----

  private void registerAgent(RegisterAgent c, List<Effect> out) {
    String id = ids.nextAgentId();
    AgentRecord a = new AgentRecord(id, c.info(), AgentStatus.REGISTERED, c.nowMs());
    agents.put(id, a);
    allocator.addAgent(id, c.info().hostname(), c.info().resources(), c.info().attributes());
    out.add(new PersistRegistry(new RegistryChange(id, AgentStatus.REGISTERED, c.info(), c.nowMs())));
    out.add(new SendToAgent(id, new AgentMessage.Registered(id)));
  }

  private void statusUpdate(StatusUpdate c, List<Effect> out) {
    FrameworkRecord fw = frameworks.get(c.frameworkId());
    if (fw == null) return; // unknown framework: the agent keeps retrying until it resubscribes or is torn down
    TaskStatus status = c.status();
    TaskRecord t = fw.tasks.get(status.taskId());
    if (t != null) {
      TaskState latest = c.latestState() == null ? status.state() : c.latestState();
      t.latest = latest == status.state() ? status : status.withState(latest);
      if (latest.isTerminal()) {
        AgentRecord a = agents.get(t.agentId);
        if (a != null && a.status == AgentStatus.REGISTERED) {
          allocator.released(fw.id, t.agentId, t.role, t.resources);
        }
        fw.tasks.remove(t.taskId);
        complete(t);
      }
    }
    update(fw, status, out);
  }

  /** Rescinds every outstanding offer on an agent (RESCIND to connected frameworks) and drops it from the allocator. */
  void removeAgentFromAllocator(String agentId, List<Effect> out) {
    for (var it = offers.values().iterator(); it.hasNext(); ) {
      Offer o = it.next();
      if (!o.agentId().equals(agentId)) continue;
      it.remove();
      FrameworkRecord fw = frameworks.get(o.frameworkId());
      if (fw != null && fw.connected()) {
        out.add(new SendToFramework(fw.id, new FrameworkEvent.Rescind(o.offerId())));
      }
    }
    allocator.removeAgent(agentId);
  }

  private void markUnreachable(AgentRecord a, long nowMs, List<Effect> out) {
    a.status = AgentStatus.UNREACHABLE;
    a.unreachableSinceMs = nowMs;
    removeAgentFromAllocator(a.id, out);
    out.add(new PersistRegistry(new RegistryChange(a.id, AgentStatus.UNREACHABLE, a.info, nowMs)));
    for (FrameworkRecord fw : frameworks.values()) {
      for (TaskRecord t : fw.tasks.values()) {
        if (!t.agentId.equals(a.id)) continue;
        t.latest = new TaskStatus(t.taskId, TaskState.TASK_UNREACHABLE, TaskStatusSource.SOURCE_MASTER,
            TaskStatusReason.REASON_AGENT_REMOVED, "Agent " + a.id + " is unreachable", a.id, nowMs, null, null, nowMs);
        update(fw, Reconciliation.visible(fw, t.latest), out);
      }
      if (fw.connected()) out.add(new SendToFramework(fw.id, new FrameworkEvent.Failure(a.id, null)));
    }
  }

  private void markGone(MarkAgentGone c, List<Effect> out) {
    AgentRecord a = agents.get(c.agentId());
    if (a == null || a.status == AgentStatus.GONE) return;
    boolean wasRegistered = a.status == AgentStatus.REGISTERED;
    a.status = AgentStatus.GONE;
    removeAgentFromAllocator(a.id, out);
    out.add(new PersistRegistry(new RegistryChange(a.id, AgentStatus.GONE, a.info, c.nowMs())));
    for (FrameworkRecord fw : frameworks.values()) {
      for (var it = fw.tasks.values().iterator(); it.hasNext(); ) {
        TaskRecord t = it.next();
        if (!t.agentId.equals(a.id)) continue;
        t.latest = TaskStatus.fromMaster(t.taskId, TaskState.TASK_GONE_BY_OPERATOR,
            TaskStatusReason.REASON_AGENT_REMOVED_BY_OPERATOR, "Agent " + a.id + " marked gone by the operator", a.id,
            c.nowMs());
        update(fw, fw.partitionAware() ? t.latest : t.latest.withState(TaskState.TASK_LOST), out);
        it.remove();
        complete(t);
      }
    }
    if (wasRegistered) out.add(new SendToAgent(a.id, new AgentMessage.Shutdown("Agent has been marked gone")));
  }

  private void recoverRegistry(RecoverRegistry c) {
    if (!agents.isEmpty()) throw new IllegalStateException("RecoverRegistry on a core that already has agents");
    for (String id : c.admitted()) agents.put(id, new AgentRecord(id, null, AgentStatus.RECOVERED, c.nowMs()));
    for (String id : c.unreachable()) {
      AgentRecord a = new AgentRecord(id, null, AgentStatus.UNREACHABLE, c.nowMs());
      a.unreachableSinceMs = c.nowMs();
      agents.put(id, a);
    }
    for (String id : c.gone()) agents.put(id, new AgentRecord(id, null, AgentStatus.GONE, c.nowMs()));
  }

  // ---- timers ----

  private void tick(long nowMs, List<Effect> out) {
    for (AgentRecord a : agents.values()) {
      long silentMs = nowMs - a.lastSeenMs;
      if (a.status == AgentStatus.REGISTERED && silentMs >= config.agentTimeoutMs()
          || a.status == AgentStatus.RECOVERED && silentMs >= config.agentReregisterTimeoutMs()) {
        markUnreachable(a, nowMs, out);
      }
    }
    for (FrameworkRecord fw : List.copyOf(frameworks.values())) {
      if (!fw.connected() && fw.info != null && nowMs >= fw.failoverDeadlineMs) removeFramework(fw, nowMs, out);
    }
  }

  private void allocate(long nowMs, List<Effect> out) {
    Map<String, List<Offer>> byFramework = new LinkedHashMap<>();
    for (Allocation a : allocator.allocate(nowMs)) {
      Offer o = new Offer(ids.nextOfferId(), a.frameworkId(), a.agentId(), a.hostname(), a.role(), a.resources(),
          a.attributes());
      offers.put(o.offerId(), o);
      byFramework.computeIfAbsent(a.frameworkId(), k -> new ArrayList<>()).add(o);
    }
    byFramework.forEach((fw, list) -> out.add(new SendToFramework(fw, new FrameworkEvent.Offers(list))));
  }

  // ---- views ----

  /** Live (non-terminal) tasks of every framework, by framework then launch order. */
  public List<Task> tasks() {
    List<Task> out = new ArrayList<>();
    for (FrameworkRecord fw : frameworks.values()) for (TaskRecord t : fw.tasks.values()) out.add(t.snapshot());
    return Collections.unmodifiableList(out);
  }

  public Optional<Task> task(String frameworkId, String taskId) {
    FrameworkRecord fw = frameworks.get(frameworkId);
    TaskRecord t = fw == null ? null : fw.tasks.get(taskId);
    return Optional.ofNullable(t == null ? null : t.snapshot());
  }

  /** The most recent terminal tasks, oldest first, at most {@link ClusterConfig#maxCompletedTasks()}. */
  public List<Task> completedTasks() { return List.copyOf(completed); }

  public List<Offer> offers() { return List.copyOf(offers.values()); }

  public Optional<AgentStatus> agentStatus(String agentId) {
    AgentRecord a = agents.get(agentId);
    return Optional.ofNullable(a == null ? null : a.status);
  }

  /** One known agent's last info; empty when unknown or only recovered from the registry. */
  public Optional<AgentInfo> agentInfo(String agentId) {
    AgentRecord a = agents.get(agentId);
    return Optional.ofNullable(a == null ? null : a.info);
  }

  /** Known agents (any status) with their last info; info is null for agents only recovered from the registry. */
  public Map<String, AgentInfo> agentInfos() {
    Map<String, AgentInfo> out = new TreeMap<>();
    agents.values().forEach(a -> out.put(a.id, a.info));
    return Collections.unmodifiableMap(out);
  }

  /** Frameworks subscribed at some point and not removed (connected or within failover). */
  public Set<String> frameworkIds() {
    Set<String> out = new TreeSet<>();
    frameworks.values().forEach(f -> { if (f.info != null) out.add(f.id); });
    return Collections.unmodifiableSet(out);
  }

  public Optional<FrameworkInfo> frameworkInfo(String frameworkId) {
    FrameworkRecord fw = frameworks.get(frameworkId);
    return Optional.ofNullable(fw == null ? null : fw.info);
  }

  public boolean isConnected(String frameworkId) {
    FrameworkRecord fw = frameworks.get(frameworkId);
    return fw != null && fw.connected();
  }

  /** Read-only use only (views, tests): changing the allocator behind the core breaks its invariants. */
  public Allocator allocator() { return allocator; }

  // ---- operator views (read-only; appended for io.drover.master.api.operator) ----

  private final CompletedFrameworks completedFrameworks = new CompletedFrameworks();

  /** Called by {@link #removeFramework} only: keeps a bounded snapshot for the operator views. */
  private void rememberCompleted(FrameworkRecord fw, long nowMs) { completedFrameworks.remember(fw, nowMs); }

  /** Removed (torn down or failed over) frameworks, oldest removal first, at most the last 50 (Mesos' default). */
  public List<CompletedFramework> completedFrameworks() { return completedFrameworks.list(); }

  /** When the agent was added to this master (registration, or re-registration when not registered before). */
  public OptionalLong agentRegisteredTimeMs(String agentId) {
    AgentRecord a = agents.get(agentId);
    return a == null ? OptionalLong.empty() : OptionalLong.of(a.registeredMs);
  }

  /** When the agent last re-registered with this master; empty if it never did. */
  public OptionalLong agentReregisteredTimeMs(String agentId) {
    AgentRecord a = agents.get(agentId);
    return a == null ? OptionalLong.empty() : CompletedFrameworks.time(a.reregisteredMs);
  }

  private OptionalLong frameworkTime(String frameworkId, ToLongFunction<FrameworkRecord> time) {
    FrameworkRecord fw = frameworks.get(frameworkId);
    return fw == null ? OptionalLong.empty() : CompletedFrameworks.time(time.applyAsLong(fw));
  }

  /** When the framework first subscribed with this master; empty if unknown or only known from agents' reports. */
  public OptionalLong frameworkRegisteredTimeMs(String frameworkId) {
    return frameworkTime(frameworkId, fw -> fw.registeredMs);
  }

  /** When the framework last resubscribed with this master; empty if it never did. */
  public OptionalLong frameworkReregisteredTimeMs(String frameworkId) {
    return frameworkTime(frameworkId, fw -> fw.reregisteredMs);
  }

  /** When a disconnected framework lost its stream (its failover timeout runs from there); empty while connected. */
  public OptionalLong frameworkDisconnectedTimeMs(String frameworkId) {
    return frameworkTime(frameworkId, CompletedFrameworks::disconnectedMs);
  }
}
