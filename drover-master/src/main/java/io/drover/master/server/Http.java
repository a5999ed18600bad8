package io.drover.master.server;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Small HTTP helpers shared by the master's routes. */
final class Http {
  private Http() {}

  static final String JSON = "application/json";
  static final String PROTOBUF = "application/x-protobuf";
  /** How long a request waits for the loop before answering 503. */
  static final long LOOP_WAIT_MS = 30_000;

  /** Answers {@code status} with a plain-text message. */
  static void text(Context ctx, int status, String message) {
    ctx.status(status).contentType("text/plain; charset=utf-8").result(message);
  }

  /** The media type without parameters, lower case; null if absent. */
  static String mediaType(String header) {
    if (header == null || header.isBlank()) return null;
    int semi = header.indexOf(';');
    return (semi < 0 ? header : header.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  /**
   * Checks a request's Content-Type: JSON passes (true); otherwise answers 400 (missing) or 415 and returns false.
   * Drover's v1 APIs speak only {@code application/json}: {@code application/x-protobuf} gets 415 saying so.
   */
  static boolean requireJson(Context ctx) {
    String type = mediaType(ctx.header("Content-Type"));
    if (type == null) {
      text(ctx, 400, "Expecting 'Content-Type' to be present; send 'Content-Type: application/json'");
      return false;
    }
    if (type.equals(JSON)) return true;
    if (type.equals(PROTOBUF)) {
      text(ctx, 415, "Drover supports only 'application/json' request bodies; 'application/x-protobuf' is not "
          + "supported: send the call as JSON");
    } else {
      text(ctx, 415, "Unsupported 'Content-Type' '" + ctx.header("Content-Type")
          + "'; Drover supports only 'application/json'");
    }
    return false;
  }

  /** Whether the Accept header allows a JSON response (absent allows anything). */
  static boolean acceptsJson(String accept) {
    if (accept == null || accept.isBlank()) return true;
    for (String part : accept.split(",")) {
      String t = mediaType(part);
      if (t == null) continue;
      if (t.equals(JSON) || t.equals("application/*") || t.equals("*/*")) return true;
    }
    return false;
  }

  /**
   * Waits for a loop result. Returns null after answering 503 itself when the loop is overloaded, stopped or too
   * slow; rethrows anything else.
   */
  static <T> T await(Context ctx, CompletableFuture<T> f) throws InterruptedException {
    try {
      return f.get(LOOP_WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      text(ctx, 503, "The master did not answer in time; retry later");
      return null;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof MasterLoop.Overloaded o) {
        text(ctx, 503, o.getMessage());
        return null;
      }
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    }
  }
}
