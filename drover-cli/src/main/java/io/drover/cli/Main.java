package io.drover.cli;

import io.drover.cli.client.AppCommand;
import io.drover.cli.client.ClusterCommand;
import io.drover.cli.client.CompletionCommand;
import io.drover.cli.client.DeploymentCommand;
import io.drover.cli.client.GroupCommand;
import io.drover.cli.client.StatusCommands;
import io.drover.cli.client.TaskCommand;
import io.drover.cli.zk.ZkCommand;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code drover <subcommand>}: one binary for every role and client command. */
@Command(name = "drover", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Drover: a Docker cluster platform (coord, master, agents, apps, lb) in one binary.",
        "Roles: up, coord, master, agent, apps. Clients: app, group, deployment, task, queue, leader, cluster (they "
            + "talk to --apps URL / $DROVER_APPS and --master URL / $DROVER_MASTER, by default the local drover up), "
            + "zk. Shell completion: source <(drover completion)"},
    subcommands = {CommandLine.HelpCommand.class, UpCommand.class, CoordCommand.class, MasterCommand.class,
        AgentCommand.class, AppsCommand.class, AppCommand.class, GroupCommand.class, DeploymentCommand.class,
        TaskCommand.class, StatusCommands.Queue.class, StatusCommands.Leader.class, ClusterCommand.class,
        ZkCommand.class, CompletionCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) { System.exit(run(args)); }

  /** Runs one command line against the process's stdout/stderr (always UTF-8: znode data and messages are). */
  public static int run(String... args) {
    return run(utf8(System.out), utf8(System.err), args);
  }

  /** Runs one command line with the given writers as stdout/stderr, for tests and embedding; flushes both. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    try {
      return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).setOut(out).setErr(err).execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static PrintWriter utf8(OutputStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }

  @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

  static final class Version implements CommandLine.IVersionProvider {
    @Override public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"drover " + (v == null ? "dev" : v)};
    }
  }
}
