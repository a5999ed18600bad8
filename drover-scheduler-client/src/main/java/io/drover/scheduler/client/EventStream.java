package io.drover.scheduler.client;

import io.drover.common.recordio.RecordIoDecoder;
import io.drover.common.recordio.RecordIoException;
import io.drover.common.time.Clock;
import io.drover.master.api.v1.ApiJson;
import io.drover.master.api.v1.Event;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SUBSCRIBE response body: a virtual thread reads it (RecordIO records may span any number of chunks), decodes
 * each record into an {@link Event} and hands it over through a bounded queue; it ends with exactly one
 * {@link Ended} unless {@link #close()}d first. The reader does only I/O, so it can be interrupted safely — which is
 * how {@link #close()} unblocks a read the watchdog or a leader change wants to abandon.
 */
final class EventStream implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventStream.class);
  private static final int READ_BUFFER_BYTES = 64 * 1024;
  private static final long OFFER_SLICE_MS = 100;

  sealed interface Item permits Received, Ended {}

  record Received(Event event) implements Item {}

  record Ended(String reason) implements Item {}

  private final InputStream body;
  private final Clock clock;
  private final RecordIoDecoder decoder;
  private final BlockingQueue<Item> queue;
  private final Thread reader;
  private volatile boolean closed;
  private volatile long lastReceiptNanos;

  EventStream(InputStream body, Clock clock, int maxRecordBytes, int queueCapacity, String name) {
    this.body = body;
    this.clock = clock;
    this.decoder = new RecordIoDecoder(maxRecordBytes);
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.lastReceiptNanos = clock.monoNanos();
    this.reader = Thread.ofVirtual().name(name).unstarted(this::readLoop);
  }

  void start() { reader.start(); }

  /** The next item, or null if none arrived within {@code timeoutMs}. */
  Item poll(long timeoutMs) throws InterruptedException { return queue.poll(timeoutMs, TimeUnit.MILLISECONDS); }

  /** When bytes last arrived (the injected clock's monotonic time); starts at construction. */
  long lastReceiptNanos() { return lastReceiptNanos; }

  private void readLoop() {
    byte[] buf = new byte[READ_BUFFER_BYTES];
    try (body) {
      while (!closed) {
        int n = body.read(buf);
        if (n < 0) {
          hand(new Ended("the master closed the event stream"));
          return;
        }
        lastReceiptNanos = clock.monoNanos();
        for (byte[] record : decoder.feed(Arrays.copyOf(buf, n))) {
          if (!hand(new Received(ApiJson.read(record, Event.class)))) return;
        }
      }
    } catch (RecordIoException | IllegalArgumentException e) {
      hand(new Ended("the master sent a malformed event stream: " + e.getMessage()));
    } catch (IOException e) {
      if (!closed) hand(new Ended("reading the event stream failed: " + e));
    }
  }

  /** Blocks while the queue is full (back-pressure onto TCP); false if closed or interrupted meanwhile. */
  private boolean hand(Item item) {
    try {
      while (!closed) {
        if (queue.offer(item, OFFER_SLICE_MS, TimeUnit.MILLISECONDS)) return true;
      }
    } catch (InterruptedException e) {
      // Only close() interrupts the reader; the dispatcher no longer wants items.
      if (!closed) log.warn("event stream reader interrupted without being closed; dropping {}", item);
    }
    return false;
  }

  /** Abandons the stream: closes the body (the connection) and unblocks the reader. Idempotent. */
  @Override public void close() {
    if (closed) return;
    closed = true;
    reader.interrupt();
    try {
      body.close();
    } catch (IOException e) {
      log.debug("closing an abandoned event stream failed (already broken): {}", e.toString());
    }
  }
}
