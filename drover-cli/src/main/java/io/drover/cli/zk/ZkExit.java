package io.drover.cli.zk;

/** Exit codes of {@code drover zk}: scripts branch on them, so they are part of the command's contract. */
public final class ZkExit {
  private ZkExit() {}

  public static final int OK = 0;
  /** The server answered and said no: no node, node exists, bad version, not empty, not authorized... */
  public static final int FAILED = 1;
  /** No answer: the server could not be reached within --timeout-ms, or the connection or session was lost. */
  public static final int UNREACHABLE = 2;
  /** The command line itself is wrong (sysexits EX_USAGE), kept apart from {@link #UNREACHABLE}. */
  public static final int USAGE = 64;
}
