package io.drover.scheduler.client;

import io.drover.master.api.v1.ApiJson;
import io.drover.master.api.v1.Call;
import io.drover.master.api.v1.Event;
import io.drover.master.api.v1.FrameworkID;
import io.drover.master.api.v1.FrameworkInfo;
import io.drover.master.api.v1.TaskStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher thread's body: locate the leader, SUBSCRIBE (following redirects), deliver events, and on any end
 * back off and do it again until the client stops. See {@link SchedulerClient} for the contract.
 */
final class SubscriptionLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(SubscriptionLoop.class);
  /** How often the dispatcher wakes without events to check the watchdog, a stop or an abandoned connection. */
  private static final long POLL_SLICE_MS = 50;
  private static final int MAX_ATTEMPT_EXPONENT = 30;
  /** ERROR messages after which resubscribing is pointless (see SchedulerClient). */
  private static final List<String> TERMINAL_ERRORS = List.of("Framework has been removed", "Framework failed over");

  /** How one connection attempt ended. */
  private sealed interface Outcome permits Failed, Disconnected, Removed, Stopped {}

  /** Never got SUBSCRIBED: back off further. */
  private record Failed(String reason) implements Outcome {}

  /** Was subscribed, then lost it: reconnect after the initial backoff. */
  private record Disconnected(String reason) implements Outcome {}

  private record Removed(String message) implements Outcome {}

  private record Stopped() implements Outcome {}

  /** The connection being read, and why it was abandoned from outside (leader change, stop), if it was. */
  private static final class Connection {
    final URI located;
    final EventStream events;
    volatile String abandoned;

    Connection(URI located, EventStream events) {
      this.located = located;
      this.events = events;
    }

    void abandon(String reason) {
      if (abandoned == null) abandoned = reason;
      events.close();
    }
  }

  private final SchedulerClient client;
  private final ClientSettings settings;
  private final MasterLocator locator;
  private final MasterHttp http;
  private final Scheduler scheduler;
  private volatile Connection current;

  SubscriptionLoop(SchedulerClient client, ClientSettings settings, MasterLocator locator, MasterHttp http) {
    this.client = client;
    this.settings = settings;
    this.locator = locator;
    this.http = http;
    this.scheduler = settings.scheduler();
    locator.onLeaderChange(this::leaderChanged);
  }

  private void leaderChanged(Optional<URI> leader) {
    Connection c = current;
    if (c != null && !leader.equals(Optional.of(c.located))) {
      c.abandon("the leading master changed to " + leader.map(URI::toString).orElse("none"));
    }
  }

  void abandonConnection(String reason) {
    Connection c = current;
    if (c != null) c.abandon(reason);
  }

  @Override public void run() {
    int attempt = 0;
    while (!client.isStopped()) {
      Outcome outcome;
      try {
        outcome = connectOnce();
      } catch (InterruptedException e) {
        if (client.isStopped()) break;
        log.warn("scheduler dispatcher interrupted; reconnecting");
        outcome = new Failed("interrupted");
      } catch (RuntimeException e) {
        log.error("subscription attempt failed unexpectedly; reconnecting", e);
        outcome = new Failed(e.toString());
      }
      String reason;
      switch (outcome) {
        case Stopped s -> { return; }
        case Removed r -> {
          client.stopRemoved(r.message());
          return;
        }
        case Disconnected d -> {
          attempt = 0;
          reason = d.reason();
        }
        case Failed f -> reason = f.reason();
      }
      if (client.wasTornDown()) {
        client.stopRemoved("the framework was torn down by this client");
        return;
      }
      long delayMs = settings.backoff().delayMs(attempt, settings.rng());
      attempt = Math.min(attempt + 1, MAX_ATTEMPT_EXPONENT);
      log.info("(re)subscribing in {} ms: {}", delayMs, reason);
      try {
        if (client.awaitStop(delayMs)) return;
      } catch (InterruptedException e) {
        if (client.isStopped()) return;
        log.warn("scheduler dispatcher interrupted during backoff");
      }
    }
  }

  private Outcome connectOnce() throws InterruptedException {
    Optional<URI> leader = locator.awaitLeader(settings.backoff().max().toMillis());
    if (client.isStopped()) return new Stopped();
    if (leader.isEmpty()) return new Failed("no leading master detected at " + locator);
    URI located = leader.get();
    URI endpoint = located;
    byte[] body = ApiJson.writeBytes(subscribeCall());
    for (int hop = 0; ; hop++) {
      HttpResponse<InputStream> response;
      try {
        response = await(http.subscribe(endpoint, body));
      } catch (ExecutionException e) {
        return new Failed("cannot SUBSCRIBE at " + endpoint + ": " + e.getCause());
      } catch (TimeoutException e) {
        return new Failed("no answer to SUBSCRIBE from " + endpoint + " within " + settings.requestTimeout());
      }
      if (response == null) return new Stopped();
      int status = response.statusCode();
      if (status == 307) {
        MasterHttp.Reply reply = http.reply(response);
        if (reply.location() == null) return new Failed(endpoint + " answered 307 without a Location header");
        if (hop >= settings.maxRedirects()) {
          return new Failed("more than " + settings.maxRedirects() + " redirects, last to " + reply.location());
        }
        URI next = MasterHttp.redirectTarget(endpoint, reply.location());
        log.info("{} is not the leading master; following its redirect to {}", endpoint, next);
        endpoint = next;
        continue;
      }
      if (status != 200) {
        MasterHttp.Reply reply = http.reply(response);
        return new Failed("SUBSCRIBE at " + endpoint + " got HTTP " + status
            + (reply.body().isBlank() ? "" : ": " + reply.body().strip()));
      }
      Optional<String> streamId = response.headers().firstValue(MasterHttp.STREAM_ID_HEADER);
      if (streamId.isEmpty() || streamId.get().isBlank()) {
        closeQuietly(response.body());
        return new Failed("SUBSCRIBE at " + endpoint + " answered 200 without a " + MasterHttp.STREAM_ID_HEADER + " header");
      }
      return stream(located, endpoint, streamId.get(), response.body());
    }
  }

  /** The response, or null if the client stopped meanwhile (the request is then cancelled). */
  private <T> T await(CompletableFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + settings.requestTimeout().toNanos() + TimeUnit.SECONDS.toNanos(1);
    while (true) {
      if (client.isStopped()) {
        future.cancel(true);
        return null;
      }
      try {
        return future.get(POLL_SLICE_MS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (System.nanoTime() - deadline > 0) {
          future.cancel(true);
          throw e;
        }
      }
    }
  }

  private Call subscribeCall() {
    FrameworkID id = client.currentFrameworkId();
    FrameworkInfo info = id == null ? settings.frameworkInfo() : Calls.withId(settings.frameworkInfo(), id);
    List<String> suppressed = settings.suppressedRoles().isEmpty() ? null : settings.suppressedRoles();
    return Calls.subscribe(id, new Call.Subscribe(info, suppressed, null));
  }

  private Outcome stream(URI located, URI endpoint, String streamId, InputStream body) throws InterruptedException {
    EventStream events = new EventStream(body, settings.clock(), settings.maxRecordBytes(),
        settings.eventQueueCapacity(), "drover-scheduler-stream");
    Connection connection = new Connection(located, events);
    current = connection;
    events.start();
    // A leader change between detection and now would have found no connection to abandon.
    if (!(locator instanceof FixedMasterLocator) && !locator.awaitLeader(0).equals(Optional.of(located))) {
      connection.abandon("the leading master changed while subscribing");
    }
    boolean[] subscribed = {false};
    Outcome outcome = null;
    try {
      outcome = readEvents(connection, endpoint, streamId, subscribed);
      return outcome;
    } finally {
      current = null;
      connection.abandon("connection finished");
      client.unsubscribed();
      if (subscribed[0] && !client.isStopped()) {
        String reason = switch (outcome) {
          case Disconnected d -> d.reason();
          case Removed r -> r.message();
          case Failed f -> f.reason();
          case Stopped s -> "the client stopped";
          case null -> "the dispatcher failed";
        };
        deliver("disconnected", () -> scheduler.disconnected(client, reason));
      }
    }
  }

  /** Delivers the stream's events until it ends; {@code subscribed[0]} tells the caller whether SUBSCRIBED came. */
  private Outcome readEvents(Connection connection, URI endpoint, String streamId, boolean[] subscribed)
      throws InterruptedException {
    EventStream events = connection.events;
    long timeoutNanos = settings.requestTimeout().toNanos();
    while (true) {
      if (client.isStopped()) return new Stopped();
      if (connection.abandoned != null) return ended(subscribed[0], connection.abandoned);
      EventStream.Item item = events.poll(POLL_SLICE_MS);
      if (item == null) {
        long silentNanos = settings.clock().monoNanos() - events.lastReceiptNanos();
        if (silentNanos > timeoutNanos) {
          return ended(subscribed[0], subscribed[0]
              ? "no data from " + endpoint + " for " + TimeUnit.NANOSECONDS.toMillis(silentNanos)
                  + " ms (" + settings.heartbeatMisses() + " heartbeat intervals); presuming the master gone"
              : "no SUBSCRIBED event from " + endpoint + " within " + settings.requestTimeout());
        }
        continue;
      }
      Event event;
      switch (item) {
        case EventStream.Ended e -> {
          return client.wasTornDown() ? new Removed("the framework was torn down by this client")
              : ended(subscribed[0], e.reason());
        }
        case EventStream.Received r -> event = r.event();
      }
      if (event.type() == Event.Type.SUBSCRIBED) {
        if (event.subscribed() == null || event.subscribed().frameworkId() == null) {
          return ended(subscribed[0], "SUBSCRIBED event from " + endpoint + " lacks a framework_id");
        }
        Event.Subscribed s = event.subscribed();
        FrameworkID previous = client.currentFrameworkId();
        if (previous != null && !previous.equals(s.frameworkId())) {
          log.warn("master assigned framework id {} although we resubscribed as {}", s.frameworkId().value(),
              previous.value());
        }
        double heartbeatSeconds = s.heartbeatIntervalSeconds() != null && s.heartbeatIntervalSeconds() > 0
            ? s.heartbeatIntervalSeconds() : Event.DEFAULT_HEARTBEAT_INTERVAL_SECONDS;
        timeoutNanos = (long) (heartbeatSeconds * settings.heartbeatMisses() * 1e9);
        client.subscribed(new SchedulerClient.Session(endpoint, streamId, s.frameworkId()));
        subscribed[0] = true;
        log.info("subscribed to {} as framework {} (heartbeat every {} s)", endpoint, s.frameworkId().value(),
            heartbeatSeconds);
        deliver("subscribed", () -> scheduler.subscribed(client, s));
      } else if (event.type() == Event.Type.ERROR) {
        String message = event.error() == null || event.error().message() == null ? "(no message)"
            : event.error().message();
        log.warn("master {} sent ERROR: {}", endpoint, message);
        deliver("error", () -> scheduler.error(client, message));
        if (TERMINAL_ERRORS.stream().anyMatch(message::contains)) return new Removed(message);
        return ended(subscribed[0], "the master sent ERROR: " + message);
      } else if (!subscribed[0]) {
        log.warn("ignoring a {} event from {} before SUBSCRIBED", event.type(), endpoint);
      } else {
        dispatch(event);
      }
    }
  }

  private static Outcome ended(boolean subscribed, String reason) {
    return subscribed ? new Disconnected(reason) : new Failed(reason);
  }

  /** Delivers an event other than SUBSCRIBED/ERROR; every type is named so a new one is noticed here. */
  private void dispatch(Event event) {
    switch (event.type()) {
      case OFFERS -> deliver("offers", () -> scheduler.offers(client,
          event.offers() == null || event.offers().offers() == null ? List.of() : event.offers().offers()));
      case RESCIND -> {
        if (event.rescind() != null && event.rescind().offerId() != null) {
          deliver("rescind", () -> scheduler.rescind(client, event.rescind().offerId()));
        } else {
          log.warn("ignoring a RESCIND event without offer_id");
        }
      }
      case UPDATE -> {
        TaskStatus status = event.update() == null ? null : event.update().status();
        if (status == null || status.taskId() == null) {
          log.warn("ignoring an UPDATE event without a status/task_id");
        } else {
          AtomicReference<CompletionStage<Void>> handled = new AtomicReference<>();
          if (deliver("update", () -> handled.set(scheduler.updateAsync(client, status)))) {
            handled.get().whenComplete((ok, error) -> {
              if (error == null) autoAcknowledge(status);
              else log.warn("Scheduler.updateAsync failed for {} of task {}; not acknowledged: {}", status.state(),
                  status.taskId().value(), error.toString());
            });
          }
        }
      }
      case MESSAGE -> {
        if (event.message() != null) deliver("message", () -> scheduler.message(client, event.message()));
      }
      case FAILURE -> {
        if (event.failure() != null) deliver("failure", () -> scheduler.failure(client, event.failure()));
      }
      case HEARTBEAT -> deliver("heartbeat", () -> scheduler.heartbeat(client));
      case SUBSCRIBED, ERROR, INVERSE_OFFERS, RESCIND_INVERSE_OFFER, UPDATE_OPERATION_STATUS, UNKNOWN ->
          deliver("other", () -> scheduler.other(client, event));
    }
  }


  /** Acknowledges an update that carries a uuid; master-generated ones (no uuid) are never acknowledged. */
  private void autoAcknowledge(TaskStatus status) {
    if (!settings.autoAcknowledge() || status.uuid() == null) return;
    if (status.agentId() == null) {
      log.warn("cannot acknowledge update {} of task {}: it has a uuid but no agent_id", status.uuid(),
          status.taskId().value());
      return;
    }
    client.acknowledge(status.agentId(), status.taskId(), status.uuid()).whenComplete((ok, error) -> {
      if (error != null) {
        // Not fatal: the agent keeps resending unacknowledged updates, and the scheduler will see it again.
        log.warn("acknowledging {} of task {} failed: {}", status.state(), status.taskId().value(), error.toString());
      }
    });
  }

  /** Runs a callback; a throwing callback is logged and reported as false, and the stream goes on. */
  private boolean deliver(String callback, Runnable call) {
    try {
      call.run();
      return true;
    } catch (RuntimeException e) {
      log.error("Scheduler.{} threw; continuing with the next event", callback, e);
      return false;
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      log.debug("closing a response body failed: {}", e.toString());
    }
  }
}
