package io.drover.apps.service;

import io.drover.apps.deploy.DeploymentJson.LastResponseView;
import io.drover.apps.deploy.DeploymentJson.ReadinessCheckResultView;
import io.drover.apps.model.ReadinessCheck;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs readiness checks for the apps leader (Marathon's {@code ReadinessCheckExecutor}), as the core asks through
 * {@code StartReadinessCheck}/{@code StopReadinessCheck} effects.
 *
 * <p>A check GETs its URL at once, then {@code intervalSeconds} after each answer, until an answer's status is one
 * of {@code httpStatusCodesForReady}; then it stops by itself. Every answer goes to the result sink: ready iff the
 * status is listed; {@code lastResponse} {@code {status, contentType (media type only), body}} only with {@code
 * preserveLastResponse} (the body is not even read otherwise). A connection failure or an answer slower than {@code
 * timeoutSeconds} is not ready, with Marathon's stand-in response {@code 504 text/plain "Marathon could not query
 * <url>: <why>"}. HTTPS does not verify the server's certificate, as Marathon's checks do not.
 *
 * <p>At most {@link #MAX_CHECKS} checks run at once (more are refused with a warning: the core asks again only for
 * new tasks, so a refused one stays not ready); probes run on the scheduler's threads, one per thread at a time, so
 * the scheduler bounds the concurrent requests. After {@link #stop} or {@link #close} no probe of that check starts
 * and no answer reaches the sink, except one already being handed over at that moment (the core ignores answers of
 * checks it stopped). Thread-safe.
 */
public final class ReadinessChecks implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReadinessChecks.class);
  /** Bound on checks running at once (each holds one scheduled task). */
  public static final int MAX_CHECKS = 10_000;
  /** Threads of the scheduler {@link #create} makes: at most this many requests at once. */
  public static final int THREADS = 4;

  private final HttpClient http;
  private final ScheduledExecutorService scheduler;
  private final Consumer<ReadinessCheckResultView> sink;
  private final Runnable release;
  private final Map<String, Check> checks = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** One running check; {@code next} and {@code stopped} are guarded by the instance. */
  private static final class Check {
    final String taskId;
    final ReadinessCheck spec;
    final String url;
    ScheduledFuture<?> next;
    boolean stopped;

    Check(String taskId, ReadinessCheck spec, String url) {
      this.taskId = taskId;
      this.spec = spec;
      this.url = url;
    }
  }

  /**
   * Checks on the given client and scheduler, which stay the caller's (not closed here).
   *
   * @param sink gets every answer, on a scheduler thread; must not block for long
   */
  public ReadinessChecks(HttpClient http, ScheduledExecutorService scheduler, Consumer<ReadinessCheckResultView> sink) {
    this(http, scheduler, sink, () -> { });
  }

  private ReadinessChecks(HttpClient http, ScheduledExecutorService scheduler,
      Consumer<ReadinessCheckResultView> sink, Runnable release) {
    this.http = Objects.requireNonNull(http, "http");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.release = release;
  }

  /** Checks with their own client (certificates not verified) and {@link #THREADS} daemon threads, freed by close. */
  public static ReadinessChecks create(Consumer<ReadinessCheckResultView> sink) {
    AtomicInteger n = new AtomicInteger();
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(THREADS,
        r -> Thread.ofPlatform().name("readiness-check-" + n.incrementAndGet()).daemon(true).unstarted(r));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).sslContext(trustingAll())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    return new ReadinessChecks(http, scheduler, sink, () -> {
      scheduler.shutdownNow();
      http.close();
    });
  }

  /** Starts checking {@code taskId} unless it is checked already (or closed, or at {@link #MAX_CHECKS}). */
  public void start(String taskId, ReadinessCheck spec, String url) {
    if (closed) return;
    if (checks.size() >= MAX_CHECKS) {
      log.warn("not checking readiness of {}: {} checks already run", taskId, MAX_CHECKS);
      return;
    }
    Check c = new Check(taskId, spec, url);
    if (checks.putIfAbsent(taskId, c) != null) return;
    log.info("checking readiness of {} at {} every {}s", taskId, url, spec.intervalSeconds());
    schedule(c, 0);
  }

  /** Stops the check of {@code taskId}, if any; an answer under way is dropped. */
  public void stop(String taskId) {
    Check c = checks.remove(taskId);
    if (c == null) return;
    synchronized (c) {
      c.stopped = true;
      if (c.next != null) c.next.cancel(true);
    }
  }

  /** Task ids being checked. */
  public java.util.Set<String> active() { return java.util.Set.copyOf(checks.keySet()); }

  /** Stops every check (leadership lost, shutdown); later starts are ignored. Idempotent. */
  @Override public void close() {
    closed = true;
    checks.keySet().forEach(this::stop);
    release.run();
  }

  private void schedule(Check c, long delaySeconds) {
    synchronized (c) {
      if (c.stopped || closed) return;
      try {
        c.next = scheduler.schedule(() -> probe(c), delaySeconds, TimeUnit.SECONDS);
      } catch (RejectedExecutionException e) {
        checks.remove(c.taskId, c);
        log.warn("readiness check of {} not scheduled: {}", c.taskId, e.toString());
      }
    }
  }

  private void probe(Check c) {
    ReadinessCheckResultView result;
    try {
      result = query(c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stopped
      return;
    }
    synchronized (c) {
      if (c.stopped || closed) return;
    }
    sink.accept(result); // not under the lock: the sink may wait for the driver loop, which may be stopping c
    if (result.ready()) {
      log.info("{} is ready: readiness check '{}' at {}", c.taskId, c.spec.name(), c.url);
      checks.remove(c.taskId, c);
    } else {
      schedule(c, c.spec.intervalSeconds());
    }
  }

  private ReadinessCheckResultView query(Check c) throws InterruptedException {
    long timeoutMs = c.spec.timeoutSeconds() * 1000;
    CompletableFuture<HttpResponse<String>> f = null;
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(c.url)).timeout(Duration.ofMillis(timeoutMs)).GET()
          .build();
      f = http.sendAsync(request, c.spec.preserveLastResponse() ? HttpResponse.BodyHandlers.ofString()
          : HttpResponse.BodyHandlers.replacing(""));
      HttpResponse<String> r = f.get(timeoutMs, TimeUnit.MILLISECONDS);
      int status = r.statusCode();
      String contentType = r.headers().firstValue("Content-Type").map(ReadinessChecks::mediaType).orElse("");
      return result(c, c.spec.httpStatusCodesForReady().contains(status), status, contentType, r.body());
    } catch (InterruptedException e) {
      if (f != null) f.cancel(true);
      throw e;
    } catch (TimeoutException e) {
      f.cancel(true);
      return failed(c, "no answer within " + timeoutMs + " ms");
    } catch (ExecutionException e) {
      return failed(c, String.valueOf(e.getCause()));
    } catch (IllegalArgumentException e) {
      return failed(c, e.toString()); // a URL the client cannot use
    }
  }

  private static ReadinessCheckResultView failed(Check c, String why) {
    log.debug("readiness check of {} at {} failed: {}", c.taskId, c.url, why);
    return result(c, false, 504, "text/plain", "Marathon could not query " + c.url + ": " + why);
  }

  private static ReadinessCheckResultView result(Check c, boolean ready, int status, String contentType,
      String body) {
    LastResponseView last = c.spec.preserveLastResponse() ? new LastResponseView(status, contentType, body) : null;
    return new ReadinessCheckResultView(c.taskId, c.spec.name(), ready, last);
  }

  /** {@code text/plain; charset=utf-8} → {@code text/plain}, as Marathon reports it. */
  static String mediaType(String contentType) {
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  /** An SSL context that accepts any server certificate and host name (Marathon's checks verify neither). */
  private static SSLContext trustingAll() {
    TrustManager any = new X509ExtendedTrustManager() {
      @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
      @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
      @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket s) { }
      @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket s) { }
      @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) { }
      @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) { }
      @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    };
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {any}, new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is part of every JDK", e);
    }
  }
}
