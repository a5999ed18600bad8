package io.drover.master.server;

import io.drover.master.api.v1.ApiJson;
import io.drover.master.api.v1.Call;
import io.drover.master.api.v1.CallValidation;
import io.drover.master.api.v1.TaskInfo;
import io.drover.master.cluster.Command;
import io.drover.master.cluster.Effect;
import io.drover.master.cluster.FrameworkEvent;
import io.drover.master.server.CallMapping.BadCall;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/scheduler}: the Mesos v1 scheduler API over JSON (reference/mesos.md §1).
 *
 * <p>Only {@code application/json} is supported: a call sent as {@code application/x-protobuf} gets 415 Unsupported
 * Media Type with a message saying so; a missing Content-Type gets 400. SUBSCRIBE answers 200 with a chunked RecordIO
 * stream ({@code Content-Type: application/json}, {@code Mesos-Stream-Id} header; first SUBSCRIBED, then events and a
 * HEARTBEAT every heartbeat interval); 406 if its Accept header does not allow JSON. Other calls answer 202 (results
 * arrive on the stream); 400 for an invalid body, an unknown framework or a missing/wrong {@code Mesos-Stream-Id};
 * 403 for a framework that is not subscribed; 501 for call types Drover does not implement
 * (UPDATE_FRAMEWORK, ACKNOWLEDGE_OPERATION_STATUS, RECONCILE_OPERATIONS).
 *
 * <p>MESSAGE and SHUTDOWN address executors; Drover runs command tasks only, whose (Mesos command) executor ignores
 * framework messages, so both are answered 202 and dropped with a log line, as Mesos does for a message it cannot
 * deliver. REQUEST and the inverse-offer calls are accepted and ignored (the built-in allocator ignores them too).
 */
final class SchedulerApi {
  private static final Logger log = LoggerFactory.getLogger(SchedulerApi.class);
  static final String STREAM_ID = "Mesos-Stream-Id";

  private final MasterLoop loop;
  private final long heartbeatMs;

  SchedulerApi(MasterLoop loop, MasterConfig config) {
    this.loop = loop;
    this.heartbeatMs = config.frameworkHeartbeat().toMillis();
  }

  void handle(Context ctx) throws Exception {
    if (!Http.requireJson(ctx)) return;
    Call call;
    try {
      call = ApiJson.read(ctx.bodyAsBytes(), Call.class);
    } catch (IllegalArgumentException e) {
      Http.text(ctx, 400, "Failed to parse body into Call: " + e.getMessage());
      return;
    }
    if (call == null) {
      Http.text(ctx, 400, "Failed to parse body into Call: the body is empty");
      return;
    }
    switch (CallValidation.validate(call)) {
      case CallValidation.Invalid i -> {
        Http.text(ctx, 400, "Failed to validate scheduler::Call: " + i.message());
        return;
      }
      case CallValidation.NotImplemented n -> {
        Http.text(ctx, 501, n.message());
        return;
      }
      case CallValidation.Valid v -> { }
    }
    try {
      if (call.type() == Call.Type.SUBSCRIBE) subscribe(ctx, call);
      else other(ctx, call);
    } catch (BadCall e) {
      Http.text(ctx, 400, e.getMessage());
    }
  }

  private void subscribe(Context ctx, Call call) throws Exception {
    if (ctx.header(STREAM_ID) != null) {
      Http.text(ctx, 400, "Expecting no 'Mesos-Stream-Id' header for SUBSCRIBE; it is only sent on other calls");
      return;
    }
    Optional<Http.StreamHeaders> streamHeaders = Http.streamHeaders(ctx);
    if (streamHeaders.isEmpty()) {
      Http.text(ctx, 406, Http.NOT_ACCEPTABLE);
      return;
    }
    Call.Subscribe s = call.subscribe();
    String streamId = UUID.randomUUID().toString();
    EventStream stream = new EventStream(streamId, EventStream.SCHEDULER_CAPACITY);
    var command = new Command.Subscribe(CallMapping.framework(s.frameworkInfo()), streamId,
        CallMapping.roles(s.suppressedRoles()), 0);
    Object result = Http.await(ctx, loop.call(l -> {
      List<Effect> effects = l.handle(withNow(command, l.nowMs()), new MasterLoop.Opening(stream, false, null, null));
      Optional<Effect.Rejected> rejected = rejection(effects);
      if (rejected.isPresent()) return rejected.get();
      for (Effect e : effects) {
        if (e instanceof Effect.SendToFramework sf && sf.event() instanceof FrameworkEvent.Subscribed sub) {
          l.rememberFramework(sub.frameworkId(), ApiJson.mapper().valueToTree(s.frameworkInfo()));
          return sub.frameworkId();
        }
      }
      throw new IllegalStateException("SUBSCRIBE produced no SUBSCRIBED event");
    }));
    if (result == null) return;
    if (result instanceof Effect.Rejected r) {
      Http.text(ctx, r.rejection().httpStatus(), r.message());
      return;
    }
    String frameworkId = (String) result;
    log.info("framework {} subscribed on stream {}", frameworkId, streamId);
    ctx.res().setHeader(STREAM_ID, streamId);
    Http.startStream(ctx, streamHeaders.get());
    var res = ctx.res();
    EventStream.End end = EventStream.End.BROKEN;
    try {
      end = stream.pump(res.getOutputStream(), heartbeatMs, () -> Wire.SCHEDULER_HEARTBEAT);
    } finally {
      log.info("stream {} of framework {} ended: {}", streamId, frameworkId, end);
      loop.post(() -> {
        loop.frameworkStreams.detach(frameworkId, stream);
        loop.handle(new Command.Disconnect(frameworkId, streamId, loop.nowMs()));
      });
    }
  }

  private static Command.Subscribe withNow(Command.Subscribe c, long nowMs) {
    return new Command.Subscribe(c.info(), c.streamId(), c.suppressedRoles(), nowMs);
  }

  private void other(Context ctx, Call call) throws Exception {
    String frameworkId = call.frameworkId().value();
    String streamId = ctx.header(STREAM_ID);
    // Validate what can be validated off the loop first.
    List<io.drover.master.cluster.TaskInfo> tasks = call.type() == Call.Type.ACCEPT
        ? CallMapping.launches(call.accept()).stream().map(CallMapping::task).toList() : List.of();
    Reply reply = Http.await(ctx, loop.call(l -> {
      if (!l.core().frameworkIds().contains(frameworkId)) {
        return new Reply(400, "Framework '" + frameworkId + "' is not registered; SUBSCRIBE first");
      }
      if (!l.core().isConnected(frameworkId)) {
        return new Reply(403, "Framework '" + frameworkId + "' is not subscribed; SUBSCRIBE again");
      }
      if (streamId == null) {
        return new Reply(400, "All non-subscribe calls should include the 'Mesos-Stream-Id' header");
      }
      String current = l.frameworkStreams.get(frameworkId).map(EventStream::id).orElse(null);
      if (!streamId.equals(current)) {
        return new Reply(400, "The stream ID '" + streamId + "' included in this request didn't match the stream ID "
            + "currently associated with framework ID " + frameworkId);
      }
      return apply(l, call, frameworkId, tasks);
    }));
    if (reply == null) return;
    if (reply.status == 202) ctx.status(202);
    else Http.text(ctx, reply.status, reply.message);
  }

  private record Reply(int status, String message) {}

  private static final Reply ACCEPTED = new Reply(202, "");

  /** Loop thread: runs the call on a subscribed framework. */
  private Reply apply(MasterLoop l, Call call, String fw, List<io.drover.master.cluster.TaskInfo> tasks) {
    long now = l.nowMs();
    switch (call.type()) {
      case UPDATE_FRAMEWORK, ACKNOWLEDGE_OPERATION_STATUS, RECONCILE_OPERATIONS -> {
        return new Reply(501, call.type() + " is not implemented by Drover");
      }
      default -> { }
    }
    Command command = switch (call.type()) {
      case TEARDOWN -> new Command.Teardown(fw, now);
      case ACCEPT -> {
        for (TaskInfo t : CallMapping.launches(call.accept())) {
          long grace = CallMapping.graceMs(t.killPolicy());
          if (grace >= 0) l.rememberKillGrace(fw, t.taskId().value(), grace);
        }
        double refuse = call.accept().filters() == null ? 5.0 : call.accept().filters().refuseSecondsOrDefault();
        yield new Command.Accept(fw, CallMapping.offerIds(call.accept().offerIds()), tasks, refuse, now);
      }
      case DECLINE -> new Command.Decline(fw, CallMapping.offerIds(call.decline().offerIds()),
          call.decline().filters() == null ? 5.0 : call.decline().filters().refuseSecondsOrDefault(), now);
      case REVIVE -> new Command.Revive(fw, CallMapping.roles(call.revive() == null ? null : call.revive().roles()));
      case SUPPRESS -> new Command.Suppress(fw,
          CallMapping.roles(call.suppress() == null ? null : call.suppress().roles()));
      case KILL -> {
        long grace = CallMapping.graceMs(call.kill().killPolicy());
        if (grace >= 0) l.rememberKillGrace(fw, call.kill().taskId().value(), grace);
        yield new Command.Kill(fw, call.kill().taskId().value(),
            call.kill().agentId() == null ? null : call.kill().agentId().value(), now);
      }
      case ACKNOWLEDGE -> new Command.Acknowledge(fw, call.acknowledge().agentId().value(),
          call.acknowledge().taskId().value(), call.acknowledge().uuid().base64());
      case RECONCILE -> new Command.Reconcile(fw, CallMapping.reconcileTasks(call.reconcile()), now);
      case MESSAGE, SHUTDOWN -> {
        log.info("framework {}: {} to an executor dropped: Drover runs command tasks, which have no custom executor",
            fw, call.type());
        yield null;
      }
      case REQUEST, ACCEPT_INVERSE_OFFERS, DECLINE_INVERSE_OFFERS -> null;
      case UPDATE_FRAMEWORK, ACKNOWLEDGE_OPERATION_STATUS, RECONCILE_OPERATIONS, SUBSCRIBE, UNKNOWN ->
          throw new IllegalStateException("handled before");
    };
    if (command == null) return ACCEPTED;
    return rejection(l.handle(command)).map(r -> new Reply(r.rejection().httpStatus(), r.message()))
        .orElse(ACCEPTED);
  }

  private static Optional<Effect.Rejected> rejection(List<Effect> effects) {
    return effects.stream().filter(e -> e instanceof Effect.Rejected).map(e -> (Effect.Rejected) e).findFirst();
  }
}
