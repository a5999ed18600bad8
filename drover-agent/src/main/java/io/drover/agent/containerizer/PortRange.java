package io.drover.agent.containerizer;

/** An inclusive range of host ports offered to a task (Mesos {@code ports} resource ranges). */
public record PortRange(int begin, int end) {
  public PortRange {
    if (begin < 1 || end > 65535 || begin > end) {
      throw new IllegalArgumentException("bad port range [" + begin + "-" + end + "]");
    }
  }

  public boolean contains(int port) {
    return port >= begin && port <= end;
  }

  public static PortRange single(int port) {
    return new PortRange(port, port);
  }
}
