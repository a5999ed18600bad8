package io.drover.common.mesos;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * Every {@code mesos.v1.TaskState} of apache/mesos' {@code include/mesos/v1/mesos.proto} (HEAD), names and proto
 * numbers exactly as there, plus Drover's {@link #UNKNOWN}. The one definition shared by the agent, the master's
 * cluster core and the v1 API's JSON types.
 *
 * <p>{@link #isTerminal()} is Mesos' {@code protobuf::isTerminalState}: once a task reaches a terminal state the agent
 * frees everything the task held. TASK_LOST and TASK_GONE_BY_OPERATOR count as terminal there even though a
 * partitioned task may come back as TASK_RUNNING.
 *
 * <p>JSON: constants are written as their names (stout's proto-JSON form). With Jackson's
 * {@code READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE} enabled (as the v1 API mapper does) a name this enum lacks
 * reads as {@link #UNKNOWN}.
 */
public enum TaskState {
  /**
   * A state this version of Drover does not know (a newer Mesos' name or number), <b>not</b> a Mesos state: number
   * -1 is outside the proto. Distinct from {@link #TASK_UNKNOWN} (13), the real Mesos state that reconciliation
   * reports for a task the master has never heard of. Not terminal.
   */
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

  /** The enum number in mesos.proto, for the protobuf encoding; -1 for {@link #UNKNOWN}. */
  public int number() { return number; }

  /** Whether Mesos treats the state as terminal ({@code protobuf::isTerminalState}; TASK_LOST included). */
  public boolean isTerminal() { return terminal; }

  /** Whether this is a state mesos.proto defines, i.e. anything but {@link #UNKNOWN}. */
  public boolean isKnown() { return this != UNKNOWN; }

  /** The state with proto number {@code number}, or {@link #UNKNOWN} for a number mesos.proto does not define. */
  public static TaskState ofNumber(int number) {
    for (TaskState s : values()) if (s.number == number) return s;
    return UNKNOWN;
  }
}
