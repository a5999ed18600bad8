package io.drover.bench.zk;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The load generator's options, the same for the single-server ({@code zk}) and the ensemble bench (a picocli
 * mixin); the number of client sessions stays with each command, whose defaults differ.
 */
public final class LoadOptions {
  @Option(names = "--outstanding", defaultValue = "32", description = "async requests in flight per session (default ${DEFAULT-VALUE})")
  int outstanding;
  @Option(names = "--duration-s", defaultValue = "20", description = "measured seconds per run (default ${DEFAULT-VALUE})")
  double durationS;
  @Option(names = "--warmup-s", defaultValue = "5", description = "warm-up seconds per run (default ${DEFAULT-VALUE})")
  double warmupS;
  @Option(names = "--keys", defaultValue = "1000", description = "znodes in the key space (default ${DEFAULT-VALUE})")
  int keys;
  @Option(names = "--value-bytes", defaultValue = "1024", description = "value size (default ${DEFAULT-VALUE})")
  int valueBytes;
  @Option(names = "--ratios", defaultValue = "0,50,90,100", split = ",", description = "read percentages (default ${DEFAULT-VALUE})")
  List<Integer> ratios;
  @Option(names = "--seed", defaultValue = "42", description = "RNG seed for the op mix (default ${DEFAULT-VALUE})")
  long seed;

  public List<Integer> ratios() { return ratios; }

  public int valueBytes() { return valueBytes; }

  public double warmupS() { return warmupS; }

  public double durationS() { return durationS; }

  /** The load settings for the first ratio; a ratio outside 0..100 is a usage error of {@code spec}'s command. */
  public LoadGenerator.Settings settings(CommandSpec spec, int clients, long warmupMs, long durationMs,
      int sessionTimeoutMs) {
    for (int r : ratios) {
      if (r < 0 || r > 100) throw new CommandLine.ParameterException(spec.commandLine(), "--ratios: " + r + " is not 0..100");
    }
    return new LoadGenerator.Settings(clients, outstanding, keys, valueBytes, ratios.get(0), warmupMs, durationMs,
        seed, sessionTimeoutMs, 30_000);
  }
}
