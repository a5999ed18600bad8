package io.drover.cli.client;

/**
 * A failure a client command reports as one message (possibly several lines) and an exit code, never as a stack
 * trace. The message says what went wrong and, where there is one, what to do about it.
 */
final class CliException extends RuntimeException {
  private final int exitCode;

  CliException(String message) { this(message, ClientExit.FAILED); }

  CliException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() { return exitCode; }
}
