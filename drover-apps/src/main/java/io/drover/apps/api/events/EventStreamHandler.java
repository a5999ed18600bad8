package io.drover.apps.api.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.common.json.Json;
import io.drover.common.time.Clock;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v2/events}: the event bus as server-sent events (marathon.md §1 "/v2/events").
 *
 * <ul>
 *   <li>Needs {@code Accept: text/event-stream}, otherwise 405 (Marathon's Jetty {@code EventSourceServlet} falls
 *       through to {@code HttpServlet.doGet}).</li>
 *   <li>Frames {@code event: <eventType>\ndata: <json on one line>\n\n}; repeated {@code event_type=} selects
 *       types (none: all). {@code plan-format=light} is accepted: since Marathon 1.8 every payload is light.</li>
 *   <li>A keep-alive comment line ({@code :\n\n}, ignored by SSE clients) after {@link Config#keepAlive()} without
 *       an event. Jetty's {@code EventSourceServlet}, which Marathon uses without setting
 *       {@code heartBeatPeriod}, sends a heartbeat every 10 s; that is the default here.</li>
 *   <li>On attach the bus gets {@code event_stream_attached {remoteAddress}} (after this stream subscribed, so it
 *       sees its own), on detach {@code event_stream_detached}.</li>
 *   <li>Beyond the bus's subscriber limit: 503. A subscriber that falls {@link Config#queueCapacity()} events
 *       behind is dropped: its connection is aborted.</li>
 * </ul>
 *
 * The stream runs on the request's (virtual) thread until the client leaves, is dropped, or the bus closes.
 */
public final class EventStreamHandler implements Handler {
  private static final Logger log = LoggerFactory.getLogger(EventStreamHandler.class);

  public static final String PATH = "/v2/events";
  public static final String EVENT_STREAM = "text/event-stream";
  private static final byte[] KEEP_ALIVE = ":\n\n".getBytes(StandardCharsets.UTF_8);
  private static final ObjectMapper JSON = Json.camelCase();

  /**
   * @param keepAlive quiet time after which a keep-alive comment is sent (Jetty's default heartbeat: 10 s)
   * @param queueCapacity events buffered per stream before it is dropped (Marathon 1.10: 1024)
   */
  public record Config(Duration keepAlive, int queueCapacity) {
    public Config {
      if (keepAlive.isNegative() || keepAlive.isZero()) throw new IllegalArgumentException("keepAlive must be > 0");
      if (queueCapacity < 1) throw new IllegalArgumentException("queueCapacity must be >= 1");
    }

    public static Config defaults() { return new Config(Duration.ofSeconds(10), EventBus.DEFAULT_QUEUE_CAPACITY); }
  }

  private final EventBus bus;
  private final Clock clock;
  private final Config config;

  public EventStreamHandler(EventBus bus, Clock clock, Config config) {
    this.bus = Objects.requireNonNull(bus, "bus");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.config = Objects.requireNonNull(config, "config");
  }

  /** Registers {@code GET /v2/events}. */
  public void install(Javalin app) { app.get(PATH, this); }

  @Override public void handle(Context ctx) throws Exception {
    if (!acceptsEventStream(ctx)) {
      error(ctx, 405, "GET " + PATH + " is a server-sent event stream: send 'Accept: " + EVENT_STREAM + "'");
      return;
    }
    List<String> types = ctx.queryParams("event_type");
    String remote = ctx.req().getRemoteAddr();
    Optional<Subscription> subscribed = bus.subscribe(remote, config.queueCapacity(), EventBus.only(types));
    if (subscribed.isEmpty()) {
      error(ctx, 503, bus.isClosed() ? "The event bus is shut down"
          : "Too many event stream subscribers (at most " + bus.maxSubscribers() + "); retry later");
      return;
    }
    try (Subscription sub = subscribed.get()) {
      sub.whenEnded(end -> {
        if (end == Subscription.End.OVERFLOW) abort(ctx); // the writer may be blocked on the client's full socket
      });
      HttpServletResponse res = ctx.res();
      res.setStatus(200);
      res.setContentType(EVENT_STREAM);
      res.setCharacterEncoding("UTF-8");
      res.setHeader("Cache-Control", "no-cache");
      res.flushBuffer();
      bus.publish(Events.streamEvent(true, remote, clock.wallMillis()));
      log.info("event stream attached: {} (types {})", remote, types.isEmpty() ? "all" : types);
      Subscription.End end = pump(sub, res.getOutputStream());
      log.info("event stream detached: {} ({})", remote, end);
    } finally {
      bus.publish(Events.streamEvent(false, remote, clock.wallMillis()));
    }
  }

  private Subscription.End pump(Subscription sub, OutputStream out) throws InterruptedException {
    long keepAliveMs = config.keepAlive().toMillis();
    while (true) {
      byte[] bytes = switch (sub.poll(keepAliveMs)) {
        case Subscription.Event e -> frame(e);
        case Subscription.Timeout t -> KEEP_ALIVE;
        case Subscription.Ended ended -> null;
      };
      if (bytes == null) return sub.end().orElseThrow();
      try {
        out.write(bytes);
        out.flush();
      } catch (IOException e) {
        // The client left, or the connection was aborted because it was too slow.
        return sub.end().orElse(Subscription.End.CLOSED);
      }
    }
  }

  /** Cuts a too-slow client's connection, so a writer blocked on its full socket fails at once. */
  private static void abort(Context ctx) {
    Request base = Request.getBaseRequest(ctx.req());
    if (base != null) base.getHttpChannel().abort(new IOException("event stream subscriber too slow: dropped"));
  }

  static byte[] frame(Subscription.Event e) {
    String json;
    try {
      json = JSON.writeValueAsString(e.event()); // compact: always one line
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("cannot serialize event " + e.eventType(), ex);
    }
    return ("event: " + e.eventType() + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  static boolean acceptsEventStream(Context ctx) {
    for (String line : Collections.list(ctx.req().getHeaders("Accept"))) {
      for (String part : line.split(",")) {
        String mediaType = part.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (mediaType.equals(EVENT_STREAM)) return true;
      }
    }
    return false;
  }

  private static void error(Context ctx, int status, String message) {
    ctx.status(status);
    ctx.contentType("application/json; charset=utf-8");
    ctx.result(JSON.createObjectNode().put("message", message).toString());
  }
}
