package io.drover.cli.zk;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code drover zk ...}: a ZooKeeper client for people, built on the real Apache ZooKeeper client so it works
 * against coord and against any ZooKeeper ensemble alike. Every subcommand opens one session, does its work and
 * closes the session (so an ephemeral node made by {@code create -e} is gone once the command exits).
 */
@Command(name = "zk", exitCodeOnInvalidInput = ZkExit.USAGE,
    description = "Read, change and watch znodes on any ZooKeeper-compatible server (coord or Apache ZooKeeper).",
    subcommands = {ZkLs.class, ZkGet.class, ZkStat.class, ZkCreate.class, ZkSet.class, ZkDelete.class, ZkRmr.class,
        ZkWatch.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        ZkExit.OK + ":done", ZkExit.FAILED + ":the server refused the operation (no node, node exists, bad version...)",
        ZkExit.UNREACHABLE + ":cannot reach the server, or lost the connection or session",
        ZkExit.USAGE + ":invalid command line"})
public final class ZkCommand implements Runnable {
  @Spec CommandSpec spec;

  /** Inherited: may be given before or after the subcommand name. */
  @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "HOST:PORT[,HOST:PORT...][/CHROOT]",
      defaultValue = "${env:DROVER_ZK:-localhost:2181}",
      description = "ZooKeeper connection string (env DROVER_ZK). Default: ${DEFAULT-VALUE}")
  String server;

  @Option(names = "--timeout-ms", scope = ScopeType.INHERIT, paramLabel = "MS", defaultValue = "10000",
      description = "How long to wait for the first connection. Default: ${DEFAULT-VALUE}")
  long timeoutMs;

  @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help and exit.")
  boolean help;

  @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }
}
