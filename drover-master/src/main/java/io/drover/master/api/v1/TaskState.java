package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * Mesos {@code TaskState} with its proto numbers. {@link #TASK_UNKNOWN} is a real Mesos state (reconciliation of an
 * unknown task); {@link #UNKNOWN} (-1) is Drover's catch-all for a name it does not know.
 */
public enum TaskState {
  @JsonEnumDefaultValue UNKNOWN(-1, false),
  TASK_STAGING(6, false),
  TASK_STARTING(0, false),
  TASK_RUNNING(1, false),
  TASK_KILLING(8, false),
  TASK_FINISHED(2, true),
  TASK_FAILED(3, true),
  TASK_KILLED(4, true),
  TASK_ERROR(7, true),
  TASK_LOST(5, true),
  TASK_DROPPED(9, true),
  TASK_UNREACHABLE(10, false),
  TASK_GONE(11, true),
  TASK_GONE_BY_OPERATOR(12, true),
  TASK_UNKNOWN(13, false);

  private final int number;
  private final boolean terminal;

  TaskState(int number, boolean terminal) {
    this.number = number;
    this.terminal = terminal;
  }

  public int number() { return number; }

  /** Whether Mesos treats the state as terminal ({@code protobuf_utils::isTerminalState}; TASK_LOST included). */
  public boolean isTerminal() { return terminal; }
}
