package io.drover.master.server;

import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.common.mesos.TaskStatusSource;
import io.drover.common.resources.ResourcesFormatException;
import io.drover.common.resources.ResourcesParser;
import io.drover.master.api.agent.AgentCall;
import io.drover.master.api.agent.AgentProtocol;
import io.drover.master.api.agent.AgentProtocolException;
import io.drover.master.cluster.AgentInfo;
import io.drover.master.cluster.Command;
import io.drover.master.cluster.Effect;
import io.drover.master.cluster.ReportedTask;
import io.drover.master.cluster.TaskStatus;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/agent}: the agent protocol ({@link io.drover.master.api.agent}). SUBSCRIBE answers 200 with a
 * RecordIO stream of agent events (first SUBSCRIBED, then LAUNCH/KILL/ACKNOWLEDGED/SHUTDOWN_FRAMEWORK/ERROR, and a
 * PING every agent ping timeout); a newer SUBSCRIBE of the same agent replaces its older stream. UPDATE and
 * HEARTBEAT answer 202. A malformed call gets 400; a non-JSON content type 415 (400 when missing).
 */
final class AgentApi {
  private static final Logger log = LoggerFactory.getLogger(AgentApi.class);

  private final MasterLoop loop;
  private final long pingMs;

  AgentApi(MasterLoop loop, MasterConfig config) {
    this.loop = loop;
    this.pingMs = config.agentPingTimeout().toMillis();
  }

  void handle(Context ctx) throws Exception {
    if (!Http.requireJson(ctx)) return;
    AgentCall call;
    Command command;
    try {
      call = AgentProtocol.decodeCall(ctx.bodyAsBytes());
      command = command(call);
    } catch (AgentProtocolException | IllegalArgumentException e) {
      Http.text(ctx, 400, "Invalid agent call: " + e.getMessage());
      return;
    }
    switch (call) {
      case AgentCall.Subscribe s -> subscribe(ctx, s, command);
      case AgentCall.Update u -> post(ctx, command);
      case AgentCall.Heartbeat h -> post(ctx, command);
    }
  }

  private void post(Context ctx, Command command) throws InterruptedException {
    Boolean ok = Http.await(ctx, loop.call(l -> {
      l.handle(withNow(command, l.nowMs()));
      return true;
    }));
    if (ok != null) ctx.status(202);
  }

  private void subscribe(Context ctx, AgentCall.Subscribe s, Command command) throws Exception {
    EventStream stream = new EventStream(UUID.randomUUID().toString(), EventStream.DEFAULT_CAPACITY);
    String knownId = s.agentId().orElse(null);
    String agentId = Http.await(ctx, loop.call(l -> {
      List<Effect> effects = l.handle(withNow(command, l.nowMs()), new MasterLoop.Opening(stream, true, knownId,
          ctx.req().getRemoteAddr()));
      for (Effect e : effects) {
        if (e instanceof Effect.SendToAgent sa && (sa.agentId().equals(knownId)
            || knownId == null && sa.message() instanceof io.drover.master.cluster.AgentMessage.Registered)) {
          return sa.agentId();
        }
      }
      return null;
    }));
    if (agentId == null) {
      if (!ctx.res().isCommitted() && ctx.statusCode() < 300) {
        Http.text(ctx, 400, "The master did not admit this agent");
      }
      return;
    }
    log.info("agent {} ({}) subscribed", agentId, s.hostname());
    var res = ctx.res();
    res.setStatus(200);
    res.setContentType(Http.JSON);
    res.setHeader("Cache-Control", "no-cache");
    EventStream.End end = EventStream.End.BROKEN;
    try {
      end = stream.pump(res.getOutputStream(), pingMs, () -> Wire.AGENT_PING);
    } finally {
      log.info("stream of agent {} ended: {}", agentId, end);
      loop.post(() -> loop.agentStreams.detach(agentId, stream));
    }
  }

  /** The core command for a call; {@code nowMs} is filled in on the loop. */
  static Command command(AgentCall call) {
    return switch (call) {
      case AgentCall.Subscribe s -> {
        AgentInfo info = new AgentInfo(s.hostname(), s.port(), parseResources(s.resources()),
            parseAttributes(s.attributes()));
        if (s.agentId().isEmpty()) yield new Command.RegisterAgent(info, 0);
        List<ReportedTask> tasks = new ArrayList<>();
        for (AgentCall.RunningTask t : s.runningTasks()) {
          tasks.add(new ReportedTask(t.frameworkId(), t.taskId(), t.name(), t.role(), parseResources(t.resources()),
              state(t.state())));
        }
        yield new Command.ReregisterAgent(s.agentId().get(), info, tasks, 0);
      }
      case AgentCall.Update u -> new Command.StatusUpdate(u.frameworkId(), new TaskStatus(u.taskId(), state(u.state()),
          source(u.source()), u.reason().map(AgentApi::reason).orElse(null), u.message().orElse(null), u.agentId(),
          u.timestampMs(), u.uuid(), u.healthy().orElse(null), null), u.latestState().map(AgentApi::state).orElse(null), 0);
      case AgentCall.Heartbeat h -> new Command.AgentPing(h.agentId(), 0);
    };
  }

  private static Command withNow(Command c, long now) {
    return switch (c) {
      case Command.RegisterAgent r -> new Command.RegisterAgent(r.info(), now);
      case Command.ReregisterAgent r -> new Command.ReregisterAgent(r.agentId(), r.info(), r.tasks(), now);
      case Command.StatusUpdate u -> new Command.StatusUpdate(u.frameworkId(), u.status(), u.latestState(), now);
      case Command.AgentPing p -> new Command.AgentPing(p.agentId(), now);
      default -> c;
    };
  }

  private static io.drover.common.resources.Resources parseResources(String text) {
    try {
      return ResourcesParser.parseResources(text);
    } catch (ResourcesFormatException e) {
      throw new IllegalArgumentException("bad resources '" + text + "': " + e.getMessage(), e);
    }
  }

  private static io.drover.common.resources.Attributes parseAttributes(String text) {
    try {
      return ResourcesParser.parseAttributes(text);
    } catch (ResourcesFormatException e) {
      throw new IllegalArgumentException("bad attributes '" + text + "': " + e.getMessage(), e);
    }
  }

  static TaskState state(String name) {
    try {
      return TaskState.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown task state '" + name + "'", e);
    }
  }

  private static TaskStatusSource source(String name) {
    try {
      return TaskStatusSource.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown status source '" + name + "'", e);
    }
  }

  private static TaskStatusReason reason(String name) {
    try {
      return TaskStatusReason.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown status reason '" + name + "'", e);
    }
  }
}
