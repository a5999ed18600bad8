package io.drover.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code drover <subcommand>}: one binary for every role and client command. */
@Command(name = "drover", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Drover: a Docker cluster platform (coord, master, agents, apps, lb) in one binary.",
    subcommands = {CommandLine.HelpCommand.class, UpCommand.class, CoordCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) { System.exit(run(args)); }

  public static int run(String... args) {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
  }

  @Override public void run() { spec.commandLine().usage(System.out); }

  static final class Version implements CommandLine.IVersionProvider {
    @Override public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"drover " + (v == null ? "dev" : v)};
    }
  }
}
