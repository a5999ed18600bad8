package io.drover.scheduler.client;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Bounds the calls a client has in flight without dropping bursts: at most {@code maxInFlight} run at once, the next
 * {@code maxWaiting} wait in order and start as earlier ones complete, and only beyond both is a call refused. (A
 * scheduler that acknowledges a thousand status updates at once must not lose acknowledgements: a lost one makes
 * the agent resend the update only after its retry interval, and holds back the task's next update until then.)
 *
 * @param <C> a call, started by the {@code start} consumer; whoever runs it must call {@link #done()} once it ends
 */
final class CallQueue<C> {
  private final int maxInFlight;
  private final int maxWaiting;
  private final Consumer<C> start;
  private final ArrayDeque<C> waiting = new ArrayDeque<>();
  private int inFlight;
  /**
   * Calls handed to this thread while it is already inside {@code start}: a call that ends at once (the subscription
   * is gone, the transport fails synchronously) calls {@link #done()} from within its own start, and starting the
   * next one right there would nest one start in another for every waiting call, deep enough to overflow the stack.
   */
  private final ThreadLocal<ArrayDeque<C>> startingHere = new ThreadLocal<>();

  CallQueue(int maxInFlight, int maxWaiting, Consumer<C> start) {
    this.maxInFlight = maxInFlight;
    this.maxWaiting = maxWaiting;
    this.start = start;
  }

  /** Starts {@code call} now or queues it; false (nothing started or queued) when both bounds are reached. */
  boolean submit(C call) {
    synchronized (this) {
      if (inFlight >= maxInFlight) {
        if (waiting.size() >= maxWaiting) return false;
        waiting.add(call);
        return true;
      }
      inFlight++;
    }
    startInTurn(call);
    return true;
  }

  /** A started call ended: the oldest waiting one starts in its place. */
  void done() {
    C next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) inFlight--;
    }
    if (next != null) startInTurn(next);
  }

  /** Starts {@code call}, or, if this thread is inside a start already, right after that one returns (in order). */
  private void startInTurn(C call) {
    ArrayDeque<C> queued = startingHere.get();
    if (queued != null) {
      queued.add(call);
      return;
    }
    queued = new ArrayDeque<>();
    startingHere.set(queued);
    try {
      for (C next = call; next != null; next = queued.poll()) start.accept(next);
    } finally {
      startingHere.remove();
    }
  }

  synchronized int inFlight() { return inFlight; }

  synchronized int waiting() { return waiting.size(); }
}
