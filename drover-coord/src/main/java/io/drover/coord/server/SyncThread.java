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

  /** An ensemble's log entry, already encoded; {@code generation} tags the durability report (see {@link ZabTxnLog}). */
  private record AppendBytes(long generation, long zxid, byte[] txn) implements Item {}

  /** Drops every record above zxid, durably, after the records queued before it; completes {@code done}. */
  private record Truncate(long zxid, java.util.concurrent.CompletableFuture<Void> done) implements Item {}

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

  /** Ensemble mode: append an encoded txn; a {@link LoopEvent.LogSynced} with this generation follows its fsync. */
  void appendBytes(long generation, long zxid, byte[] txn) throws InterruptedException {
    queue.put(new AppendBytes(generation, zxid, txn));
  }

  /** Ensemble mode: truncate after the queued appends are written; {@code done} completes when it is durable. */
  void truncate(long zxid, java.util.concurrent.CompletableFuture<Void> done) throws InterruptedException {
    queue.put(new Truncate(zxid, done));
  }

  private long durable = -1;
  /** -1 for standalone appends (reported as {@link LoopEvent.Durable}), else the ensemble log's generation. */
  private long durableGeneration = -1;

  private void reportDurable() throws IOException {
    if (durable < 0) return;
    txnLog.sync();
    loop.accept(durableGeneration < 0 ? new LoopEvent.Durable(durable)
        : new LoopEvent.LogSynced(durableGeneration, durable));
    durable = -1;
  }

  @Override public void run() {
    List<Item> batch = new ArrayList<>(MAX_BATCH);
    try {
      while (true) {
        batch.add(queue.take());
        queue.drainTo(batch, MAX_BATCH - 1);
        durable = -1;
        boolean stop = false;
        for (Item item : batch) {
          switch (item) {
            case Append a -> {
              long zxid = a.txn().header().zxid();
              scratch.reset();
              TxnCodec.write(scratch, a.txn().header(), a.txn().txn());
              txnLog.append(zxid, scratch.toByteArray());
              durable = zxid;
              durableGeneration = -1;
            }
            case AppendBytes a -> {
              txnLog.append(a.zxid(), a.txn());
              durable = a.zxid();
              durableGeneration = a.generation();
            }
            case Truncate t -> {
              reportDurable();
              try {
                txnLog.truncateAfter(t.zxid());
                t.done().complete(null);
              } catch (IOException | RuntimeException e) {
                t.done().completeExceptionally(e);
                throw e;
              }
            }
            case Roll r -> {
              txnLog.sync();
              txnLog.roll();
            }
            case Stop s -> stop = true;
          }
        }
        batch.clear();
        reportDurable();
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
