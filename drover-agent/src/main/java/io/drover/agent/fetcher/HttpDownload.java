package io.drover.agent.fetcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Downloads one {@code http(s)://} URI to a file, as Mesos' fetcher does with curl: redirects are followed (by the
 * client's policy), only 200 counts as success, and a transfer that moves no byte for the stall timeout fails
 * (Mesos' {@code --fetcher_stall_timeout}, curl's low-speed limit of 1 byte/s). The body streams to disk chunk by
 * chunk with back-pressure, never whole in memory. A failed download leaves no file behind.
 */
final class HttpDownload {
  /** How often the waiting thread looks at progress and cancellation. */
  private static final long POLL_MS = 100;

  private HttpDownload() {}

  static void download(HttpClient http, URI uri, Path dest, Duration stallTimeout, BooleanSupplier cancelled)
      throws StepFailure {
    AtomicLong bytes = new AtomicLong();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(stallTimeout).GET().build();
    HttpResponse.BodyHandler<Path> handler = info -> info.statusCode() == 200
        ? new Counting(HttpResponse.BodySubscribers.ofFile(dest, StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), bytes)
        : HttpResponse.BodySubscribers.replacing(null);
    CompletableFuture<HttpResponse<Path>> pending = http.sendAsync(request, handler);
    HttpResponse<Path> response;
    try {
      response = await(pending, bytes, stallTimeout, cancelled);
    } catch (StepFailure e) {
      deleteQuietly(dest, e);
      throw e;
    }
    if (response.statusCode() != 200) {
      throw new StepFailure("Error downloading resource, received HTTP return code " + response.statusCode());
    }
  }

  /** Waits for the response, failing on cancellation or when no byte arrived for the stall timeout. */
  private static HttpResponse<Path> await(CompletableFuture<HttpResponse<Path>> pending, AtomicLong bytes,
      Duration stallTimeout, BooleanSupplier cancelled) throws StepFailure {
    long stallNs = stallTimeout.toNanos();
    long seen = -1;
    long lastProgressNs = System.nanoTime();
    while (true) {
      try {
        return pending.get(POLL_MS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (cancelled.getAsBoolean()) {
          pending.cancel(true);
          throw StepFailure.cancelled();
        }
        long now = System.nanoTime();
        long b = bytes.get();
        if (b != seen) {
          seen = b;
          lastProgressNs = now;
        } else if (now - lastProgressNs > stallNs) {
          pending.cancel(true);
          throw new StepFailure("Error downloading resource: no data received for " + stallTimeout.toMillis()
              + " ms (fetcher stall timeout) after " + b + " bytes");
        }
      } catch (InterruptedException e) {
        pending.cancel(true);
        Thread.currentThread().interrupt();
        throw StepFailure.cancelled();
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        throw new StepFailure("Error downloading resource: " + StepFailure.describe(cause), cause);
      }
    }
  }

  private static void deleteQuietly(Path dest, StepFailure why) {
    try {
      Files.deleteIfExists(dest);
    } catch (IOException e) {
      why.addSuppressed(e);
    }
  }

  /** Counts the body's bytes (the stall detector's progress) and hands each chunk on to the file writer. */
  private record Counting(HttpResponse.BodySubscriber<Path> delegate, AtomicLong bytes)
      implements HttpResponse.BodySubscriber<Path> {
    @Override
    public CompletionStage<Path> getBody() {
      return delegate.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      delegate.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      long n = 0;
      for (ByteBuffer b : item) {
        n += b.remaining();
      }
      bytes.addAndGet(n);
      delegate.onNext(item);
    }

    @Override
    public void onError(Throwable throwable) {
      delegate.onError(throwable);
    }

    @Override
    public void onComplete() {
      delegate.onComplete();
    }
  }
}
