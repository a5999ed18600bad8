package io.drover.scheduler.client;

import io.drover.master.api.v1.MasterInfo;
import java.net.URI;
import java.util.Optional;

/**
 * Where to send SUBSCRIBE: a fixed master URL (non-leaders redirect with 307) or the leader detected through
 * ZooKeeper. Consulted again before every (re)subscription.
 */
sealed interface MasterLocator extends AutoCloseable permits FixedMasterLocator, ZkMasterLocator {
  /** The scheduler endpoint path on a Mesos-compatible master. */
  String SCHEDULER_PATH = "/api/v1/scheduler";

  /**
   * The scheduler endpoint of the current leader, waiting up to {@code timeoutMs} for one to be known; empty if
   * none is known by then or the locator was closed.
   */
  Optional<URI> awaitLeader(long timeoutMs) throws InterruptedException;

  /**
   * Registers the one listener told (on some detector thread) when the leader's endpoint changes; the argument is
   * the new endpoint, empty when no leader is known.
   */
  void onLeaderChange(java.util.function.Consumer<Optional<URI>> listener);

  @Override void close();

  /** {@code http://<ip>:<port>/api/v1/scheduler} for a published MasterInfo (Mesos uses the address' ip too). */
  static URI endpointOf(MasterInfo info) {
    String ip = info.address() != null && info.address().ip() != null ? info.address().ip()
        : MasterInfo.unpackIp(info.ip());
    int port = info.address() != null && info.address().port() > 0 ? info.address().port() : info.port();
    String host = ip.contains(":") ? "[" + ip + "]" : ip;
    return URI.create("http://" + host + ":" + port + SCHEDULER_PATH);
  }

  /**
   * Parses the master setting: {@code zk://host:port[,host:port…]/path} or {@code http(s)://host:port[/path]} (path
   * defaults to {@link #SCHEDULER_PATH}).
   *
   * @throws IllegalArgumentException saying what form is expected
   */
  static MasterLocator parse(String master, java.time.Duration zkSessionTimeout) {
    String m = master.trim();
    if (m.startsWith(io.drover.master.ha.ZkUrl.SCHEME)) {
      return new ZkMasterLocator(io.drover.master.ha.ZkUrl.parse(m), zkSessionTimeout);
    }
    if (m.startsWith("http://") || m.startsWith("https://")) {
      URI uri;
      try {
        uri = URI.create(m);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("master URL is not a valid URI: " + master, e);
      }
      if (uri.getHost() == null) throw new IllegalArgumentException("master URL has no host: " + master);
      String path = uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/") ? SCHEDULER_PATH
          : uri.getPath();
      return new FixedMasterLocator(uri.resolve(path));
    }
    throw new IllegalArgumentException("master must be zk://host:port[,host:port...]/path (e.g. "
        + "zk://127.0.0.1:2181/drover/master) or http://host:port (e.g. http://127.0.0.1:5050): " + master);
  }
}
