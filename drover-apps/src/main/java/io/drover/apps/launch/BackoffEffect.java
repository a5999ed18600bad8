package io.drover.apps.launch;

/**
 * What a status update does to the app's launch backoff delay, as Marathon's {@code NotifyRateLimiterStep} decides
 * on a condition change.
 */
public enum BackoffEffect {
  /** A failed launch (Dropped, Error, Failed, Gone, Finished): multiply the delay by {@code backoffFactor}. */
  INCREASE,
  /** The instance got going (Provisioned, Staging, Starting, Running): restart the delay's clock, keep its size. */
  ADVANCE,
  /** The agent is draining (TASK_KILLED or TASK_GONE_BY_OPERATOR with REASON_AGENT_DRAINING): reset the delay. */
  RESET,
  /** Nothing (Killed, Killing, Unreachable, Unknown, ...). */
  NONE
}
