package io.drover.master.server;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One long-lived RecordIO response (scheduler, agent or operator subscription): producers {@link #offer} framed
 * records without blocking, the HTTP handler's thread {@link #pump}s them to the client. The queue is bounded: a
 * subscriber that cannot keep up is cut off ({@link End#OVERFLOW}) rather than growing memory. Thread-safe.
 */
final class EventStream {
  /** Records buffered per subscriber before it counts as too slow. */
  static final int DEFAULT_CAPACITY = 1024;
  /**
   * For frameworks: a framework launching thousands of tasks receives an update per task state faster than it can
   * acknowledge them in bursts, and cutting it off makes every agent resend (Mesos has no such limit, only TCP
   * backpressure). The queue allocates per record, so an idle stream costs nothing.
   */
  static final int SCHEDULER_CAPACITY = 65_536;

  /** Why a stream ended. */
  enum End { CLOSED, BROKEN, OVERFLOW }

  private static final byte[] END_MARK = new byte[0];

  private final String id;
  private final BlockingQueue<byte[]> queue;
  private volatile End end;

  EventStream(String id, int capacity) {
    this.id = id;
    this.queue = new LinkedBlockingQueue<>(capacity + 1); // one slot kept for the end mark
  }

  String id() { return id; }

  boolean isOpen() { return end == null; }

  /** Queues one framed record; false if the stream is closed or just overflowed (then it is closed). */
  boolean offer(byte[] frame) {
    if (end != null) return false;
    if (queue.remainingCapacity() <= 1 || !queue.offer(frame)) {
      finish(End.OVERFLOW);
      return false;
    }
    return true;
  }

  /** Ends the stream after the records already queued (the client sees the response end). Idempotent. */
  void close() { finish(End.CLOSED); }

  private synchronized void finish(End why) {
    if (end != null) return;
    end = why;
    if (why == End.OVERFLOW) queue.clear(); // the subscriber is too slow: do not make it read the backlog
    if (!queue.offer(END_MARK)) {
      queue.clear();
      queue.offer(END_MARK);
    }
  }

  /**
   * Writes queued records to {@code out} until the stream ends, flushing after each; writes {@code heartbeat} after
   * {@code heartbeatMs} without a record. Returns why it ended.
   */
  End pump(OutputStream out, long heartbeatMs, Supplier<byte[]> heartbeat) throws InterruptedException {
    while (true) {
      byte[] frame = queue.poll(heartbeatMs, TimeUnit.MILLISECONDS);
      if (frame == END_MARK) return end;
      if (frame == null) {
        if (end != null) return end;
        frame = heartbeat.get();
      }
      try {
        out.write(frame);
        out.flush();
      } catch (IOException e) {
        finish(End.BROKEN);
        return End.BROKEN;
      }
    }
  }
}
