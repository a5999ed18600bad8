package io.drover.coord.wire;

/** A frame or record that does not decode. The connection that sent it is closed; the server carries on. */
public final class MalformedFrameException extends RuntimeException {
  public MalformedFrameException(String message) { super(message); }
}
