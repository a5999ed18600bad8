package io.drover.coord.server;

import io.drover.coord.core.PeerMessage;
import io.drover.coord.core.PeerMessageCodec;
import io.drover.coord.server.PeerTransport.Port;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the Zab core's messages over the {@link PeerTransport} with the delivery the core assumes. Quorum messages
 * to a peer wait in a bounded per-peer queue while the outbound connection is not up yet, and are dropped when it
 * breaks or is dropped: so each peer sees one FIFO stream per association, with no gap in its middle. A connection
 * that broke is not used again until the loop has handled the report of that break. Election notifications are
 * unreliable anyway: the latest unsent one per peer is retried (ZooKeeper keeps the last one per peer too).
 * Loop thread only.
 */
final class PeerSender {
  private static final Logger log = LoggerFactory.getLogger(PeerSender.class);
  private static final int MAX_QUEUED_MESSAGES = 100_000;
  private static final long MAX_QUEUED_BYTES = 256L << 20;

  private final PeerTransport transport;
  private final Map<Long, byte[]> unsentVotes = new HashMap<>();
  private final Map<Long, QuorumQueue> queues = new HashMap<>();

  private static final class QuorumQueue {
    final ArrayDeque<byte[]> messages = new ArrayDeque<>();
    long bytes;
    /** Breaks of the outbound connection the loop has handled. */
    long breaksSeen;

    void clear() {
      messages.clear();
      bytes = 0;
    }
  }

  PeerSender(PeerTransport transport) { this.transport = transport; }

  /**
   * Sends or queues {@code message}. False when the peer's queue overflowed: its messages were dropped and the
   * caller must treat the quorum connection as broken.
   */
  boolean send(long to, PeerMessage message) {
    byte[] bytes = PeerMessageCodec.encode(message);
    if (message instanceof PeerMessage.Notification) {
      if (transport.send(to, Port.ELECTION, bytes)) unsentVotes.remove(to);
      else unsentVotes.put(to, bytes);
      return true;
    }
    QuorumQueue q = queue(to);
    if (q.messages.isEmpty() && transport.breaks(to, Port.QUORUM) == q.breaksSeen
        && transport.send(to, Port.QUORUM, bytes)) {
      return true;
    }
    q.messages.add(bytes);
    q.bytes += bytes.length;
    if (q.messages.size() > MAX_QUEUED_MESSAGES || q.bytes > MAX_QUEUED_BYTES) {
      log.warn("server {} is unreachable with {} messages queued; dropping them", to, q.messages.size());
      q.clear();
      return false;
    }
    return true;
  }

  /** Whether the election connection to {@code to} is up (a vote sent now leaves at once). */
  boolean electionConnected(long to) { return transport.connected(to, Port.ELECTION); }

  /** Sends what waits, where the connection is up now (called on every tick). */
  void retry() {
    unsentVotes.entrySet().removeIf(e -> transport.send(e.getKey(), Port.ELECTION, e.getValue()));
    queues.forEach((to, q) -> {
      if (transport.breaks(to, Port.QUORUM) != q.breaksSeen) return; // its break is not handled yet
      while (!q.messages.isEmpty() && transport.send(to, Port.QUORUM, q.messages.peekFirst())) {
        q.bytes -= q.messages.pollFirst().length;
      }
    });
  }

  /** The loop handled a reported break of the quorum connection to {@code peerId}: its queue ends with it. */
  void broke(long peerId) {
    QuorumQueue q = queue(peerId);
    q.breaksSeen++;
    q.clear();
  }

  /** Closes the quorum connection to {@code peerId} (both directions) and forgets what waited for it. */
  void drop(long peerId) {
    queue(peerId).clear();
    transport.drop(peerId, Port.QUORUM);
  }

  /** Sends what this loop turn queued on the connections (see {@link PeerTransport#flush()}). */
  void flush() { transport.flush(); }

  /** Forgets every queued quorum message (this server left its leader or learners). */
  void clearQueues() { queues.values().forEach(QuorumQueue::clear); }

  private QuorumQueue queue(long peerId) { return queues.computeIfAbsent(peerId, k -> new QuorumQueue()); }
}
