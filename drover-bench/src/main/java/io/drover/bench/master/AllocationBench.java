package io.drover.bench.master;

import io.drover.common.random.Rng;
import io.drover.common.resources.Attributes;
import io.drover.common.resources.Resources;
import io.drover.common.resources.ResourcesParser;
import io.drover.master.allocator.Allocation;
import io.drover.master.allocator.Allocator;
import io.drover.master.allocator.AllocatorConfig;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Allocation cycle time of the DRF allocator with simulated agents and frameworks, in the shape of Mesos's own
 * {@code HierarchicalAllocator_BENCHMARK_Test.DeclineOffers}: every cycle offers the whole cluster, and every
 * framework then declines everything without a filter, so the next cycle must sort and offer it all again. That is
 * the allocator's worst case (a cluster at rest with outstanding offers costs nothing to allocate).
 *
 * <p>Frameworks are spread over {@code roles} roles so the hierarchical sort has work at both levels. The allocator
 * is driven in-process through its public API, as the master's loop thread does; nothing else runs.
 */
public final class AllocationBench {
  /** One measured shape. */
  public record Shape(int agents, int frameworks) {}

  /** Cycle times of one shape, in milliseconds; {@code offers} is the number of offers one cycle made. */
  public record Result(Shape shape, int cycles, double p50Ms, double p99Ms, double maxMs, int offers) {}

  private static final String AGENT_RESOURCES = "cpus:16;mem:65536;disk:500000;ports:[31000-32000]";

  private final int roles;
  private final int warmupCycles;
  private final int cycles;
  private final PrintStream log;

  public AllocationBench(int roles, int warmupCycles, int cycles, PrintStream log) {
    if (roles < 1 || cycles < 1 || warmupCycles < 0) throw new IllegalArgumentException("bad bench settings");
    this.roles = roles;
    this.warmupCycles = warmupCycles;
    this.cycles = cycles;
    this.log = log;
  }

  public Result run(Shape shape, long seed) {
    Allocator allocator = new Allocator(AllocatorConfig.defaults(), Rng.seeded(seed));
    Resources perAgent = ResourcesParser.parseResources(AGENT_RESOURCES);
    Attributes attributes = ResourcesParser.parseAttributes("rack:r1;zone:a");
    for (int i = 0; i < shape.agents(); i++) {
      allocator.addAgent("agent-S" + i, "host" + i, perAgent, attributes);
    }
    for (int i = 0; i < shape.frameworks(); i++) {
      allocator.addFramework("fw-" + i, Set.of("role" + (i % roles)), Set.of(), Set.of());
    }
    long nowMs = 0;
    double[] timesMs = new double[cycles];
    int offers = 0;
    for (int c = -warmupCycles; c < cycles; c++) {
      nowMs += AllocatorConfig.DEFAULT_ALLOCATION_INTERVAL_MS;
      long start = System.nanoTime();
      List<Allocation> made = allocator.allocate(nowMs);
      long elapsedNs = System.nanoTime() - start;
      if (c >= 0) timesMs[c] = elapsedNs / 1e6;
      offers = made.size();
      for (Allocation a : made) {
        allocator.recoverResources(a.frameworkId(), a.agentId(), a.role(), a.resources(), 0, nowMs);
      }
    }
    Arrays.sort(timesMs);
    Result r = new Result(shape, cycles, LatencySummary.percentile(timesMs, 0.50),
        LatencySummary.percentile(timesMs, 0.99),
        timesMs[timesMs.length - 1], offers);
    log.printf("allocation %6d agents x %4d frameworks: p50 %8.2f ms  p99 %8.2f ms  (%d offers/cycle)%n",
        shape.agents(), shape.frameworks(), r.p50Ms(), r.p99Ms(), r.offers());
    return r;
  }

  public List<Result> runAll(List<Shape> shapes, long seed) {
    List<Result> results = new ArrayList<>();
    for (Shape s : shapes) results.add(run(s, seed));
    return results;
  }
}
