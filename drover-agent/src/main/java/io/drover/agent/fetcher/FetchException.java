package io.drover.agent.fetcher;

/**
 * Fetching a container's URIs failed; the message is the whole status update message, e.g.
 * {@code Failed to fetch all URIs for container '<id>': Failed to fetch '<uri>': <cause>}.
 */
public final class FetchException extends Exception {
  private final boolean cancelled;

  FetchException(String message, boolean cancelled, Throwable cause) {
    super(message, cause);
    this.cancelled = cancelled;
  }

  /** True when the fetch stopped because it was cancelled (the container was killed or the agent closed). */
  public boolean cancelled() {
    return cancelled;
  }
}
