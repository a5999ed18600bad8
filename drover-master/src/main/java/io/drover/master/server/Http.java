package io.drover.master.server;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Small HTTP helpers shared by the master's routes. */
final class Http {
  private Http() {}

  static final String JSON = "application/json";
  static final String PROTOBUF = "application/x-protobuf";
  static final String RECORDIO = "application/recordio";
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

  /** Whether an Accept-style header allows {@code type} (absent allows anything). */
  static boolean accepts(String accept, String type) {
    if (accept == null || accept.isBlank()) return true;
    String family = type.substring(0, type.indexOf('/')) + "/*";
    for (String part : accept.split(",")) {
      String t = mediaType(part);
      if (t == null) continue;
      if (t.equals(type) || t.equals(family) || t.equals("*/*")) return true;
    }
    return false;
  }

  /**
   * How an event stream is answered, as Mesos does: {@code Accept: application/json} (or absent, or a wildcard)
   * gets {@code application/json}, the v1 default of RecordIO-framed JSON records; a client that asks for
   * {@code application/recordio} and whose {@code Message-Accept} allows JSON (or is absent) gets
   * {@code application/recordio} with {@code Message-Content-Type: application/json}. Empty when the client accepts
   * neither (the caller answers 406).
   */
  static Optional<StreamHeaders> streamHeaders(Context ctx) {
    String accept = ctx.header("Accept");
    if (accepts(accept, JSON)) return Optional.of(new StreamHeaders(JSON, null));
    if (accepts(accept, RECORDIO) && accepts(ctx.header("Message-Accept"), JSON)) {
      return Optional.of(new StreamHeaders(RECORDIO, JSON));
    }
    return Optional.empty();
  }

  /** The Content-Type of an event stream and, for RecordIO, the type of its records (null otherwise). */
  record StreamHeaders(String contentType, String messageContentType) {}

  /** Starts a 200 stream response with the headers {@link #streamHeaders} chose. */
  static void startStream(Context ctx, StreamHeaders headers) {
    var res = ctx.res();
    res.setStatus(200);
    res.setContentType(headers.contentType());
    if (headers.messageContentType() != null) res.setHeader("Message-Content-Type", headers.messageContentType());
    res.setHeader("Cache-Control", "no-cache");
  }

  static final String NOT_ACCEPTABLE = "Expecting 'Accept' to allow 'application/json', or 'application/recordio' "
      + "with a 'Message-Accept' that allows 'application/json'; Drover streams only JSON";

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
