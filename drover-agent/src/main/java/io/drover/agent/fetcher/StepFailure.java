package io.drover.agent.fetcher;

/** One fetch step failed; the message is Mesos-style and says what and why (the fetcher adds the URI). */
final class StepFailure extends Exception {
  final boolean cancelled;

  StepFailure(String message) {
    this(message, false, null);
  }

  StepFailure(String message, Throwable cause) {
    this(message, false, cause);
  }

  private StepFailure(String message, boolean cancelled, Throwable cause) {
    super(message, cause);
    this.cancelled = cancelled;
  }

  static StepFailure cancelled() {
    return new StepFailure("the fetch was cancelled (the container is being killed or the agent is stopping)", true,
        null);
  }

  /** An exception's message, or its class name when it has none, on one line. */
  static String describe(Throwable e) {
    String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    return m.strip().replaceAll("\\s+", " ");
  }
}
