package io.drover.bench.scale;

import io.drover.bench.MarkedSection;
import io.drover.bench.zk.Machine;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code drover-bench scale}: 1,000 simulated agents, 10,000 instances of 1,000 apps through the Marathon API, the
 * latency of {@code GET /v2/apps}, and the apps leader's heap; see {@link ScaleBench} and docs/benchmarks.md.
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
    description = "Simulated agents, the real master and a real apps leader (own JVM): instances/s placing and "
        + "starting apps × instances, GET /v2/apps p50/p99, apps leader heap; writes the scale-bench section of --out.")
public final class ScaleBenchCommand implements Callable<Integer> {
  @Option(names = "--quick", description = "smoke size: 100 agents, 100 apps × 10 instances, waves of 50 apps, 100 requests")
  boolean quick;
  @Option(names = "--agents", defaultValue = "1000", description = "simulated agents (default ${DEFAULT-VALUE})")
  int agents;
  @Option(names = "--apps", defaultValue = "1000", description = "apps in the measured group (default ${DEFAULT-VALUE})")
  int apps;
  @Option(names = "--instances-per-app", defaultValue = "10", description = "(default ${DEFAULT-VALUE})")
  int instancesPerApp;
  @Option(names = "--agent-resources", defaultValue = "cpus:16;mem:65536;disk:100000;ports:[31000-32000]",
      description = "each agent's resources (default ${DEFAULT-VALUE})")
  String agentResources;
  @Option(names = "--app-cpus", defaultValue = "0.1", description = "(default ${DEFAULT-VALUE})")
  double appCpus;
  @Option(names = "--app-mem-mb", defaultValue = "32", description = "(default ${DEFAULT-VALUE})")
  int appMemMb;
  @Option(names = "--warmup-apps", defaultValue = "50", description = "apps of the warm-up group, 0 for none (default ${DEFAULT-VALUE})")
  int warmupApps;
  @Option(names = "--wave-apps", defaultValue = "50",
      description = "figures 2 and 3: apps per wave filling the steady environment (default ${DEFAULT-VALUE})")
  int waveApps;
  @Option(names = "--burst-timeout-s", defaultValue = "180",
      description = "figure 1 counts as not finished after this long (default ${DEFAULT-VALUE})")
  long burstTimeoutS;
  @Option(names = "--api-warmup", defaultValue = "50", description = "unmeasured GETs per endpoint first (default ${DEFAULT-VALUE})")
  int apiWarmup;
  @Option(names = "--api-requests", defaultValue = "500", description = "measured GETs per endpoint (default ${DEFAULT-VALUE})")
  int apiRequests;
  @Option(names = "--launch-tokens", defaultValue = "100000",
      description = "apps core --launch_tokens (Marathon default 100; default here ${DEFAULT-VALUE})")
  int launchTokens;
  @Option(names = "--launch-token-refresh-ms", defaultValue = "1000",
      description = "apps core --launch_token_refresh_interval (Marathon default 30000; default here ${DEFAULT-VALUE})")
  long launchTokenRefreshMs;
  @Option(names = "--max-instances-per-offer", defaultValue = "5",
      description = "apps core --max_instances_per_offer (Marathon default 5; default ${DEFAULT-VALUE})")
  int maxInstancesPerOffer;
  @Option(names = "--decline-offer-ms", defaultValue = "120000",
      description = "apps --decline_offer_duration (Marathon default 120000; default ${DEFAULT-VALUE})")
  long declineOfferMs;
  @Option(names = "--apps-jvm-opts", defaultValue = "-Xmx2g -XX:+UseG1GC",
      description = "the apps leader JVM's options (default ${DEFAULT-VALUE})")
  String appsJvmOpts;
  @Option(names = "--timeout-s", defaultValue = "600",
      description = "any other deployment (warm-up, waves) fails the run after this long (default ${DEFAULT-VALUE})")
  long timeoutS;
  @Option(names = "--out", defaultValue = "docs/benchmarks.md",
      description = "document whose scale-bench section is rewritten (default ${DEFAULT-VALUE}); '-' for none")
  String out;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override public Integer call() throws Exception {
    if (quick) {
      agents = 100;
      apps = 100;
      warmupApps = Math.min(warmupApps, 10);
      apiRequests = 100;
      apiWarmup = Math.min(apiWarmup, 20);
    }
    ScaleBench.Settings settings;
    try {
      settings = new ScaleBench.Settings(agents, apps, instancesPerApp, agentResources, appCpus, appMemMb, warmupApps,
          waveApps, apiWarmup, apiRequests, new AppsLeaderMain.CoreSettings(launchTokens, launchTokenRefreshMs,
          maxInstancesPerOffer, declineOfferMs), Arrays.asList(appsJvmOpts.trim().split("\\s+")),
          burstTimeoutS * 1000, timeoutS * 1000);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    ScaleBench.Result result = new ScaleBench(settings, System.out).run();
    String javaOpts = System.getenv("BENCH_JAVA_OPTS");
    String command = ((javaOpts == null || javaOpts.isBlank() ? "" : "BENCH_JAVA_OPTS='" + javaOpts.trim() + "' ")
        + "drover-bench/run-scale-bench " + String.join(" ",
        spec.commandLine().getParseResult().originalArgs().stream().skip(1).toList())).trim();
    String md = ScaleBenchReport.markdown(result, Machine.current(),
        ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")), command);
    System.out.println();
    System.out.print(md);
    if (!out.equals("-")) {
      Path path = Path.of(out);
      MarkedSection.rewrite(path, MarkedSection.SCALE_START, MarkedSection.SCALE_END, md);
      System.out.println("wrote " + path.toAbsolutePath());
    }
    return 0;
  }
}
