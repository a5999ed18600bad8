package io.drover.agent.health;

/** The outcome of one probe. */
public sealed interface ProbeResult {
  /** The probe succeeded ({@code detail}: e.g. "HTTP 200"). */
  record Passed(String detail) implements ProbeResult {}

  /** The probe ran and failed ({@code reason}: e.g. "HTTP 500", "exit code 1", "connection refused"). */
  record Failed(String reason) implements ProbeResult {}

  /** The probe did not finish within the timeout and was abandoned (a command is killed); counts as a failure. */
  record TimedOut(long timeoutMs) implements ProbeResult {}
}
