package io.drover.apps.ha;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.common.json.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marathon's standby behaviour ({@code LeaderProxyFilter}, marathon.md §5) as a Javalin before-handler on every
 * path: the leader serves requests itself and marks its responses {@code X-Marathon-Leader: http://host:port}; a
 * standby forwards every request (method, path, query, headers, body) to the leader with
 * {@code java.net.http.HttpClient} and copies back status, headers and body, except {@code /v2/events}, which it
 * answers with a 302 to the leader's stream.
 *
 * <ul>
 *   <li>Forwarded requests carry {@code X-Forwarded-For: <client address>} and {@code X-Marathon-Via: 1.1 <this
 *       host:port>} (appended to values already present). A request whose {@code X-Marathon-Via} already names this
 *       instance is a proxying loop: 502 {@code Detected proxying loop.}</li>
 *   <li>Leader refused the connection: 503 {@code Connection to leader refused.}; no response within the connect or
 *       read timeout: 504 {@code Connection to leader timed out.}; any other transport failure: 502.</li>
 *   <li>Leader unknown, or named as this instance while it does not lead (an election in progress): retried
 *       {@link Config#leaderLookupAttempts()} times {@link Config#leaderLookupDelay()} apart, then 502
 *       {@code Could not determine the current leader}.</li>
 * </ul>
 *
 * Error bodies are Marathon's {@code {"message": ...}}. The read timeout bounds the wait for the leader's response
 * headers; the body is then streamed through as it arrives.
 */
public final class LeaderProxy implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaderProxy.class);

  public static final String HEADER_VIA = "X-Marathon-Via";
  public static final String HEADER_LEADER = "X-Marathon-Leader";
  public static final String HEADER_FORWARDED_FOR = "X-Forwarded-For";
  public static final String EVENTS_PATH = "/v2/events";

  public static final String ERROR_LOOP = "Detected proxying loop.";
  public static final String ERROR_CONNECTION_REFUSED = "Connection to leader refused.";
  public static final String ERROR_TIMEOUT = "Connection to leader timed out.";
  public static final String ERROR_BAD_CONNECTION = "Failed to successfully establish a connection to the leader.";
  public static final String ERROR_NO_LEADER = "Could not determine the current leader";

  /**
   * Headers never copied: hop-by-hop ones (RFC 9110 §7.6.1), and those {@code HttpClient} sets itself or refuses.
   * Lower case.
   */
  private static final Set<String> SKIPPED_HEADERS = Set.of("connection", "keep-alive", "proxy-connection",
      "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host",
      "content-length", "expect", "http2-settings");

  /**
   * @param selfHostPort this instance's advertised {@code host:port}, as in the election
   * @param scheme how to reach the leader ({@code http} or {@code https})
   * @param connectTimeout Marathon's {@code --leader_proxy_connection_timeout_ms} (5 s)
   * @param readTimeout Marathon's {@code --leader_proxy_read_timeout_ms} (10 s)
   * @param leaderLookupAttempts how often to look for the leader before giving up (10)
   * @param leaderLookupDelay pause between lookups (250 ms)
   */
  public record Config(String selfHostPort, String scheme, Duration connectTimeout, Duration readTimeout,
      int leaderLookupAttempts, Duration leaderLookupDelay) {
    public Config {
      Objects.requireNonNull(selfHostPort, "selfHostPort");
      if (!scheme.equals("http") && !scheme.equals("https")) throw new IllegalArgumentException("scheme: " + scheme);
      if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive");
      }
      if (leaderLookupAttempts < 1) throw new IllegalArgumentException("leaderLookupAttempts must be >= 1");
      Objects.requireNonNull(leaderLookupDelay, "leaderLookupDelay");
    }

    /** Marathon's defaults: http, 5 s connect, 10 s read, 10 lookups 250 ms apart. */
    public static Config defaults(String selfHostPort) {
      return new Config(selfHostPort, "http", Duration.ofSeconds(5), Duration.ofSeconds(10), 10,
          Duration.ofMillis(250));
    }
  }

  private static final ObjectMapper JSON = Json.camelCase();

  private final Leadership leadership;
  private final Config config;
  private final String viaValue;
  private final HttpClient http;

  public LeaderProxy(Leadership leadership, Config config) {
    this.leadership = Objects.requireNonNull(leadership, "leadership");
    this.config = Objects.requireNonNull(config, "config");
    this.viaValue = "1.1 " + config.selfHostPort();
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Installs {@link #before} on every path and {@link #after}; install before any other before-handler. */
  public void install(Javalin app) {
    app.before(this::before);
    app.after(this::after);
  }

  /**
   * On the leader: sets {@code X-Marathon-Leader} (here, because streamed responses are committed before any
   * after-handler runs) and lets the request through. On a standby: answers the request (forwarded, redirected or
   * an error) and skips all remaining handlers.
   */
  public void before(Context ctx) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      if (leadership.isLeader()) {
        markLeader(ctx);
        return;
      }
      Optional<String> leader = leadership.leaderHostPort();
      if (leader.isPresent() && !leader.get().equals(config.selfHostPort())) {
        ctx.skipRemainingHandlers();
        forward(ctx, leader.get());
        return;
      }
      if (attempt >= config.leaderLookupAttempts()) break;
      Thread.sleep(config.leaderLookupDelay().toMillis());
    }
    ctx.skipRemainingHandlers();
    log.warn("{} {}: {}", ctx.method(), ctx.path(), ERROR_NO_LEADER);
    error(ctx, 502, ERROR_NO_LEADER);
  }

  /** Marks the leader's own responses with {@code X-Marathon-Leader} (a no-op on standbys and once committed). */
  public void after(Context ctx) {
    if (leadership.isLeader()) markLeader(ctx);
  }

  private void markLeader(Context ctx) {
    if (!ctx.res().isCommitted() && ctx.res().getHeader(HEADER_LEADER) == null) {
      ctx.header(HEADER_LEADER, config.scheme() + "://" + config.selfHostPort());
    }
  }

  private void forward(Context ctx, String leader) throws InterruptedException {
    HttpServletRequest req = ctx.req();
    if (isLoop(req)) {
      log.error("proxying loop detected for {} {} (via {})", ctx.method(), ctx.path(), headerValues(req, HEADER_VIA));
      error(ctx, 502, ERROR_LOOP);
      return;
    }
    String query = req.getQueryString();
    String target = config.scheme() + "://" + leader + req.getRequestURI() + (query == null ? "" : "?" + query);
    if (req.getRequestURI().startsWith(EVENTS_PATH)) {
      ctx.status(302);
      ctx.header("Location", target);
      return;
    }
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(URI.create(target)).timeout(config.readTimeout());
    } catch (IllegalArgumentException e) {
      error(ctx, 400, "Invalid request URI: " + e.getMessage());
      return;
    }
    for (String name : Collections.list(req.getHeaderNames())) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (SKIPPED_HEADERS.contains(lower) || lower.equals("x-forwarded-for") || lower.equals("x-marathon-via")) {
        continue;
      }
      for (String value : Collections.list(req.getHeaders(name))) b.header(name, value);
    }
    b.header(HEADER_FORWARDED_FOR, append(headerValues(req, HEADER_FORWARDED_FOR), req.getRemoteAddr()));
    b.header(HEADER_VIA, append(headerValues(req, HEADER_VIA), viaValue));
    b.method(ctx.method().name(), body(req));

    HttpResponse<InputStream> response;
    try {
      response = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (ConnectException e) {
      log.error("{} {}: {} ({})", ctx.method(), target, ERROR_CONNECTION_REFUSED, e.toString());
      error(ctx, 503, ERROR_CONNECTION_REFUSED);
      return;
    } catch (HttpTimeoutException e) {
      log.error("{} {}: {} ({})", ctx.method(), target, ERROR_TIMEOUT, e.toString());
      error(ctx, 504, ERROR_TIMEOUT);
      return;
    } catch (IOException e) {
      log.error("{} {}: {}", ctx.method(), target, ERROR_BAD_CONNECTION, e);
      error(ctx, 502, ERROR_BAD_CONNECTION);
      return;
    }
    copyResponse(ctx, target, response);
  }

  private static HttpRequest.BodyPublisher body(HttpServletRequest req) {
    long length = req.getContentLengthLong();
    boolean chunked = req.getHeader("Transfer-Encoding") != null;
    if (length <= 0 && !chunked) return HttpRequest.BodyPublishers.noBody();
    HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> {
      try {
        return req.getInputStream();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot read the request body", e);
      }
    });
    return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
  }

  private static void copyResponse(Context ctx, String target, HttpResponse<InputStream> response) {
    ctx.status(response.statusCode());
    for (Map.Entry<String, List<String>> h : response.headers().map().entrySet()) {
      String lower = h.getKey().toLowerCase(Locale.ROOT);
      if (SKIPPED_HEADERS.contains(lower) || lower.startsWith(":")) continue;
      for (String value : h.getValue()) ctx.res().addHeader(h.getKey(), value);
    }
    try (InputStream in = response.body()) {
      OutputStream out = ctx.res().getOutputStream();
      in.transferTo(out);
      out.flush();
    } catch (IOException e) {
      // Status and headers are out already: the client sees a truncated body, which is all we can do.
      log.warn("copying the leader's response to {} failed midway: {}", target, e.toString());
    }
  }

  private boolean isLoop(HttpServletRequest req) {
    for (String v : headerValues(req, HEADER_VIA)) {
      String t = v.trim();
      if (t.equals(viaValue) || t.equals(config.selfHostPort())) return true;
    }
    return false;
  }

  /** All comma-separated values of {@code name} across its header lines. */
  private static List<String> headerValues(HttpServletRequest req, String name) {
    List<String> out = new ArrayList<>();
    for (String line : Collections.list(req.getHeaders(name))) {
      for (String v : line.split(",")) if (!v.isBlank()) out.add(v.trim());
    }
    return out;
  }

  private static String append(List<String> values, String value) {
    List<String> all = new ArrayList<>(values);
    all.add(value);
    return String.join(", ", all);
  }

  private static void error(Context ctx, int status, String message) {
    ctx.status(status);
    ctx.contentType("application/json; charset=utf-8");
    ctx.result(JSON.createObjectNode().put("message", message).toString());
  }

  @Override public void close() { http.close(); }
}
