package io.drover.bench;

import io.drover.bench.master.AllocationBench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drover-bench master}: the resource manager's benchmarks; see docs/benchmarks.md. */
@Command(name = "master", mixinStandardHelpOptions = true,
    description = "Allocation cycle time with simulated agents and frameworks; writes the master-bench section of --out.")
final class MasterBenchCommand implements Callable<Integer> {
  @Option(names = "--agents", defaultValue = "1000,10000,50000", split = ",", description = "agent counts (default ${DEFAULT-VALUE})")
  List<Integer> agents;
  @Option(names = "--frameworks", defaultValue = "10,100,1000", split = ",", description = "framework counts (default ${DEFAULT-VALUE})")
  List<Integer> frameworks;
  @Option(names = "--roles", defaultValue = "10", description = "roles the frameworks are spread over (default ${DEFAULT-VALUE})")
  int roles;
  @Option(names = "--cycles", defaultValue = "20", description = "measured allocation cycles per shape (default ${DEFAULT-VALUE})")
  int cycles;
  @Option(names = "--warmup-cycles", defaultValue = "5", description = "unmeasured cycles first (default ${DEFAULT-VALUE})")
  int warmupCycles;
  @Option(names = "--seed", defaultValue = "42", description = "allocator RNG seed (default ${DEFAULT-VALUE})")
  long seed;
  @Option(names = "--out", defaultValue = "docs/benchmarks.md", description = "document whose master-bench section is rewritten (default ${DEFAULT-VALUE}); '-' for none")
  String out;

  @Override public Integer call() throws Exception {
    List<AllocationBench.Shape> shapes = new ArrayList<>();
    for (int a : agents) for (int f : frameworks) shapes.add(new AllocationBench.Shape(a, f));
    List<AllocationBench.Result> results = new AllocationBench(roles, warmupCycles, cycles, System.out).runAll(shapes, seed);
    String markdown = allocationTable(results);
    System.out.println();
    System.out.print(markdown);
    if (!out.equals("-")) {
      MarkedSection.rewrite(Path.of(out), MarkedSection.MASTER_START, MarkedSection.MASTER_END, markdown);
      System.out.println("wrote " + Path.of(out).toAbsolutePath());
    }
    return 0;
  }

  private String allocationTable(List<AllocationBench.Result> results) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Allocation cycle, %d measured cycles per row after %d warm-up, %d roles, "
        + "machine: %d cores, %s.%n%n", cycles, warmupCycles, roles, Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version")));
    sb.append("| agents | frameworks | offers per cycle | p50 ms | p99 ms | max ms |\n");
    sb.append("|---:|---:|---:|---:|---:|---:|\n");
    for (AllocationBench.Result r : results) {
      sb.append(String.format(Locale.ROOT, "| %,d | %,d | %,d | %.1f | %.1f | %.1f |%n", r.shape().agents(),
          r.shape().frameworks(), r.offers(), r.p50Ms(), r.p99Ms(), r.maxMs()));
    }
    return sb.toString();
  }
}
