package io.drover.apps.service;

import io.drover.apps.api.events.EventBus;
import io.drover.apps.api.events.EventStreamHandler;
import io.drover.apps.ha.LeaderElection;
import io.drover.apps.ha.LeaderElection.DeposedReason;
import io.drover.apps.ha.LeaderProxy;
import io.drover.apps.ha.Leadership;
import io.drover.apps.store.StoreException;
import io.drover.apps.store.ZkValueStore;
import io.drover.common.json.Json;
import io.drover.common.time.Clock;
import io.drover.master.api.v1.FrameworkID;
import io.drover.master.ha.ZkClients;
import io.drover.scheduler.client.SchedulerClient;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code drover apps} process (Marathon's HA service): a Curator client, the leader election, the state store,
 * the event bus and the HTTP server with the leader proxy and the process endpoints ({@code /ping}, {@code /v2/info},
 * {@code /v2/leader}, {@code /metrics}, {@code /v2/events}), plus whatever {@link AppsConfig#routes()} add.
 *
 * <p><b>Leadership.</b> Instances elect a leader under {@code <zk path>/leader-curator} with their {@code host:port}
 * as latch id. A standby answers every request by forwarding it to the leader ({@code /v2/events}: 302). When
 * elected, the instance loads the framework id from the store and starts a {@link SchedulerClient} subscribed as the
 * framework ({@link LeaderTerm}); its events go to a fresh {@link SchedulerListener} of the term. Leadership ends
 * for good (Marathon: "abdicate by exiting"): on {@code DELETE /v2/leader}, a lost ZooKeeper session, a lost latch
 * or a fatal term error, the scheduler client is closed — the framework is <em>not</em> torn down, so the next
 * leader fails it over with the same id — and then {@link AppsConfig#exitAction()} runs once.
 *
 * <p>Leadership changes are handled in order on one platform thread ({@code apps-leadership}), never on Curator's.
 */
public final class AppsService implements AppsRuntime, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AppsService.class);

  private final AppsConfig config;
  private final Clock clock = Clock.system();
  private final long startedMonoMs = clock.monoMillis();
  private final CompletableFuture<Exception> terminated = new CompletableFuture<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ExecutorService leadershipThread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "apps-leadership");
    t.setDaemon(true);
    return t;
  });
  private final EventBus bus = new EventBus();
  private final AppsMetrics metrics;
  private CuratorFramework curator;
  private AppsStore store;
  private Javalin http;
  private volatile LeaderElection election;
  private volatile LeaderProxy proxy;
  private volatile LeaderTerm term; // written on the leadership thread only
  private volatile String fatalCause; // why a term gave up leadership, if it did

  private AppsService(AppsConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.metrics = new AppsMetrics(this::isLeader, bus::subscriberCount, () -> clock.monoMillis() - startedMonoMs);
  }

  /**
   * Starts everything and joins the election; answers once the HTTP server listens (leadership may come later).
   *
   * @throws IOException if ZooKeeper cannot be reached within the session timeout (nothing is left running)
   */
  public static AppsService start(AppsConfig config) throws Exception {
    AppsService s = new AppsService(config);
    try {
      s.doStart();
      return s;
    } catch (Exception | Error e) {
      s.close();
      throw e;
    }
  }

  private void doStart() throws Exception {
    curator = ZkClients.newClient(config.zk(), config.zkSessionTimeout());
    curator.start();
    long waitMs = Math.max(config.zkSessionTimeout().toMillis(), 5_000);
    if (!curator.blockUntilConnected(Math.toIntExact(waitMs), TimeUnit.MILLISECONDS)) {
      throw new IOException("cannot connect to ZooKeeper at " + config.zk() + " within " + waitMs + " ms");
    }
    ZkValueStore values = new ZkValueStore(curator, () -> {
      LeaderElection e = election;
      return e == null ? Optional.empty() : e.fencingNode();
    }, config.storeLimits());
    store = AppsStore.open(values, config.zk().path());

    http = Javalin.create(c -> {
      c.useVirtualThreads = true;
      c.showJavalinBanner = false;
      c.startupWatcherEnabled = false;
      c.http.disableCompression(); // compression would buffer the event stream
      c.jetty.addConnector((server, httpConfig) -> {
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
        connector.setHost(config.bindAddress());
        connector.setPort(config.port());
        return connector;
      });
    });
    // The proxy needs our host:port, known only once the server listens: until then requests get 503.
    http.before(this::proxyBefore);
    http.after(ctx -> {
      LeaderProxy p = proxy;
      if (p != null) p.after(ctx);
    });
    new SystemRoutes(this).install(http);
    new EventStreamHandler(bus, clock, EventStreamHandler.Config.defaults()).install(http);
    for (AppsConfig.RouteInstaller r : config.routes()) r.install(http, this);
    http.start();

    String hostPort = config.hostname() + ":" + http.port();
    LeaderElection e = new LeaderElection(curator, config.zk().path(), hostPort, config.zkSessionTimeout(),
        this::onLeadershipGivenUp);
    e.addListener(new LeaderElection.Listener() {
      @Override public void elected() { leadershipThread.execute(AppsService.this::onElected); }

      @Override public void deposed(DeposedReason reason) {
        leadershipThread.execute(() -> onDeposed(reason));
      }
    });
    election = e;
    proxy = new LeaderProxy(e, LeaderProxy.Config.defaults(hostPort));
    e.start();
    log.info("apps {} listening on {}:{}, electing under {}{}", hostPort, config.bindAddress(), http.port(),
        config.zk().path(), "/" + LeaderElection.LATCH_NODE);
  }

  private void proxyBefore(Context ctx) throws InterruptedException {
    LeaderProxy p = proxy;
    if (p != null) {
      p.before(ctx);
      return;
    }
    ctx.skipRemainingHandlers();
    ctx.status(503).contentType(SystemRoutes.JSON_TYPE)
        .result(Json.camelCase().createObjectNode().put("message", "Starting up").toString());
  }

  private void onElected() {
    if (closed.get() || !isLeader()) return;
    Optional<FrameworkID> stored;
    try {
      stored = store.frameworkId().get();
    } catch (StoreException e) {
      log.error("cannot load the framework id; giving up leadership", e);
      giveUp("cannot load the framework id");
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    log.info("elected: subscribing framework '{}' {} to {}", config.frameworkName(),
        stored.map(id -> "with id " + id.value()).orElse("(new)"), config.master());
    SchedulerListener listener = config.schedulerListeners().apply(this);
    LeaderTerm t = new LeaderTerm(this, listener, stored, this::giveUp);
    term = t;
    t.start();
  }

  private void onDeposed(DeposedReason reason) {
    LeaderTerm t = term;
    term = null;
    if (t != null) t.stop();
    log.warn("no longer leading ({}); scheduler client stopped, framework left registered", reason);
  }

  /** Called by the election once leadership is given up for good (not on close): exit after the term stopped. */
  private void onLeadershipGivenUp(DeposedReason reason) {
    if (closed.get()) return; // shutting down anyway: no exit
    leadershipThread.execute(() -> {
      String cause = fatalCause;
      int status = reason == DeposedReason.ABDICATED && cause == null ? 0 : 1;
      String why = cause != null ? cause : reason.toString();
      terminated.complete(new IllegalStateException("leadership given up: " + why));
      log.warn("leadership given up ({}): exiting with status {}", why, status);
      config.exitAction().accept(status);
    });
  }

  /** A term cannot go on: abdicate (exit status 1). */
  private void giveUp(String cause) {
    fatalCause = cause;
    LeaderElection e = election;
    if (e != null) e.abdicate();
  }

  /** {@code DELETE /v2/leader}: gives up leadership; the exit action follows. False if not leading. */
  boolean abdicate() {
    LeaderElection e = election;
    return e != null && e.abdicate();
  }

  /** The HTTP port (the real one when configured as 0). */
  public int port() { return http.port(); }

  /** This instance's {@code host:port}: its latch id and proxy target. */
  public String hostPort() { return config.hostname() + ":" + port(); }

  public boolean isLeader() {
    LeaderElection e = election;
    return e != null && e.isLeader();
  }

  /**
   * Waits until the service stops: null after {@link #close()}, or an exception saying why leadership was given
   * up (the exit action has been called then).
   */
  public Exception awaitTermination() throws InterruptedException {
    try {
      return terminated.get();
    } catch (ExecutionException e) {
      return e;
    }
  }

  @Override public AppsConfig config() { return config; }

  @Override public EventBus eventBus() { return bus; }

  @Override public AppsStore store() { return store; }

  @Override public Leadership leadership() {
    LeaderElection e = election;
    return e != null ? e : new Leadership() {
      @Override public boolean isLeader() { return false; }

      @Override public Optional<String> leaderHostPort() { return Optional.empty(); }
    };
  }

  @Override public Optional<SchedulerClient> schedulerClient() {
    return Optional.ofNullable(term).map(LeaderTerm::client);
  }

  @Override public Optional<AppsBackend> backend() {
    return Optional.ofNullable(term).map(LeaderTerm::listener).filter(AppsBackend.class::isInstance)
        .map(AppsBackend.class::cast);
  }

  @Override public void abdicate(String cause) {
    if (isLeader()) giveUp(cause);
  }

  @Override public MeterRegistry meterRegistry() { return metrics.registry(); }

  @Override public Clock clock() { return clock; }

  AppsMetrics metrics() { return metrics; }

  /** The master's web UI while subscribed ({@code http://host:port/}), for {@code mesos_leader_ui_url}. */
  Optional<String> mesosLeaderUiUrl() {
    return schedulerClient().flatMap(SchedulerClient::masterEndpoint)
        .map(u -> u.getScheme() + "://" + u.getRawAuthority() + "/");
  }

  /**
   * Frees everything: leaves the election (a leader stops its scheduler client without tearing the framework down;
   * the exit action does not run), ends event streams, stops the HTTP server, closes the Curator client.
   * Idempotent.
   */
  @Override public void close() throws InterruptedException {
    if (!closed.compareAndSet(false, true)) return;
    LeaderElection e = election;
    if (e != null) e.close();
    leadershipThread.shutdown(); // runs the queued onDeposed, which stops the term
    if (!leadershipThread.awaitTermination(15, TimeUnit.SECONDS)) {
      log.warn("leadership thread did not finish; stopping the scheduler client directly");
      LeaderTerm t = term;
      if (t != null) t.stop();
    }
    bus.close(); // ends /v2/events streams so the server can stop
    if (http != null) http.stop();
    LeaderProxy p = proxy;
    if (p != null) p.close();
    metrics.close();
    if (curator != null) curator.close();
    terminated.complete(null);
  }
}
