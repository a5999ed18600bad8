package io.drover.cli.client;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code drover completion}: a bash (and zsh, with bashcompinit) completion script for every drover command. */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a bash completion script for drover.", "Use it with: source <(drover completion)"})
public final class CompletionCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override public void run() {
    spec.commandLine().getOut().print(AutoComplete.bash("drover", spec.root().commandLine()));
    spec.commandLine().getOut().flush();
  }
}
