package io.drover.master.api.agent;

import io.drover.common.recordio.RecordIoDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the agent's subscription stream: feed it the HTTP body chunks as they arrive, split anywhere, and it returns
 * the events they completed, in order. Not thread-safe; one per stream.
 *
 * <p>Failure contract: a framing error ({@link io.drover.common.recordio.RecordIoException}) or an undecodable record
 * ({@link AgentProtocolException}) is thrown from {@link #feed}; the stream must then be dropped and re-subscribed,
 * because nothing after a bad record can be trusted. Events completed earlier in the same chunk are lost with it,
 * which is harmless for a stream that is being abandoned anyway.
 */
public final class AgentEventDecoder {
  /** Default bound on one event; a LAUNCH with a large TaskInfo stays far below this. */
  public static final int DEFAULT_MAX_EVENT_BYTES = 4 * 1024 * 1024;

  private final RecordIoDecoder records;

  public AgentEventDecoder() { this(DEFAULT_MAX_EVENT_BYTES); }

  public AgentEventDecoder(int maxEventBytes) { this.records = new RecordIoDecoder(maxEventBytes); }

  /** Consumes {@code chunk} (may be empty) and returns the events it completed. */
  public List<AgentEvent> feed(byte[] chunk) {
    List<AgentEvent> out = new ArrayList<>();
    for (byte[] record : records.feed(chunk)) out.add(AgentProtocol.decodeEvent(record));
    return out;
  }

  /** Whether no partial record is buffered (a clean place for the stream to end). */
  public boolean isAtRecordBoundary() { return records.isAtRecordBoundary(); }
}
