package io.drover.coord.server;

import io.drover.coord.storage.TxnLog;
import io.drover.coord.tree.Prepared;
import io.drover.coord.wire.JuteOutput;
import io.drover.coord.wire.TxnCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: takes every txn queued since the last fsync, appends them in one go, fsyncs once, then tells
 * the loop which zxid is now durable. Under load a batch grows to {@link #MAX_BATCH} and the cost of an
 * fsync is shared by all its writes; when idle, a single write is synced at once.
 */
final class SyncThread implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(SyncThread.class);
  static final int MAX_BATCH = 1000;
  static final int QUEUE_BOUND = 16_384;

  private sealed interface Item {}

  /** Encoded here, not on the loop: the sync thread mostly waits for fsync and has time to spare. */
  private record Append(Prepared txn) implements Item {}

  private record Roll() implements Item {}

  private record Stop() implements Item {}

  private final TxnLog txnLog;
  private final JuteOutput scratch = new JuteOutput(4096);
  private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE_BOUND);
  private final Consumer<LoopEvent> loop;

  SyncThread(TxnLog txnLog, Consumer<LoopEvent> loop) {
    this.txnLog = txnLog;
    this.loop = loop;
  }

  /** Blocks when the queue is full, which slows the loop down to the disk's pace. */
  void append(Prepared txn) throws InterruptedException { queue.put(new Append(txn)); }

  /** The next txn starts a new log file (done after the txns already queued, before a snapshot starts). */
  void roll() throws InterruptedException { queue.put(new Roll()); }

  void stop() throws InterruptedException { queue.put(new Stop()); }

  @Override public void run() {
    List<Item> batch = new ArrayList<>(MAX_BATCH);
    try {
      while (true) {
        batch.add(queue.take());
        queue.drainTo(batch, MAX_BATCH - 1);
        long durable = -1;
        boolean stop = false;
        for (Item item : batch) {
          switch (item) {
            case Append a -> {
              long zxid = a.txn().header().zxid();
              scratch.reset();
              TxnCodec.write(scratch, a.txn().header(), a.txn().txn());
              txnLog.append(zxid, scratch.toByteArray());
              durable = zxid;
            }
            case Roll r -> {
              txnLog.sync();
              txnLog.roll();
            }
            case Stop s -> stop = true;
          }
        }
        batch.clear();
        if (durable >= 0) {
          txnLog.sync();
          loop.accept(new LoopEvent.Durable(durable));
        }
        if (stop) return;
      }
    } catch (IOException e) {
      loop.accept(new LoopEvent.StorageFailed(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("sync thread failed", e);
      loop.accept(new LoopEvent.StorageFailed(e));
    }
  }
}
