package io.drover.master.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.common.mesos.TaskStatusSource;
import io.drover.common.random.Rng;
import io.drover.common.resources.Attributes;
import io.drover.common.resources.Resources;
import io.drover.common.resources.ResourcesParser;
import io.drover.master.allocator.Allocator;
import io.drover.master.allocator.AllocatorConfig;
import io.drover.master.allocator.FrameworkCapability;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A core with sequential ids under master id "M", plus builders for commands. */
final class Harness {
  final ClusterCore core;

  Harness() { this(ClusterConfig.defaults()); }

  Harness(ClusterConfig config) {
    core = new ClusterCore(config, new Allocator(AllocatorConfig.defaults(), Rng.seeded(7)),
        IdGenerator.sequential("M"));
  }

  static Resources res(String text) { return ResourcesParser.parseResources(text); }

  static AgentInfo agentInfo(String host, String resources) {
    return new AgentInfo(host, 5051, res(resources), Attributes.EMPTY);
  }

  static FrameworkInfo info(String id, boolean partitionAware, double failoverSeconds) {
    return new FrameworkInfo(id, "fw", "root", Set.of("*"),
        partitionAware ? Set.of(FrameworkCapability.PARTITION_AWARE) : Set.of(), failoverSeconds, true);
  }

  List<Effect> run(Command c) { return core.handle(c); }

  /** Registers an agent and returns its id. */
  String agent(String host, String resources, long nowMs) {
    List<Effect> out = run(new Command.RegisterAgent(agentInfo(host, resources), nowMs));
    Effect.SendToAgent reply = (Effect.SendToAgent) out.get(out.size() - 1);
    return reply.agentId();
  }

  /** Subscribes a new framework on stream {@code streamId}; returns its id. */
  String framework(boolean partitionAware, double failoverSeconds, String streamId, long nowMs) {
    List<Effect> out = run(new Command.Subscribe(info(null, partitionAware, failoverSeconds), streamId, Set.of(),
        nowMs));
    return ((FrameworkEvent.Subscribed) ((Effect.SendToFramework) out.get(0)).event()).frameworkId();
  }

  /** Runs an allocation and returns the offers made to {@code frameworkId}. */
  List<Offer> offersFor(String frameworkId, long nowMs) {
    List<Offer> offers = new ArrayList<>();
    for (Effect e : run(new Command.Allocate(nowMs))) {
      if (e instanceof Effect.SendToFramework s && s.frameworkId().equals(frameworkId)
          && s.event() instanceof FrameworkEvent.Offers o) {
        offers.addAll(o.offers());
      }
    }
    return offers;
  }

  Offer singleOffer(String frameworkId, long nowMs) {
    List<Offer> offers = offersFor(frameworkId, nowMs);
    assertThat(offers).hasSize(1);
    return offers.get(0);
  }

  /** Launches one command task on the offer; returns the effects. */
  List<Effect> launch(String frameworkId, Offer offer, String taskId, String resources, long nowMs) {
    return run(new Command.Accept(frameworkId, List.of(offer.offerId()),
        List.of(TaskInfo.command(taskId, offer.agentId(), res(resources), "sleep 1000")), 5.0, nowMs));
  }

  static Effect update(String frameworkId, TaskStatus status) {
    return new Effect.SendToFramework(frameworkId, new FrameworkEvent.Update(status));
  }

  static TaskStatus master(String taskId, TaskState state, TaskStatusReason reason, String message, String agentId,
      long nowMs) {
    return TaskStatus.fromMaster(taskId, state, reason, message, agentId, nowMs);
  }

  static TaskStatus fromAgent(String taskId, TaskState state, String agentId, long nowMs) {
    return new TaskStatus(taskId, state, TaskStatusSource.SOURCE_EXECUTOR, null, null, agentId, nowMs, "u-" + taskId + state,
        null, null);
  }
}
