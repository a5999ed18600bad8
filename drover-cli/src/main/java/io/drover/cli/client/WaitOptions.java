package io.drover.cli.client;

import io.drover.cli.Flags;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of commands that start a deployment. */
final class WaitOptions {
  @Option(names = "--no-wait", description = "Print the deployment id and return at once instead of waiting for it.")
  boolean noWait;

  @Option(names = "--force", description = "Go ahead even if a running deployment holds the app (that deployment is cancelled).")
  boolean force;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m",
      description = "How long to wait for the deployment, e.g. 90s or 10m (it continues after that). Default: ${DEFAULT-VALUE}")
  String timeout;

  /** The parsed {@code --timeout}; {@link IllegalArgumentException} with a message naming the flag. */
  Duration timeout() { return Flags.duration("--timeout", timeout); }
}
