package io.drover.apps.deploy;

/** Marathon's instance conditions ({@code core.condition.Condition}), as far as deployments care. */
public enum InstanceCondition {
  /** Waiting for an offer; Mesos knows nothing about it yet. */
  SCHEDULED, PROVISIONED, STAGING, STARTING, RUNNING, KILLING, UNREACHABLE, UNREACHABLE_INACTIVE,
  ERROR, FAILED, FINISHED, KILLED, GONE, DROPPED, UNKNOWN;

  /** Marathon's {@code Condition.isTerminal}. */
  public boolean isTerminal() {
    return switch (this) {
      case ERROR, FAILED, FINISHED, KILLED, GONE, DROPPED, UNKNOWN -> true;
      case SCHEDULED, PROVISIONED, STAGING, STARTING, RUNNING, KILLING, UNREACHABLE, UNREACHABLE_INACTIVE -> false;
    };
  }

  /**
   * Marathon's {@code considerTerminal}: once an instance reaches this condition a deployment treats it as gone
   * (terminal, or unreachable, whose replacement is the launch queue's business).
   */
  public boolean consideredGone() {
    return isTerminal() || this == UNREACHABLE || this == UNREACHABLE_INACTIVE;
  }
}
