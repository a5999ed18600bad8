package io.drover.scheduler.client;

import io.drover.common.random.Rng;
import io.drover.common.time.Clock;
import io.drover.master.api.v1.FrameworkInfo;
import io.drover.master.ha.ZkClients;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Configures a {@link SchedulerClient}; {@link #master}, {@link #frameworkInfo} and {@link #scheduler} are required. */
public final class SchedulerClientBuilder {
  private String master;
  private FrameworkInfo frameworkInfo;
  private Scheduler scheduler;
  private Clock clock = Clock.system();
  private Rng rng;
  private Backoff backoff = Backoff.DEFAULT;
  private boolean autoAcknowledge = true;
  private int heartbeatMisses = 5;
  private List<String> suppressedRoles = List.of();
  private Duration connectTimeout = Duration.ofSeconds(5);
  private Duration requestTimeout = Duration.ofSeconds(30);
  private Duration zkSessionTimeout = ZkClients.DEFAULT_SESSION_TIMEOUT;
  private int maxRecordBytes = 16 * 1024 * 1024;
  private int eventQueueCapacity = 1024;
  private int maxCallsInFlight = 1024;
  private int maxCallsQueued = 65_536;

  SchedulerClientBuilder() {}

  /**
   * The master: {@code zk://host:port[,host:port…]/path} to detect the leader through ZooKeeper (e.g.
   * {@code zk://127.0.0.1:2181/drover/master}), or {@code http://host:port} of any master (non-leaders redirect).
   */
  public SchedulerClientBuilder master(String master) {
    this.master = Objects.requireNonNull(master, "master");
    return this;
  }

  /**
   * The framework to subscribe. If {@code id} is set (a restarted framework that stored its id), the first SUBSCRIBE
   * is already a resubscription; otherwise the id from SUBSCRIBED is used for every later one.
   */
  public SchedulerClientBuilder frameworkInfo(FrameworkInfo frameworkInfo) {
    this.frameworkInfo = Objects.requireNonNull(frameworkInfo, "frameworkInfo");
    return this;
  }

  public SchedulerClientBuilder scheduler(Scheduler scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    return this;
  }

  /** Monotonic time for the heartbeat watchdog. Default: the system clock. */
  public SchedulerClientBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Jitter for the reconnect backoff; used only by the client's dispatcher thread. Default: seeded from entropy. */
  public SchedulerClientBuilder rng(Rng rng) {
    this.rng = Objects.requireNonNull(rng, "rng");
    return this;
  }

  /** Reconnect backoff. Default {@link Backoff#DEFAULT} (1 s doubling to 15 s, jittered). */
  public SchedulerClientBuilder backoff(Backoff backoff) {
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    return this;
  }

  /**
   * Whether UPDATEs carrying a {@code uuid} are acknowledged once {@link Scheduler#update} returns normally. Default
   * true. Turn it off if the scheduler must persist an update before acknowledging it, and ack it itself.
   */
  public SchedulerClientBuilder autoAcknowledge(boolean autoAcknowledge) {
    this.autoAcknowledge = autoAcknowledge;
    return this;
  }

  /**
   * After this many heartbeat intervals ({@code heartbeat_interval_seconds} from SUBSCRIBED) without any data the
   * master is presumed gone and the client reconnects. Default 5, as the Mesos scheduler guide advises.
   */
  public SchedulerClientBuilder heartbeatMisses(int heartbeatMisses) {
    if (heartbeatMisses < 1) throw new IllegalArgumentException("heartbeatMisses must be >= 1: " + heartbeatMisses);
    this.heartbeatMisses = heartbeatMisses;
    return this;
  }

  /** Roles sent as {@code subscribe.suppressed_roles} on every SUBSCRIBE. Default none. */
  public SchedulerClientBuilder suppressedRoles(List<String> suppressedRoles) {
    this.suppressedRoles = List.copyOf(suppressedRoles);
    return this;
  }

  public SchedulerClientBuilder connectTimeout(Duration connectTimeout) {
    this.connectTimeout = positive(connectTimeout, "connectTimeout");
    return this;
  }

  /** How long a call, or SUBSCRIBE until its response headers and SUBSCRIBED event, may take. Default 30 s. */
  public SchedulerClientBuilder requestTimeout(Duration requestTimeout) {
    this.requestTimeout = positive(requestTimeout, "requestTimeout");
    return this;
  }

  public SchedulerClientBuilder zkSessionTimeout(Duration zkSessionTimeout) {
    this.zkSessionTimeout = positive(zkSessionTimeout, "zkSessionTimeout");
    return this;
  }

  /** Largest event accepted (a bigger one ends the stream as malformed). Default 16 MiB. */
  public SchedulerClientBuilder maxRecordBytes(int maxRecordBytes) {
    if (maxRecordBytes < 1) throw new IllegalArgumentException("maxRecordBytes must be >= 1: " + maxRecordBytes);
    this.maxRecordBytes = maxRecordBytes;
    return this;
  }

  /** Events read ahead of the scheduler's callbacks; when full, reading pauses. Default 1024. */
  public SchedulerClientBuilder eventQueueCapacity(int eventQueueCapacity) {
    if (eventQueueCapacity < 1) throw new IllegalArgumentException("eventQueueCapacity must be >= 1");
    this.eventQueueCapacity = eventQueueCapacity;
    return this;
  }

  /** Calls awaiting the master's answer; beyond it calls wait ({@link #maxCallsQueued}). Default 1024. */
  public SchedulerClientBuilder maxCallsInFlight(int maxCallsInFlight) {
    if (maxCallsInFlight < 1) throw new IllegalArgumentException("maxCallsInFlight must be >= 1");
    this.maxCallsInFlight = maxCallsInFlight;
    return this;
  }

  /**
   * Calls waiting, in order, for one in flight to complete; beyond it calls fail at once with {@code TooManyCalls}.
   * Default 65,536.
   */
  public SchedulerClientBuilder maxCallsQueued(int maxCallsQueued) {
    if (maxCallsQueued < 0) throw new IllegalArgumentException("maxCallsQueued must be >= 0");
    this.maxCallsQueued = maxCallsQueued;
    return this;
  }

  /**
   * A client, not yet started: call {@link SchedulerClient#start()}.
   *
   * @throws IllegalStateException if a required setting is missing
   * @throws IllegalArgumentException if the master is neither a {@code zk://} nor an {@code http://} URL
   */
  public SchedulerClient build() {
    if (master == null) throw new IllegalStateException("master is required (zk://host:port/path or http://host:port)");
    if (frameworkInfo == null) throw new IllegalStateException("frameworkInfo is required");
    if (frameworkInfo.name() == null || frameworkInfo.user() == null) {
      throw new IllegalStateException("frameworkInfo needs a name and a user (Mesos requires both)");
    }
    if (scheduler == null) throw new IllegalStateException("scheduler is required");
    return new SchedulerClient(new ClientSettings(master, frameworkInfo, scheduler, clock,
        rng != null ? rng : Rng.fromEntropy(), backoff, autoAcknowledge, heartbeatMisses, suppressedRoles,
        connectTimeout, requestTimeout, zkSessionTimeout, maxRecordBytes, eventQueueCapacity, maxCallsInFlight,
        maxCallsQueued, 5,
        64 * 1024));
  }

  private static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be > 0: " + d);
    return d;
  }
}
