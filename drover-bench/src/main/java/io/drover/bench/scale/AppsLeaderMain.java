package io.drover.bench.scale;

import io.drover.apps.core.CoreConfig;
import io.drover.apps.placement.MatcherConfig;
import io.drover.apps.service.AppsConfig;
import io.drover.apps.service.AppsFramework;
import io.drover.apps.service.AppsService;
import io.drover.master.ha.ZkUrl;
import java.io.IOException;
import java.time.Duration;

/**
 * The apps leader of the scale bench, in its own JVM so that its heap is its own: exactly what {@code drover apps}
 * runs ({@link AppsService} with {@link AppsFramework#configure(AppsConfig.Builder, CoreConfig)}), except that the
 * core settings Marathon exposes as flags ({@code --launch_tokens}, {@code --launch_token_refresh_interval},
 * {@code --max_instances_per_offer}, {@code --decline_offer_duration}) come from the arguments, because
 * {@code drover apps} has no such flags yet. Prints {@code apps-leader port=<port>} once serving, and stops when its
 * standard input ends (the bench closes it, or died).
 *
 * <p>Arguments: {@code <zk> <master> <launchTokens> <launchTokenRefreshMs> <maxInstancesPerOffer> <declineOfferMs>}.
 */
public final class AppsLeaderMain {
  private AppsLeaderMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 6) {
      System.err.println("usage: AppsLeaderMain <zk> <master> <launchTokens> <launchTokenRefreshMs> "
          + "<maxInstancesPerOffer> <declineOfferMs>");
      System.exit(64);
    }
    CoreSettings s = new CoreSettings(Integer.parseInt(args[2]), Long.parseLong(args[3]), Integer.parseInt(args[4]),
        Long.parseLong(args[5]));
    AppsConfig config = AppsFramework.configure(AppsConfig.builder(ZkUrl.parse(args[0]), args[1]), s.coreConfig())
        .port(0).bindAddress("127.0.0.1").hostname("127.0.0.1")
        .declineOfferDuration(Duration.ofMillis(s.declineOfferMs())).exitAction(System::exit).build();
    try (AppsService apps = AppsService.start(config)) {
      System.out.println("apps-leader port=" + apps.port());
      System.out.flush();
      try {
        while (System.in.read() >= 0) {
          // nothing to read: the bench only ever closes our standard input
        }
      } catch (IOException e) {
        System.err.println("apps-leader: standard input failed (" + e + "); stopping");
      }
    }
    System.exit(0);
  }

  /**
   * The apps core settings the bench varies, with Marathon's flag defaults in {@link #MARATHON_DEFAULTS}.
   *
   * @param launchTokens {@code --launch_tokens}
   * @param launchTokenRefreshMs {@code --launch_token_refresh_interval}
   * @param maxInstancesPerOffer {@code --max_instances_per_offer}
   * @param declineOfferMs {@code --decline_offer_duration}
   */
  public record CoreSettings(int launchTokens, long launchTokenRefreshMs, int maxInstancesPerOffer,
      long declineOfferMs) {
    public static final CoreSettings MARATHON_DEFAULTS = fromCore(CoreConfig.defaults());

    public CoreSettings {
      if (launchTokens < 1) throw new IllegalArgumentException("--launch-tokens must be at least 1");
      if (launchTokenRefreshMs < 1) throw new IllegalArgumentException("--launch-token-refresh-ms must be positive");
      if (maxInstancesPerOffer < 1) throw new IllegalArgumentException("--max-instances-per-offer must be at least 1");
      if (declineOfferMs < 1) throw new IllegalArgumentException("--decline-offer-ms must be positive");
    }

    static CoreSettings fromCore(CoreConfig c) {
      return new CoreSettings(c.launchTokens(), c.launchTokenRefreshIntervalMs(), c.matcher().maxInstancesPerOffer(),
          c.declineOfferDurationMs());
    }

    /** Marathon's defaults ({@link CoreConfig#defaults()}) with these four settings replaced. */
    public CoreConfig coreConfig() {
      CoreConfig d = CoreConfig.defaults();
      MatcherConfig m = d.matcher();
      return new CoreConfig(declineOfferMs, d.reconciliationIntervalMs(), d.scaleAppsIntervalMs(), launchTokens,
          launchTokenRefreshMs, d.taskLaunchTimeoutMs(), new MatcherConfig(maxInstancesPerOffer, m.gpuRestricted(),
          m.maintenanceMode(), m.drainingMs(), m.localRegion()), d.maxRunningDeployments());
    }

    /** The launch rate the token bucket allows at most, instances per second. */
    public double maxLaunchesPerSecond() { return launchTokens * 1000.0 / launchTokenRefreshMs; }

    /** The argument list {@link AppsLeaderMain#main} reads after {@code <zk> <master>}. */
    java.util.List<String> args() {
      return java.util.List.of(Integer.toString(launchTokens), Long.toString(launchTokenRefreshMs),
          Integer.toString(maxInstancesPerOffer), Long.toString(declineOfferMs));
    }
  }
}
