package io.drover.common.recordio;

/** The RecordIO stream is malformed (bad length prefix, or a record larger than allowed); the stream is unusable. */
public final class RecordIoException extends RuntimeException {
  public RecordIoException(String message) { super(message); }
}
