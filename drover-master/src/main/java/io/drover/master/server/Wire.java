package io.drover.master.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.common.recordio.RecordIo;
import io.drover.master.api.agent.AgentEvent;
import io.drover.master.api.agent.AgentProtocol;
import io.drover.master.api.v1.AgentID;
import io.drover.master.api.v1.ApiJson;
import io.drover.master.api.v1.Bytes;
import io.drover.master.api.v1.Event;
import io.drover.master.api.v1.FrameworkID;
import io.drover.master.api.v1.MasterInfo;
import io.drover.master.api.v1.OfferID;
import io.drover.master.api.v1.ResourceJson;
import io.drover.master.api.v1.TaskID;
import io.drover.master.api.v1.TaskStatus;
import io.drover.master.api.v1.TimeInfo;
import io.drover.master.cluster.AgentMessage;
import io.drover.master.cluster.FrameworkEvent;
import io.drover.master.cluster.Offer;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Maps the core's domain events to wire records: v1 scheduler Events and agent-protocol events, RecordIO-framed. */
final class Wire {
  private Wire() {}

  static final byte[] SCHEDULER_HEARTBEAT = RecordIo.encode(ApiJson.writeBytes(Event.heartbeat()));
  static final byte[] AGENT_PING = AgentProtocol.frame(new AgentEvent.Ping());

  static byte[] frame(Event event) { return RecordIo.encode(ApiJson.writeBytes(event)); }

  static byte[] frame(JsonNode json) { return RecordIo.encode(ApiJson.writeBytes(json)); }

  /** The v1 Event for a core event; SUBSCRIBED carries {@code masterInfo}. */
  static Event toV1(FrameworkEvent event, MasterInfo masterInfo, Function<String, JsonNode> agentUrl) {
    return switch (event) {
      case FrameworkEvent.Subscribed s -> Event.subscribed(new Event.Subscribed(new FrameworkID(s.frameworkId()),
          s.heartbeatIntervalSeconds(), masterInfo));
      case FrameworkEvent.Offers o -> Event.offers(o.offers().stream().map(x -> offer(x, agentUrl)).toList());
      case FrameworkEvent.Rescind r -> Event.rescind(new OfferID(r.offerId()));
      case FrameworkEvent.Update u -> Event.update(status(u.status()));
      case FrameworkEvent.Failure f -> Event.failure(new Event.Failure(new AgentID(f.agentId()),
          f.executorId() == null ? null : new io.drover.master.api.v1.ExecutorID(f.executorId()), null));
      case FrameworkEvent.Error e -> Event.error(e.message());
    };
  }

  static io.drover.master.api.v1.Offer offer(Offer o, Function<String, JsonNode> agentUrl) {
    return new io.drover.master.api.v1.Offer(new OfferID(o.offerId()), new FrameworkID(o.frameworkId()),
        new AgentID(o.agentId()), o.hostname(), agentUrl.apply(o.agentId()), null, ResourceJson.toJson(o.resources(), o.role()),
        ResourceJson.attributesToJson(o.attributes()), List.of(), null,
        new io.drover.master.api.v1.Resource.AllocationInfo(o.role()));
  }

  static TaskStatus status(io.drover.master.cluster.TaskStatus s) {
    return new TaskStatus(new TaskID(s.taskId()), s.state(), s.message(), s.source(), s.reason(), null,
        s.agentId() == null ? null : new AgentID(s.agentId()), null, s.timestampMs() / 1000.0,
        s.uuid() == null ? null : Bytes.fromBase64(s.uuid()), s.healthy(), null, null, null,
        s.unreachableTimeMs() == null ? null : new TimeInfo(s.unreachableTimeMs() * 1_000_000L), null);
  }

  /**
   * The agent event for a core message. {@code launch} builds LAUNCH (it needs the driver's v1 JSON of the framework
   * and task), {@code graceMs} gives a task's kill grace period.
   */
  static AgentEvent toAgent(AgentMessage m, long heartbeatMs, long pingTimeoutMs,
      java.util.function.Function<AgentMessage.LaunchTask, AgentEvent> launch, BiFunction<String, String, Long> graceMs) {
    return switch (m) {
      case AgentMessage.Registered r -> new AgentEvent.Subscribed(r.agentId(), heartbeatMs, pingTimeoutMs);
      case AgentMessage.Reregistered r -> new AgentEvent.Subscribed(r.agentId(), heartbeatMs, pingTimeoutMs);
      case AgentMessage.LaunchTask l -> launch.apply(l);
      case AgentMessage.KillTask k -> new AgentEvent.Kill(k.frameworkId(), k.taskId(),
          graceMs.apply(k.frameworkId(), k.taskId()));
      case AgentMessage.ShutdownFramework s -> new AgentEvent.ShutdownFramework(s.frameworkId());
      case AgentMessage.AcknowledgeUpdate a -> new AgentEvent.Acknowledged(a.frameworkId(), a.taskId(), a.uuid());
      // The agent link exits on an ERROR that says "shut down" (any other ERROR makes it resubscribe).
      case AgentMessage.Shutdown s -> new AgentEvent.Error(s.message() + "; the agent must shut down");
    };
  }
}
