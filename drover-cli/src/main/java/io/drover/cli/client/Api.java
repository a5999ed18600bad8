package io.drover.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.drover.common.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * One HTTP API (the apps API, the master, an agent) over the JDK client: requests and JSON answers, with failures to
 * connect turned into a {@link CliException} that says what to do. Redirects are followed (a standby master answers
 * 307 to the leader).
 */
final class Api {
  static final ObjectMapper JSON = Json.camelCase();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  /** Shared by every command of the process: one selector thread, connections reused. */
  private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** An answer: status, body text and the headers the commands read. */
  record Response(int status, String body, Optional<String> deploymentId) {
    boolean ok() { return status >= 200 && status < 300; }

    /** The body as JSON; a missing node for an empty or non-JSON body. */
    JsonNode json() {
      if (body.isBlank()) return MissingNode.getInstance();
      try {
        return JSON.readTree(body);
      } catch (JsonProcessingException e) {
        return MissingNode.getInstance();
      }
    }
  }

  private final String baseUrl;
  private final String what;
  private final String flags;

  /**
   * @param url where the API is; {@code host:port} means {@code http://host:port}
   * @param what what it is, for messages ("the apps API")
   * @param flags how the user points the command elsewhere ("--apps / DROVER_APPS"); null for an agent
   */
  Api(String url, String what, String flags) {
    String u = url.strip();
    if (!u.contains("://")) u = "http://" + u;
    while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
    try {
      URI parsed = URI.create(u);
      if (parsed.getHost() == null) throw new IllegalArgumentException("no host");
    } catch (IllegalArgumentException e) {
      throw new CliException("'" + url + "' is not a URL for " + what + " (expected e.g. http://127.0.0.1:8080)",
          ClientExit.USAGE);
    }
    this.baseUrl = u;
    this.what = what;
    this.flags = flags;
  }

  String baseUrl() { return baseUrl; }

  String what() { return what; }

  Response get(String path) { return send("GET", path, null); }

  /** Sends a request; {@code body} (JSON text) may be null. Throws {@link CliException} when there is no answer. */
  Response send(String method, String path, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT)
        .header("Accept", "application/json");
    if (body != null) b.header("Content-Type", "application/json");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(r.statusCode(), r.body(), r.headers().firstValue("Marathon-Deployment-Id"));
    } catch (HttpConnectTimeoutException e) {
      throw new CliException("no connection to " + what + " at " + baseUrl + " within 5 s" + hint());
    } catch (HttpTimeoutException e) {
      throw new CliException(what + " at " + baseUrl + " did not answer " + method + " " + path + " within "
          + REQUEST_TIMEOUT.toSeconds() + " s; retry, or check its log");
    } catch (ConnectException e) {
      throw new CliException("nothing is listening at " + baseUrl + " (" + what + ")." + hint());
    } catch (IOException e) {
      if (e.getCause() instanceof UnresolvedAddressException) {
        throw new CliException("cannot resolve the host of " + baseUrl + " (" + what + ")." + hint());
      }
      throw new CliException("cannot talk to " + what + " at " + baseUrl + ": " + e + "." + hint());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
  }

  private String hint() {
    return flags == null ? "" : " Start Drover with ./drover up, or point " + flags + " at it.";
  }

  /** {@code s} encoded for a query parameter. */
  static String query(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

  /** An app or group id as a path: leading slash, no trailing slash. */
  static String idPath(String id) {
    String p = id.strip();
    if (!p.startsWith("/")) p = "/" + p;
    while (p.length() > 1 && p.endsWith("/")) p = p.substring(0, p.length() - 1);
    return p;
  }

  static String pretty(JsonNode node) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed JSON tree always serializes", e);
    }
  }
}
