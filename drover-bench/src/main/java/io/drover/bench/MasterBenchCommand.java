package io.drover.bench;

import io.drover.bench.master.AllocationBench;
import io.drover.bench.master.FailoverBench;
import io.drover.bench.master.LaunchLatencyBench;
import io.drover.bench.master.MasterBenchReport;
import io.drover.bench.master.MasterBenchReport.Part;
import io.drover.bench.master.MasterBenchReport.RunInfo;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code drover-bench master}: the resource manager's benchmarks (allocation cycle, offer-to-RUNNING latency, agent
 * re-registration after failover); see docs/benchmarks.md. Each part run replaces its own block of the master-bench
 * section of {@code --out}.
 */
@Command(name = "master", mixinStandardHelpOptions = true,
    description = "Allocation cycle time with simulated agents and frameworks, offer-to-TASK_RUNNING latency of "
        + "process tasks, and agent re-registration after a master failover; writes the master-bench section of --out.")
final class MasterBenchCommand implements Callable<Integer> {
  @Option(names = "--parts", defaultValue = "allocation,launch,failover", split = ",",
      description = "parts to run: allocation, launch, failover (default ${DEFAULT-VALUE})")
  List<Part> parts;
  @Option(names = "--agents", defaultValue = "1000,10000,50000", split = ",", description = "allocation: agent counts (default ${DEFAULT-VALUE})")
  List<Integer> agents;
  @Option(names = "--frameworks", defaultValue = "10,100,1000", split = ",", description = "allocation: framework counts (default ${DEFAULT-VALUE})")
  List<Integer> frameworks;
  @Option(names = "--roles", defaultValue = "10", description = "allocation: roles the frameworks are spread over (default ${DEFAULT-VALUE})")
  int roles;
  @Option(names = "--cycles", defaultValue = "20", description = "allocation: measured cycles per shape (default ${DEFAULT-VALUE})")
  int cycles;
  @Option(names = "--warmup-cycles", defaultValue = "5", description = "allocation: unmeasured cycles first (default ${DEFAULT-VALUE})")
  int warmupCycles;
  @Option(names = "--seed", defaultValue = "42", description = "allocation: allocator RNG seed (default ${DEFAULT-VALUE})")
  long seed;
  @Option(names = "--launch-tasks", defaultValue = "200", description = "launch: tasks per batch size (default ${DEFAULT-VALUE})")
  int launchTasks;
  @Option(names = "--launch-batches", defaultValue = "1,10", split = ",", description = "launch: tasks per offer (default ${DEFAULT-VALUE})")
  List<Integer> launchBatches;
  @Option(names = "--launch-agent-resources", defaultValue = "cpus:64;mem:131072;disk:100000;ports:[31000-32000]",
      description = "launch: the agent's --resources (default ${DEFAULT-VALUE})")
  String launchAgentResources;
  @Option(names = "--failover-agents", defaultValue = "1000", description = "failover: simulated agents (default ${DEFAULT-VALUE})")
  int failoverAgents;
  @Option(names = "--failover-tasks-per-agent", defaultValue = "2", description = "failover: running tasks each agent reports (default ${DEFAULT-VALUE})")
  int failoverTasksPerAgent;
  @Option(names = "--failover-backoff-ms", defaultValue = "1000",
      description = "failover: the agents' initial registration backoff bound, as the agent's --registration_backoff_factor (default ${DEFAULT-VALUE})")
  long failoverBackoffMs;
  @Option(names = "--out", defaultValue = "docs/benchmarks.md", description = "document whose master-bench section is rewritten (default ${DEFAULT-VALUE}); '-' for none")
  String out;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override public Integer call() throws Exception {
    EnumSet<Part> selected = parts.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(parts);
    if (selected.isEmpty()) throw new CommandLine.ParameterException(spec.commandLine(), "--parts names no part");
    LaunchLatencyBench.Settings launchSettings;
    FailoverBench.Settings failoverSettings;
    try {
      launchSettings = new LaunchLatencyBench.Settings(launchTasks, launchBatches, launchAgentResources);
      failoverSettings = new FailoverBench.Settings(failoverAgents, failoverTasksPerAgent, failoverBackoffMs);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Map<Part, String> markdown = new LinkedHashMap<>();
    for (Part part : selected) {
      RunInfo run = runInfo();
      String md = switch (part) {
        case allocation -> {
          List<AllocationBench.Shape> shapes = new ArrayList<>();
          for (int a : agents) for (int f : frameworks) shapes.add(new AllocationBench.Shape(a, f));
          List<AllocationBench.Result> results = new AllocationBench(roles, warmupCycles, cycles, System.out)
              .runAll(shapes, seed);
          yield MasterBenchReport.allocation(results, cycles, warmupCycles, roles, run);
        }
        case launch -> MasterBenchReport.launch(new LaunchLatencyBench(launchSettings, System.out).run(), run);
        case failover -> MasterBenchReport.failover(new FailoverBench(failoverSettings, System.out).run(), run);
      };
      markdown.put(part, md);
      System.out.println();
      System.out.print(md);
      System.out.println();
    }
    if (!out.equals("-")) {
      Path path = Path.of(out);
      String doc = Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
      String body = MasterBenchReport.sectionBody(doc, MarkedSection.MASTER_START, MarkedSection.MASTER_END)
          .orElse("");
      for (var e : markdown.entrySet()) body = MasterBenchReport.withPart(body, e.getKey(), e.getValue());
      MarkedSection.rewrite(path, MarkedSection.MASTER_START, MarkedSection.MASTER_END, body);
      System.out.println("wrote " + path.toAbsolutePath());
    }
    return 0;
  }

  private RunInfo runInfo() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    String command = ("drover-bench/run-master-bench " + String.join(" ",
        spec.commandLine().getParseResult().originalArgs().stream().skip(1).toList())).trim();
    return new RunInfo(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
        Runtime.getRuntime().availableProcessors(), os.getName() + " " + os.getArch(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), os.getSystemLoadAverage(),
        command);
  }
}
