package io.drover.agent.health.probe;

import io.drover.agent.health.ProbeResult;
import io.drover.agent.health.ProbeSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * GET {@code uri}; 200–399 is healthy (3xx is not followed). The timeout covers connecting and the whole response.
 * Plain HTTP/1.1, like Mesos' curl (no h2c upgrade dance with the task's server).
 * HTTPS uses the JVM's default trust store (Mesos' {@code curl -k} skips verification; Drover does not).
 */
public final class HttpProbe implements Probe {
  private final HttpClient client;
  private final URI uri;
  private final boolean ownsClient;

  /** A probe on a shared client, which {@link #close()} leaves open. */
  public HttpProbe(HttpClient client, URI uri) { this(client, uri, false); }

  /** A probe with its own client, closed by {@link #close()}. */
  public HttpProbe(ProbeSpec.Http spec, String host) {
    this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER).build(),
        URI.create(spec.scheme() + "://" + hostForUri(host) + ":" + spec.port() + spec.path()), true);
  }

  private HttpProbe(HttpClient client, URI uri, boolean ownsClient) {
    this.client = client;
    this.uri = uri;
    this.ownsClient = ownsClient;
  }

  @Override public void close() { if (ownsClient) client.shutdownNow(); }

  public URI uri() { return uri; }

  @Override public ProbeResult run(long timeoutMs) throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("User-Agent", "drover-health-check");
    if (timeoutMs > 0) request.timeout(Duration.ofMillis(timeoutMs));
    try {
      // Ask for the body and drop it: the connection then returns to the pool instead of lingering half-read.
      int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      return ProbeSpec.Http.isHealthyStatus(status)
          ? new ProbeResult.Passed("HTTP " + status + " from " + uri)
          : new ProbeResult.Failed("HTTP " + status + " from " + uri);
    } catch (HttpTimeoutException e) {
      return new ProbeResult.TimedOut(timeoutMs);
    } catch (IOException e) {
      return new ProbeResult.Failed("GET " + uri + " failed: " + e);
    }
  }

  private static String hostForUri(String host) { return host.contains(":") ? "[" + host + "]" : host; }
}
