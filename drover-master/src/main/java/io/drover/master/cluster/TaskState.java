package io.drover.master.cluster;

/**
 * Every {@code mesos.v1.TaskState}, with its proto number. {@link #isTerminal()} is Mesos' {@code isTerminalState}:
 * once a task reaches a terminal state the agent frees everything the task held. TASK_LOST and TASK_GONE_BY_OPERATOR
 * count as terminal there even though a partitioned task may come back as TASK_RUNNING.
 */
public enum TaskState {
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

  /** The field number in mesos.proto, for the protobuf encoding. */
  public int number() { return number; }

  public boolean isTerminal() { return terminal; }

  /** The state with proto number {@code number}; throws for a number mesos.proto does not define. */
  public static TaskState ofNumber(int number) {
    for (TaskState s : values()) if (s.number == number) return s;
    throw new IllegalArgumentException("no TaskState has number " + number);
  }
}
