package io.drover.scheduler.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The client's HTTP edge: JSON POSTs to the scheduler endpoint over HTTP/1.1 (Mesos does not speak h2c), redirects
 * never followed automatically (the client handles 307 itself, resolving a protocol-relative {@code Location}
 * against the request URI), and response bodies other than the event stream read only up to a bound.
 */
final class MasterHttp implements AutoCloseable {
  static final String STREAM_ID_HEADER = "Mesos-Stream-Id";
  static final String JSON = "application/json";

  /** A non-stream response: status, the {@code Location} header if any, the body text (truncated to the bound). */
  record Reply(int status, String location, String body) {}

  private final HttpClient http;
  private final ExecutorService bodyReaders = Executors.newVirtualThreadPerTaskExecutor();
  private final Duration requestTimeout;
  private final int maxErrorBodyBytes;

  MasterHttp(Duration connectTimeout, Duration requestTimeout, int maxErrorBodyBytes) {
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout)
        .build();
    this.requestTimeout = requestTimeout;
    this.maxErrorBodyBytes = maxErrorBodyBytes;
  }

  /** SUBSCRIBE: the response with its body unread (a stream when 200); the caller closes the body. */
  CompletableFuture<HttpResponse<InputStream>> subscribe(URI endpoint, byte[] json) {
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .timeout(requestTimeout) // until the response headers arrive, not for the stream
        .header("Content-Type", JSON)
        .header("Accept", JSON)
        .POST(HttpRequest.BodyPublishers.ofByteArray(json))
        .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
  }

  /** Any other call, sending {@code Mesos-Stream-Id}. */
  CompletableFuture<Reply> call(URI endpoint, String streamId, byte[] json) {
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .timeout(requestTimeout)
        .header("Content-Type", JSON)
        .header("Accept", JSON)
        .header(STREAM_ID_HEADER, streamId)
        .POST(HttpRequest.BodyPublishers.ofByteArray(json))
        .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
        .thenApplyAsync(this::reply, bodyReaders);
  }

  /** Reads at most the error-body bound of {@code response}'s body and closes it. */
  Reply reply(HttpResponse<InputStream> response) {
    String body;
    try (InputStream in = response.body()) {
      body = new String(in.readNBytes(maxErrorBodyBytes), StandardCharsets.UTF_8);
    } catch (IOException e) {
      body = "(reading the response body failed: " + e + ")";
    }
    return new Reply(response.statusCode(), response.headers().firstValue("Location").orElse(null), body);
  }

  /** The target of a 307: {@code location} (often protocol-relative, {@code //host:port/path}) resolved against the request. */
  static URI redirectTarget(URI requested, String location) {
    URI target = requested.resolve(location.trim());
    if (target.getPath() == null || target.getPath().isEmpty() || target.getPath().equals("/")) {
      // /master/redirect-style answers carry only //leader:port; the endpoint stays the same.
      target = target.resolve(MasterLocator.SCHEDULER_PATH);
    }
    return target;
  }

  @Override public void close() {
    http.shutdownNow();
    bodyReaders.shutdownNow();
  }
}
