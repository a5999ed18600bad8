package io.drover.master.server;

import io.drover.common.time.Clock;
import io.drover.master.api.operator.MasterIdentity;
import io.drover.master.api.v1.MasterInfo;
import io.drover.master.cluster.ClusterCore;
import io.drover.master.ha.LeadershipGuard;
import io.drover.master.ha.MasterContender;
import io.drover.master.ha.MasterDetector;
import io.drover.master.ha.MasterInfos;
import io.drover.master.ha.ZkClients;
import io.drover.master.registry.RegistryStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code drover master} process: HTTP APIs (Javalin on virtual threads), the event loop that owns the cluster
 * core, and the ZooKeeper election (contender + detector + leadership guard) with the registry.
 *
 * <p>Lifecycle: {@link #start} binds the port, joins the election and returns; the master redirects until elected,
 * then recovers the registry (503 meanwhile) and serves. It ends when {@link #close()}d, when it loses leadership
 * (ZooKeeper session lost while leading) or when a registry write fails: the last two call the configured exit action
 * with a non-zero status and make {@link #awaitTermination()} return the cause.
 */
public final class Master implements AutoCloseable {
  /** The largest request body accepted (64 MiB: a RECONCILE of some 500,000 tasks). */
  static final long MAX_REQUEST_BYTES = 64L << 20;

  private static final int ACCEPT_QUEUE = 4096;
  private static final Logger log = LoggerFactory.getLogger(Master.class);
  /** The Mesos version whose APIs Drover speaks; reported as MasterInfo.version. */
  public static final String VERSION = "1.11.0";

  private final MasterConfig config;
  private final String id;
  private final long startTimeMs = System.currentTimeMillis();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private volatile Exception failure;
  private volatile boolean closed;
  private CuratorFramework client;
  private Javalin http;
  private MasterLoop loop;
  private MasterMetrics metrics;
  private MasterDetector detector;
  private MasterContender contender;
  private LeadershipGuard guard;
  private Leadership leadership;
  private MasterInfo info;

  private Master(MasterConfig config) {
    this.config = config;
    this.id = UUID.randomUUID().toString();
  }

  /**
   * Starts a master.
   *
   * @throws Exception if ZooKeeper cannot be reached within the session timeout, the port cannot be bound, or the
   *     election znode cannot be created (everything started so far is closed again)
   */
  public static Master start(MasterConfig config) throws Exception {
    Master m = new Master(config);
    try {
      m.startAll();
      return m;
    } catch (Exception | Error e) {
      m.close();
      throw e;
    }
  }

  private void startAll() throws Exception {
    client = ZkClients.newClient(config.zk(), config.zkSessionTimeout());
    client.start();
    if (!client.blockUntilConnected((int) config.zkSessionTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("cannot reach ZooKeeper at " + config.zk().connectString() + " within "
          + config.zkSessionTimeout().toSeconds() + " s; is coord running?");
    }
    detector = new MasterDetector(client, config.zk().path());
    leadership = new Leadership(detector, id);
    metrics = new MasterMetrics(() -> leadership.isLeading(), () -> loop == null ? 0 : loop.queued());
    loop = new MasterLoop(config, id, Clock.system(), null, metrics, this::fatal);
    // Streams are quiet between heartbeats/PINGs: keep idle connections well beyond the longest period.
    long idleMs = Math.max(30_000, 3 * Math.max(config.frameworkHeartbeat().toMillis(),
        config.agentPingTimeout().toMillis()));
    http = Javalin.create(c -> {
      c.useVirtualThreads = true;
      c.showJavalinBanner = false;
      c.startupWatcherEnabled = false;
      c.http.prefer405over404 = true;
      c.http.disableCompression();
      // A RECONCILE or ACCEPT naming every task of a large framework passes Javalin's default 1 MB (Mesos sets no
      // limit); still bounded, so a runaway body cannot exhaust the heap.
      c.http.maxRequestSize = MAX_REQUEST_BYTES;
      c.jetty.addConnector((server, httpConfig) -> {
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
        connector.setHost(config.bindAddress());
        connector.setPort(config.port());
        connector.setIdleTimeout(idleMs);
        // After a failover every agent and framework reconnects at once; the JDK's default backlog of 50 drops
        // connections (they then wait a backoff), so queue them instead.
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        return connector;
      });
    });
    routes();
    http.start();
    info = MasterInfos.of(id, config.ip(), http.port(), config.hostname(), VERSION);
    loop.masterInfo(info);
    loop.start();
    detector.start();
    contender = new MasterContender(client, config.zk().path(), info);
    guard = new LeadershipGuard(contender, this::leadershipLost);
    guard.addListener(this::onActingLeaderChange);
    guard.start();
    log.info("master {} listening on {}:{}, contending under {}", id, config.hostname(), http.port(),
        config.zk().path());
  }

  private void routes() {
    SchedulerApi scheduler = new SchedulerApi(loop, config);
    AgentApi agents = new AgentApi(loop, config);
    OperatorRoutes operator = new OperatorRoutes(loop, this::identity, metrics, leadership, config);
    for (String gated : new String[] {"/api/v1", "/api/v1/*", "/master/*"}) {
      http.before(gated, ctx -> {
        if (!ctx.path().equals("/master/health") && !ctx.path().equals("/master/redirect")) leadership.gate(ctx);
      });
    }
    http.post("/api/v1/scheduler", scheduler::handle);
    http.post("/api/v1/agent", agents::handle);
    http.post("/api/v1", operator::operator);
    for (String path : new String[] {"/api/v1/scheduler", "/api/v1/agent", "/api/v1"}) {
      for (HandlerType t : new HandlerType[] {HandlerType.GET, HandlerType.PUT, HandlerType.DELETE,
          HandlerType.PATCH}) {
        http.addHttpHandler(t, path, Master::postOnly);
      }
    }
    http.get("/master/state", operator::state);
    http.get("/master/state-summary", operator::stateSummary);
    http.get("/master/health", operator::health);
    http.get("/master/redirect", operator::redirect);
    http.get("/metrics", operator::metrics);
    http.get("/metrics/snapshot", operator::metricsSnapshot);
    http.exception(UnsupportedOperationException.class, (e, ctx) ->
        Http.text(ctx, 501, "Not available in this build: " + e.getMessage()));
    http.exception(Exception.class, (e, ctx) -> {
      log.error("request {} {} failed", ctx.method(), ctx.path(), e);
      Http.text(ctx, 500, "Internal error: " + e.getMessage());
    });
  }

  private static void postOnly(Context ctx) {
    ctx.header("Allow", "POST");
    Http.text(ctx, 405, "Expecting a 'POST' request, received '" + ctx.method() + "'");
  }

  private MasterIdentity identity() {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("port", Integer.toString(info.port()));
    flags.put("hostname", config.hostname());
    flags.put("zk", "zk://" + config.zk().connectString() + config.zk().path());
    flags.put("agent_ping_timeout", config.agentPingTimeout().toMillis() + "ms");
    flags.put("max_agent_ping_timeouts", Integer.toString(config.maxAgentPingTimeouts()));
    flags.put("allocation_interval", config.allocationInterval().toMillis() + "ms");
    flags.put("agent_reregister_timeout", config.agentReregisterTimeout().toMillis() + "ms");
    flags.put("zk_session_timeout", config.zkSessionTimeout().toMillis() + "ms");
    return new MasterIdentity(info, leadership.leader(), startTimeMs, leadership.electedTimeMs(), VERSION, flags);
  }

  /** Guard listener (guard thread): elected → recover on the loop, then serve; suspended → 503. */
  private void onActingLeaderChange(boolean acting) {
    if (!acting) {
      leadership.phase(Leadership.Phase.SUSPENDED);
      return;
    }
    if (leadership.phase() == Leadership.Phase.SUSPENDED) {
      // Re-confirmed after a suspension: serve again if the registry was recovered, else wait for the recovery.
      leadership.phase(loop.recovered() ? Leadership.Phase.LEADING : Leadership.Phase.RECOVERING);
      return;
    }
    if (leadership.phase() != Leadership.Phase.FOLLOWER) return;
    leadership.phase(Leadership.Phase.RECOVERING);
    String fencing = config.zk().path() + "/" + contender.nodeName().orElseThrow();
    RegistryStore store = new RegistryStore(client, config.zk().path(), fencing);
    loop.call(l -> l.recover(store)).whenComplete((agents, e) -> {
      if (e != null) {
        log.error("registry recovery failed", e);
        return; // the loop reported the fatal error
      }
      log.info("elected leading master {}; recovered {} agents from the registry", id, agents);
      leadership.recovered();
    });
  }

  private void leadershipLost(int status) {
    stop(new IllegalStateException("lost leadership (ZooKeeper session lost while leading)"), status);
  }

  private void fatal(Exception cause) {
    stop(new IllegalStateException("registry failure: " + cause.getMessage(), cause), LeadershipGuard.EXIT_STATUS);
  }

  private void stop(Exception cause, int status) {
    if (closed || terminated.getCount() == 0) return;
    log.error("master {} must stop: {}", id, cause.getMessage());
    failure = cause;
    leadership.phase(Leadership.Phase.STOPPED);
    terminated.countDown();
    config.exitAction().accept(status);
  }

  public int port() { return http.port(); }

  public String id() { return id; }

  public MasterInfo info() { return info; }

  /** Whether this master is the acting, recovered leader. */
  public boolean isLeader() { return leadership != null && leadership.isLeading(); }

  /** Blocks until the master stops; null after {@link #close()}, else why it had to stop. */
  public Exception awaitTermination() throws InterruptedException {
    terminated.await();
    return failure;
  }

  /** Runs {@code read} on the loop thread against the core (read-only use: views, tests). */
  public <T> CompletableFuture<T> readCore(Function<ClusterCore, T> read) {
    return loop.call(l -> read.apply(l.core()));
  }

  /** Stops serving, leaves the election and frees every thread, port and the ZooKeeper session. Idempotent. */
  @Override public void close() {
    if (closed) return;
    closed = true;
    if (leadership != null) leadership.phase(Leadership.Phase.STOPPED);
    quietly("leadership guard", () -> { if (guard != null) guard.close(); });
    quietly("contender", () -> { if (contender != null) contender.close(); });
    quietly("detector", () -> { if (detector != null) detector.close(); });
    quietly("loop", () -> { if (loop != null) loop.close(); });
    quietly("http", () -> { if (http != null) http.stop(); });
    quietly("zookeeper client", () -> { if (client != null) client.close(); });
    quietly("metrics", () -> { if (metrics != null) metrics.close(); });
    terminated.countDown();
  }

  private interface Step { void run() throws Exception; }

  private static void quietly(String what, Step step) {
    try {
      step.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("interrupted while closing {}", what);
    } catch (Exception e) {
      log.warn("error while closing {}", what, e);
    }
  }

  Optional<Leadership.Phase> phase() { return Optional.ofNullable(leadership).map(Leadership::phase); }
}
