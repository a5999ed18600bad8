package io.drover.common.mesos;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * {@code mesos.v1.TaskStatus.Source}: who generated a status update, with proto numbers, plus Drover's
 * {@link #UNKNOWN}. Shared by the agent, the master's cluster core and the v1 API's JSON types.
 *
 * <p>JSON: written as names; with {@code READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE} an unknown name reads as
 * {@link #UNKNOWN}.
 */
public enum TaskStatusSource {
  /**
   * A source this version of Drover does not know (a newer Mesos' name or number), not a Mesos source: proto numbers
   * start at SOURCE_MASTER = 0, so it is -1.
   */
  @JsonEnumDefaultValue UNKNOWN(-1),
  SOURCE_MASTER(0),
  SOURCE_AGENT(1),
  SOURCE_EXECUTOR(2);

  private final int number;

  TaskStatusSource(int number) { this.number = number; }

  /** The enum number in mesos.proto; -1 for {@link #UNKNOWN}. */
  public int number() { return number; }

  /** Whether this is a source mesos.proto defines, i.e. anything but {@link #UNKNOWN}. */
  public boolean isKnown() { return this != UNKNOWN; }

  /** The source with proto number {@code number}, or {@link #UNKNOWN} for a number mesos.proto does not define. */
  public static TaskStatusSource ofNumber(int number) {
    for (TaskStatusSource s : values()) if (s.number == number) return s;
    return UNKNOWN;
  }
}
