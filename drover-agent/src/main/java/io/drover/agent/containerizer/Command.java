package io.drover.agent.containerizer;

import java.util.List;
import java.util.Objects;

/** What a container runs: Mesos {@code CommandInfo} with {@code shell=true} or {@code shell=false}. */
public sealed interface Command {

  /** Run {@code script} with {@code /bin/sh -c} (Mesos {@code shell=true}). */
  record Shell(String script) implements Command {
    public Shell {
      Objects.requireNonNull(script, "script");
    }
  }

  /**
   * Run {@code argv} directly, {@code argv[0]} being the executable (Mesos {@code shell=false}). For Docker an
   * empty argv means "the image's own entrypoint and cmd"; the process containerizer requires a non-empty argv.
   */
  record Argv(List<String> argv) implements Command {
    public Argv {
      argv = List.copyOf(argv);
    }
  }
}
