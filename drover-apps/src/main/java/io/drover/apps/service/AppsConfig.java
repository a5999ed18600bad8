package io.drover.apps.service;

import io.drover.apps.store.StoreLimits;
import io.drover.master.ha.ZkUrl;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Settings of one {@code drover apps} process; defaults are Marathon 1.10's flag defaults.
 *
 * @param zk {@code --zk}: state ({@code <path>/state}) and election ({@code <path>/leader-curator}), e.g.
 *     {@code zk://h:2181/drover/apps}
 * @param master {@code --master}: {@code zk://…/drover/master} (leader detection) or {@code http://host:port}
 * @param port {@code --http_port} (8080); 0 picks an ephemeral port (tests)
 * @param hostname {@code --hostname}: advertised in the election ({@code host:port}), FrameworkInfo and
 *     {@code webui_url}; default this machine's host name
 * @param bindAddress where the HTTP server listens ({@code --http_address}); default all interfaces
 * @param frameworkName {@code --framework_name} ({@code marathon})
 * @param mesosUser {@code --mesos_user}: FrameworkInfo.user; default the user running the process
 * @param role {@code --mesos_role} ({@code *}); the framework subscribes with {@code roles: [role]} (MULTI_ROLE)
 * @param failoverTimeout {@code --failover_timeout} (604800 s = 1 week): how long the master keeps the framework's
 *     tasks after the scheduler disconnects
 * @param zkSessionTimeout {@code --zk_session_timeout} (10 s)
 * @param declineOfferDuration {@code --decline_offer_duration} (120 s): the refuse filter on declined offers
 * @param storeLimits state store bounds ({@code --zk_max_node_size}, compression, {@code --zk_max_versions} 50)
 * @param exitAction how the process ends when it gives up leadership (abdication, lost ZooKeeper session): Marathon
 *     exits and relies on its supervisor. Gets the exit status (0 after {@code DELETE /v2/leader}, 1 otherwise).
 *     Called once, on the service's own thread, after the scheduler client stopped. Default: {@code System.exit} on
 *     a new thread (so shutdown hooks that close the service cannot deadlock with it); tests record the call.
 * @param routes installers run once before the HTTP server starts: the seam for the {@code /v2/apps|groups|…} API
 * @param schedulerListeners makes the {@link SchedulerListener} of each leadership term (the scheduling core); called
 *     when elected, before subscribing. Default: {@link DecliningSchedulerListener}
 */
public record AppsConfig(ZkUrl zk, String master, int port, String hostname, String bindAddress,
    String frameworkName, String mesosUser, String role, Duration failoverTimeout, Duration zkSessionTimeout,
    Duration declineOfferDuration, StoreLimits storeLimits, IntConsumer exitAction, List<RouteInstaller> routes,
    Function<AppsRuntime, SchedulerListener> schedulerListeners) {

  /** Marathon's {@code --failover_timeout} default: one week. */
  public static final Duration DEFAULT_FAILOVER_TIMEOUT = Duration.ofSeconds(604_800);
  public static final String DEFAULT_FRAMEWORK_NAME = "marathon";

  public AppsConfig {
    Objects.requireNonNull(zk, "zk");
    Objects.requireNonNull(master, "master");
    if (!master.startsWith("zk://") && !master.startsWith("http://") && !master.startsWith("https://")) {
      throw new IllegalArgumentException("--master must be zk://host:port/path or http://host:port, got '" + master
          + "'");
    }
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
    notBlank(hostname, "hostname");
    notBlank(bindAddress, "bind address");
    notBlank(frameworkName, "framework name");
    notBlank(mesosUser, "mesos user");
    notBlank(role, "role");
    positive(failoverTimeout, "failover timeout");
    positive(zkSessionTimeout, "ZooKeeper session timeout");
    positive(declineOfferDuration, "decline offer duration");
    Objects.requireNonNull(storeLimits, "storeLimits");
    Objects.requireNonNull(exitAction, "exitAction");
    routes = List.copyOf(routes);
    Objects.requireNonNull(schedulerListeners, "schedulerListeners");
  }

  /** Registers HTTP routes of a module (the REST API) on the service's server. */
  @FunctionalInterface
  public interface RouteInstaller {
    /**
     * Called once before the server starts. The leader proxy is installed already: handlers run only on the leader
     * (standbys forward). {@code runtime} is usable from request handlers.
     */
    void install(io.javalin.Javalin app, AppsRuntime runtime);
  }

  public static Builder builder(ZkUrl zk, String master) { return new Builder(zk, master); }

  private static void notBlank(String s, String what) {
    Objects.requireNonNull(s, what);
    if (s.isBlank()) throw new IllegalArgumentException(what + " must not be empty");
  }

  private static void positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(what + " must be positive, got " + d);
  }

  /** The process exits on a fresh thread, so the caller (a leadership callback) is never blocked by the hooks. */
  static void exitProcess(int status) {
    Thread.ofPlatform().name("apps-exit").start(() -> System.exit(status));
  }

  public static final class Builder {
    private final ZkUrl zk;
    private final String master;
    private int port = 8080;
    private String hostname;
    private String bindAddress = "0.0.0.0";
    private String frameworkName = DEFAULT_FRAMEWORK_NAME;
    private String mesosUser = System.getProperty("user.name", "root");
    private String role = "*";
    private Duration failoverTimeout = DEFAULT_FAILOVER_TIMEOUT;
    private Duration zkSessionTimeout = Duration.ofSeconds(10);
    private Duration declineOfferDuration = Duration.ofSeconds(120);
    private StoreLimits storeLimits = StoreLimits.DEFAULTS;
    private IntConsumer exitAction = AppsConfig::exitProcess;
    private final List<RouteInstaller> routes = new ArrayList<>();
    private Function<AppsRuntime, SchedulerListener> schedulerListeners = rt -> new DecliningSchedulerListener(
        rt.config().declineOfferDuration());

    private Builder(ZkUrl zk, String master) {
      this.zk = zk;
      this.master = master;
    }

    public Builder port(int v) { port = v; return this; }

    public Builder hostname(String v) { hostname = v; return this; }

    public Builder bindAddress(String v) { bindAddress = v; return this; }

    public Builder frameworkName(String v) { frameworkName = v; return this; }

    public Builder mesosUser(String v) { mesosUser = v; return this; }

    public Builder role(String v) { role = v; return this; }

    public Builder failoverTimeout(Duration v) { failoverTimeout = v; return this; }

    public Builder zkSessionTimeout(Duration v) { zkSessionTimeout = v; return this; }

    public Builder declineOfferDuration(Duration v) { declineOfferDuration = v; return this; }

    public Builder storeLimits(StoreLimits v) { storeLimits = v; return this; }

    public Builder exitAction(IntConsumer v) { exitAction = v; return this; }

    /** Adds a route installer (called in the order added). */
    public Builder routes(RouteInstaller v) { routes.add(Objects.requireNonNull(v, "routes")); return this; }

    public Builder schedulerListeners(Function<AppsRuntime, SchedulerListener> v) {
      schedulerListeners = v;
      return this;
    }

    /** @throws IllegalArgumentException with a one-line message if a setting is bad */
    public AppsConfig build() {
      String host = hostname != null ? hostname : localHostName();
      return new AppsConfig(zk, master, port, host, bindAddress, frameworkName, mesosUser, role, failoverTimeout,
          zkSessionTimeout, declineOfferDuration, storeLimits, exitAction, routes, schedulerListeners);
    }

    private static String localHostName() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("cannot determine this machine's host name (" + e.getMessage()
            + "); pass --hostname");
      }
    }
  }
}
