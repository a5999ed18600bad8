package io.drover.master.cluster;

/** {@code mesos.v1.TaskStatus.Source}: who generated a status update. */
public enum Source {
  SOURCE_MASTER(0),
  SOURCE_AGENT(1),
  SOURCE_EXECUTOR(2);

  private final int number;

  Source(int number) { this.number = number; }

  /** The enum number in mesos.proto. */
  public int number() { return number; }
}
