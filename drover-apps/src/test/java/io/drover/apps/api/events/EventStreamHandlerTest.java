package io.drover.apps.api.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.common.json.Json;
import io.drover.common.time.ManualClock;
import io.javalin.Javalin;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /v2/events} over real HTTP on loopback. */
final class EventStreamHandlerTest {
  private static final ObjectMapper JSON = Json.camelCase();
  private static final long T0 = 1_700_000_000_000L;

  private final ManualClock clock = new ManualClock(T0);
  private final HttpClient client = HttpClient.newHttpClient();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private EventBus bus;
  private Javalin app;

  private void start(int maxSubscribers, EventStreamHandler.Config config) {
    bus = new EventBus(maxSubscribers);
    app = Javalin.create(c -> {
      c.showJavalinBanner = false;
      c.startupWatcherEnabled = false;
      c.useVirtualThreads = true;
    });
    new EventStreamHandler(bus, clock, config).install(app);
    app.start("127.0.0.1", 0);
  }

  @AfterEach void tearDown() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) closeables.get(i).close();
    if (bus != null) bus.close();
    if (app != null) app.stop();
    client.close();
  }

  private HttpRequest.Builder request(String query) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/v2/events" + query));
  }

  /** A stream read line by line on a background thread. */
  private BlockingQueue<String> open(String query) throws Exception {
    HttpResponse<Stream<String>> r = client.send(request(query).header("Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.ofLines());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
    BlockingQueue<String> lines = new LinkedBlockingQueue<>(10_000);
    Thread reader = Thread.ofVirtual().start(() -> r.body().forEach(lines::offer));
    closeables.add(() -> {
      r.body().close();
      reader.interrupt();
    });
    return lines;
  }

  /** The next SSE frame (event name and data), skipping keep-alives. */
  private static String[] nextFrame(BlockingQueue<String> lines) throws InterruptedException {
    while (true) {
      String line = lines.poll(5, TimeUnit.SECONDS);
      assertThat(line).as("a line within 5 s").isNotNull();
      if (line.isEmpty() || line.startsWith(":")) continue;
      assertThat(line).startsWith("event: ");
      String data = lines.poll(5, TimeUnit.SECONDS);
      assertThat(data).startsWith("data: ");
      assertThat(lines.poll(5, TimeUnit.SECONDS)).isEmpty();
      return new String[] {line.substring(7), data.substring(6)};
    }
  }

  private Subscription observer() { return bus.subscribe("observer", 10_000, t -> true).orElseThrow(); }

  private static JsonNode nextOfType(Subscription s, String type) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (s.poll(100) instanceof Subscription.Event e && e.eventType().equals(type)) return e.event();
    }
    throw new AssertionError("no " + type + " within 10 s");
  }

  @Test
  void withoutTheEventStreamAcceptHeaderIs405() throws Exception {
    start(8, EventStreamHandler.Config.defaults());
    for (String accept : new String[] {"application/json", "*/*"}) {
      HttpResponse<String> r = client.send(request("").header("Accept", accept).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(405);
      assertThat(JSON.readTree(r.body()).get("message").asText()).contains("text/event-stream");
    }
    assertThat(bus.subscriberCount()).isZero();
  }

  @Test
  void framesEventsAnnouncesAttachAndDetachAndSendsKeepAlives() throws Exception {
    start(8, new EventStreamHandler.Config(Duration.ofMillis(200), 100));
    Subscription observer = observer();
    BlockingQueue<String> lines = open("?plan-format=light");

    JsonNode attached = nextOfType(observer, "event_stream_attached");
    assertThat(attached.get("remoteAddress").asText()).isEqualTo("127.0.0.1");
    assertThat(attached.get("timestamp").asText()).isEqualTo("2023-11-14T22:13:20.000Z");
    String[] own = nextFrame(lines); // the stream sees its own attach event
    assertThat(own[0]).isEqualTo("event_stream_attached");
    assertThat(JSON.readTree(own[1])).isEqualTo(attached);

    bus.publish(Events.event("deployment_success", T0).put("id", "d1"));
    String[] frame = nextFrame(lines);
    assertThat(frame[0]).isEqualTo("deployment_success");
    assertThat(frame[1]).isEqualTo("{\"eventType\":\"deployment_success\",\"timestamp\":\"2023-11-14T22:13:20.000Z\",\"id\":\"d1\"}");

    // Quiet: keep-alive comments arrive (every 200 ms here).
    await().atMost(Duration.ofSeconds(5)).until(() -> ":".equals(lines.poll(1, TimeUnit.SECONDS)));

    closeables.remove(closeables.size() - 1).close(); // the client leaves
    JsonNode detached = nextOfType(observer, "event_stream_detached");
    assertThat(detached.get("remoteAddress").asText()).isEqualTo("127.0.0.1");
    await().atMost(Duration.ofSeconds(5)).until(() -> bus.subscriberCount() == 1);
  }

  @Test
  void filtersByRepeatedEventType() throws Exception {
    start(8, EventStreamHandler.Config.defaults());
    BlockingQueue<String> lines = open("?event_type=status_update_event&event_type=deployment_info");
    await().atMost(Duration.ofSeconds(5)).until(() -> bus.subscriberCount() == 1);
    bus.publish(Events.event("api_post_event", T0));
    bus.publish(Events.event("deployment_info", T0).put("n", 1));
    bus.publish(Events.event("event_stream_attached", T0));
    bus.publish(Events.event("status_update_event", T0).put("n", 2));
    assertThat(nextFrame(lines)[0]).isEqualTo("deployment_info");
    assertThat(nextFrame(lines)[0]).isEqualTo("status_update_event");
    assertThat(lines.poll(300, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void boundsSubscribers() throws Exception {
    start(1, EventStreamHandler.Config.defaults());
    open("");
    HttpResponse<String> r = client.send(request("").header("Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(r.body()).get("message").asText()).contains("at most 1");
  }

  @Test
  void aSubscriberThatDoesNotReadIsDropped() throws Exception {
    start(8, new EventStreamHandler.Config(Duration.ofSeconds(10), 4));
    Subscription observer = observer();
    HttpResponse<InputStream> r = client.send(request("").header("Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.ofInputStream());
    closeables.add(r.body()); // never read
    nextOfType(observer, "event_stream_attached");

    String big = "x".repeat(256 * 1024);
    boolean dropped = false;
    for (int i = 0; i < 400 && !dropped; i++) {
      bus.publish(Events.event("big_event", T0).put("n", i).put("payload", big));
      dropped = bus.subscriberCount() == 1;
    }
    assertThat(dropped).as("dropped before 100 MiB were published").isTrue();
    JsonNode detached = nextOfType(observer, "event_stream_detached");
    assertThat(detached.get("remoteAddress").asText()).isEqualTo("127.0.0.1");
    assertThat(bus.publish(Events.event("after", T0))).isEqualTo(1); // the bus goes on
  }
}
