package io.drover.agent.fetcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback for fetcher tests: files by path, redirects, 404 for anything unknown, and a
 * "hanging" path that sends its headers and some bytes, then nothing until {@link #close()} (for stall timeouts and
 * kills while fetching).
 */
public final class FetchServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, String> redirects = new ConcurrentHashMap<>();
  private final CountDownLatch release = new CountDownLatch(1);
  /** Requests to the hanging path so far. */
  public final AtomicInteger hangingRequests = new AtomicInteger();

  public FetchServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public FetchServer file(String path, byte[] content) {
    files.put(path, content);
    return this;
  }

  public FetchServer redirect(String from, String to) {
    redirects.put(from, to);
    return this;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      if (path.equals("/hanging")) {
        hangingRequests.incrementAndGet();
        ex.sendResponseHeaders(200, 1_000_000);
        OutputStream out = ex.getResponseBody();
        out.write(new byte[10]);
        out.flush();
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      String to = redirects.get(path);
      if (to != null) {
        ex.getResponseHeaders().add("Location", to);
        ex.sendResponseHeaders(302, -1);
        return;
      }
      byte[] body = files.get(path);
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
