package io.drover.master.api.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusSource;
import io.drover.common.random.Rng;
import io.drover.common.resources.Attributes;
import io.drover.common.resources.Resources;
import io.drover.common.resources.ResourcesParser;
import io.drover.master.allocator.Allocator;
import io.drover.master.allocator.AllocatorConfig;
import io.drover.master.allocator.FrameworkCapability;
import io.drover.master.api.v1.ApiJson;
import io.drover.master.api.v1.Address;
import io.drover.master.api.v1.MasterInfo;
import io.drover.master.cluster.AgentInfo;
import io.drover.master.cluster.ClusterConfig;
import io.drover.master.cluster.ClusterCore;
import io.drover.master.cluster.Command;
import io.drover.master.cluster.Effect;
import io.drover.master.cluster.FrameworkEvent;
import io.drover.master.cluster.FrameworkInfo;
import io.drover.master.cluster.IdGenerator;
import io.drover.master.cluster.Offer;
import io.drover.master.cluster.TaskInfo;
import io.drover.master.cluster.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A real {@link ClusterCore} (master id "M", sequential ids, seeded allocator) driven by commands, plus the
 * operator-test helpers: a fixed {@link MasterIdentity} and JSON parsing/normalising.
 */
final class Cluster {
  final ClusterCore core = new ClusterCore(ClusterConfig.defaults(),
      new Allocator(AllocatorConfig.defaults(), Rng.seeded(7)), IdGenerator.sequential("M"));

  static final MasterInfo SELF = new MasterInfo("master-1", 16777343, 5050, "master@127.0.0.1:5050", "m1",
      "0.3.0", new Address("m1", "127.0.0.1", 5050), null, null);

  static final MasterIdentity IDENTITY = new MasterIdentity(SELF, Optional.of(SELF), 500, 700, "0.3.0",
      Map.of("agent_ping_timeout", "15secs", "max_agent_ping_timeouts", "5", "cluster", "test"));

  static Resources res(String text) { return ResourcesParser.parseResources(text); }

  List<Effect> run(Command c) { return core.handle(c); }

  String agent(String host, String resources, String attributes, long nowMs) {
    Attributes attrs = attributes.isEmpty() ? Attributes.EMPTY : ResourcesParser.parseAttributes(attributes);
    List<Effect> out = run(new Command.RegisterAgent(new AgentInfo(host, 5051, res(resources), attrs), nowMs));
    return ((Effect.SendToAgent) out.get(out.size() - 1)).agentId();
  }

  static FrameworkInfo info(String id, String name, boolean partitionAware, double failoverSeconds) {
    return new FrameworkInfo(id, name, "root", Set.of("*"),
        partitionAware ? Set.of(FrameworkCapability.PARTITION_AWARE) : Set.of(), failoverSeconds, true);
  }

  String framework(String name, boolean partitionAware, double failoverSeconds, String streamId, long nowMs) {
    List<Effect> out = run(new Command.Subscribe(info(null, name, partitionAware, failoverSeconds), streamId,
        Set.of(), nowMs));
    return ((FrameworkEvent.Subscribed) ((Effect.SendToFramework) out.get(0)).event()).frameworkId();
  }

  List<Offer> allocate(long nowMs) {
    List<Offer> offers = new ArrayList<>();
    for (Effect e : run(new Command.Allocate(nowMs))) {
      if (e instanceof Effect.SendToFramework s && s.event() instanceof FrameworkEvent.Offers o) {
        offers.addAll(o.offers());
      }
    }
    return offers;
  }

  static TaskInfo task(String taskId, String agentId, String resources) {
    return TaskInfo.command(taskId, agentId, res(resources), "sleep 1000");
  }

  /** Base64 of "uuid-<task>-<state>", as an agent's update uuid. */
  static String uuid(String taskId, TaskState state) {
    return Base64.getEncoder().encodeToString(("uuid-" + taskId + "-" + state.name()).getBytes(StandardCharsets.UTF_8));
  }

  static TaskStatus fromExecutor(String taskId, TaskState state, String agentId, long nowMs) {
    return new TaskStatus(taskId, state, TaskStatusSource.SOURCE_EXECUTOR, null, null, agentId, nowMs,
        uuid(taskId, state), null, null);
  }

  List<Effect> update(String frameworkId, String taskId, TaskState state, String agentId, long nowMs) {
    return run(new Command.StatusUpdate(frameworkId, fromExecutor(taskId, state, agentId, nowMs), nowMs));
  }

  static JsonNode json(String text) {
    try {
      return ApiJson.mapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError("test JSON does not parse: " + e.getMessage() + "\n" + text, e);
    }
  }

  /** The node as it goes over the wire and back (so 5 and 5L compare equal, as clients see them). */
  static JsonNode wire(JsonNode node) { return json(ApiJson.write(node)); }

  static void assertJson(JsonNode actual, String expected) {
    assertThat(wire(actual)).as(actual.toPrettyString()).isEqualTo(json(expected));
  }
}
