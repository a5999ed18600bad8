package io.drover.master.api.agent;

/**
 * A message of the agent protocol cannot be decoded: not JSON, no or unknown {@code type}, missing body, or a
 * required field missing or invalid. The message says which, for the log and for an HTTP 400 body.
 */
public final class AgentProtocolException extends RuntimeException {
  public AgentProtocolException(String message) { super(message); }

  public AgentProtocolException(String message, Throwable cause) { super(message, cause); }
}
