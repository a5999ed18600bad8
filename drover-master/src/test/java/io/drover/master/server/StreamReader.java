package io.drover.master.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.common.recordio.RecordIoDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/** Test side: reads a RecordIO response body on a virtual thread into a queue of decoded records. */
final class StreamReader<T> implements AutoCloseable {
  private final LinkedBlockingQueue<T> records = new LinkedBlockingQueue<>();
  private final InputStream body;
  private final Thread thread;
  private volatile boolean ended;

  StreamReader(HttpResponse<InputStream> response, Function<byte[], T> decode) {
    this.body = response.body();
    this.thread = Thread.ofVirtual().start(() -> {
      RecordIoDecoder decoder = new RecordIoDecoder(16 * 1024 * 1024);
      byte[] buf = new byte[8192];
      try {
        int n;
        while ((n = body.read(buf)) >= 0) {
          byte[] chunk = java.util.Arrays.copyOf(buf, n);
          for (byte[] r : decoder.feed(chunk)) records.add(decode.apply(r));
        }
      } catch (IOException e) {
        // closed by the test or the server: the stream has ended
      } finally {
        ended = true;
      }
    });
  }

  boolean ended() { return ended; }

  /** The next record matching {@code p} (others are skipped), waiting up to {@code timeout}. */
  T next(Predicate<T> p, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<T> skipped = new ArrayList<>();
    while (true) {
      long left = deadline - System.nanoTime();
      T r = left <= 0 ? null : records.poll(left, TimeUnit.NANOSECONDS);
      assertThat(r).as("a matching record within %s; skipped %s", timeout, skipped).isNotNull();
      if (p.test(r)) return r;
      skipped.add(r);
    }
  }

  @Override public void close() throws Exception {
    body.close();
    thread.join(5000);
  }
}
