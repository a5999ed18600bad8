package io.drover.bench.swarm;

import io.drover.bench.MarkedSection;
import io.drover.bench.zk.Machine;
import io.drover.common.testing.TestImages;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code drover-bench swarm}: Drover ({@code drover up} with Docker) and Docker Swarm side by side on this machine's
 * Docker Engine; see docs/benchmarks.md. Writes the swarm-bench section of {@code --out}.
 */
@Command(name = "swarm", mixinStandardHelpOptions = true,
    description = "Drover vs Docker Swarm on this machine's Docker Engine: request to N running, scaling, rolling "
        + "restart, replacing a killed container; writes the swarm-bench section of --out with Drover/Swarm ratios.")
public final class SwarmBenchCommand implements Callable<Integer> {
  @Option(names = "--quick", description = "smoke run: N = 10 and 50, scale 10 → 50, one repetition")
  boolean quick;
  @Option(names = "--reps", defaultValue = "3", description = "repetitions per figure and side (default ${DEFAULT-VALUE})")
  int reps;
  @Option(names = "--large-reps", defaultValue = "2",
      description = "repetitions of the figures reaching more than 50 instances (default ${DEFAULT-VALUE})")
  int largeReps;
  @Option(names = "--sizes", defaultValue = "10,50,200", split = ",", description = "N for request to N running (default ${DEFAULT-VALUE})")
  List<Integer> sizes;
  @Option(names = "--scale-from", defaultValue = "50", description = "instances before the scale-up (default ${DEFAULT-VALUE})")
  int scaleFrom;
  @Option(names = "--scale-to", defaultValue = "200", description = "instances after it (default ${DEFAULT-VALUE})")
  int scaleTo;
  @Option(names = "--restart-instances", defaultValue = "50", description = "instances restarted (default ${DEFAULT-VALUE})")
  int restartInstances;
  @Option(names = "--parallelism", defaultValue = "10", description = "instances replaced at once in the restart (default ${DEFAULT-VALUE})")
  int parallelism;
  @Option(names = "--kill-instances", defaultValue = "10", description = "instances of the kill figure (default ${DEFAULT-VALUE})")
  int killInstances;
  @Option(names = "--cpus", defaultValue = "0.05", description = "CPU limit per container (default ${DEFAULT-VALUE})")
  double cpus;
  @Option(names = "--mem-mb", defaultValue = "32", description = "memory limit per container (default ${DEFAULT-VALUE})")
  int memMb;
  @Option(names = "--restart-delay-s", defaultValue = "1", description = "delay before replacing a failed container, both sides (default ${DEFAULT-VALUE})")
  int restartDelayS;
  @Option(names = "--stop-grace-s", defaultValue = "3", description = "SIGTERM to SIGKILL, both sides (default ${DEFAULT-VALUE})")
  int stopGraceS;
  @Option(names = "--agent-resources", defaultValue = "cpus:16;mem:16384;disk:20000;ports:[31000-31099]",
      description = "drover up --agent-resources (default ${DEFAULT-VALUE})")
  String agentResources;
  @Option(names = "--drover-jar", defaultValue = "drover-cli/target/drover.jar", description = "the fat jar (default ${DEFAULT-VALUE})")
  Path droverJar;
  @Option(names = "--drover-jvm-opts", defaultValue = "", description = "JVM options of drover up (default: none, as ./drover up)")
  String droverJvmOpts;
  @Option(names = "--figure-timeout-s", defaultValue = "120",
      description = "a run not done within this is reported as not finished, and that side is not repeated for the figure (default ${DEFAULT-VALUE})")
  long figureTimeoutS;
  @Option(names = "--out", defaultValue = "docs/benchmarks.md", description = "document whose swarm-bench section is rewritten (default ${DEFAULT-VALUE}); '-' for none")
  String out;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override public Integer call() throws Exception {
    SwarmBench.Plan plan;
    Workload workload;
    try {
      plan = quick ? new SwarmBench.Plan(List.of(10, 50), 10, 50, 50, killInstances, 1, 1)
          : new SwarmBench.Plan(sizes, scaleFrom, scaleTo, restartInstances, killInstances, reps, largeReps);
      workload = new Workload(TestImages.BUSYBOX, Workload.COMMAND, cpus, memMb, restartDelayS, stopGraceS, parallelism);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    String docker;
    try {
      docker = Cli.docker("version", "--format", "{{.Server.Version}}").trim();
    } catch (IOException e) {
      throw new IOException("the Docker Engine does not answer, and this benchmark needs it (Swarm and Drover's "
          + "Docker containers): " + e.getMessage(), e);
    }
    Machine machine = Machine.current();
    System.out.println("swarm bench: Docker Engine " + docker + "; building/finding " + TestImages.BUSYBOX);
    TestImages.busybox(); // the same offline image as the tests: docker import of busybox-static
    List<String> jvmOptions = droverJvmOpts.isBlank() ? List.of() : Arrays.asList(droverJvmOpts.trim().split("\\s+"));
    String droverCommand = String.join(" ", DroverSide.upCommand("java", jvmOptions, Path.of("drover.jar"),
        Path.of("<tmp>"), 0, 0, 0, 0, agentResources)).replaceAll("--(\\w+)-port 0", "--$1-port <free>")
        .replace("--metrics-port <free>", "--metrics-port 0");
    List<SwarmBench.Figure> figures;
    long t0 = System.nanoTime();
    DroverSide.Launcher drover = new DroverSide.Launcher(workload, droverJar, jvmOptions, agentResources, System.out);
    try (SwarmSide swarm = SwarmSide.start(workload, System.out)) {
      figures = new SwarmBench(plan, Duration.ofSeconds(figureTimeoutS), swarm, drover, System.out).run();
    }
    System.out.printf("swarm bench: %.0f s in all%n", (System.nanoTime() - t0) / 1e9);
    String command = ("drover-bench/run-swarm-bench " + String.join(" ",
        spec.commandLine().getParseResult().originalArgs().stream().skip(1).toList())).trim();
    SwarmBenchReport.RunInfo run = new SwarmBenchReport.RunInfo(
        ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
        machine.describe(), docker, droverCommand, command);
    String md = SwarmBenchReport.markdown(figures, workload, plan, run);
    System.out.println();
    System.out.print(md);
    if (!out.equals("-")) {
      Path path = Path.of(out);
      MarkedSection.rewrite(path, SwarmBenchReport.START, SwarmBenchReport.END, md);
      System.out.println("wrote " + path.toAbsolutePath());
    }
    return 0;
  }
}
