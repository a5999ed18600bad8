package io.drover.cli.client;

/** Exit codes of the client commands: scripts branch on them, so they are part of the commands' contract. */
public final class ClientExit {
  private ClientExit() {}

  public static final int OK = 0;
  /** The API refused the request or could not be reached, or a deployment failed, was rolled back or timed out. */
  public static final int FAILED = 1;
  /** The command line itself is wrong (sysexits EX_USAGE), as for every drover command. */
  public static final int USAGE = 64;

  /** The help footer every client command shows (annotation constants, so spelled out). */
  static final String LIST_HEADING = "%nExit codes:%n";
  static final String LIST_0 = "0:done (deploying commands: the deployment finished and every app is at its target)";
  static final String LIST_1 = "1:the API refused or could not be reached, or the deployment failed, was rolled back "
      + "or timed out";
  static final String LIST_64 = "64:invalid command line";
}
