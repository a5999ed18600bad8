package io.drover.agent.node;

import io.drover.master.api.v1.MasterInfo;
import io.drover.master.ha.MasterDetector;
import io.drover.master.ha.ZkClients;
import io.drover.master.ha.ZkUrl;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the leading master is, as a base URI ({@code http://host:port}). Either fixed ({@code --master
 * http://host:port}: the link follows the master's 307 redirects from there) or detected through ZooKeeper ({@code
 * --master zk://host:port/drover/master}: the lowest {@code json.info_} znode, read by {@link MasterDetector}).
 *
 * <p>Contract: {@link #leader()} never blocks; {@code onChange} is called (on some detector thread) whenever the
 * detected leader changes, and must return quickly.
 */
public sealed interface MasterLocator extends AutoCloseable {

  /** The leader as currently known; empty while none is detected. */
  Optional<URI> leader();

  /** Starts detection; {@code onChange} hears every later change of {@link #leader()}. */
  void start(Runnable onChange) throws Exception;

  @Override void close();

  /**
   * Parses {@code --master}: {@code zk://…} or {@code http://host:port}.
   *
   * @throws IllegalArgumentException saying what is wrong and what is expected
   */
  static MasterLocator parse(String master) {
    Objects.requireNonNull(master, "master");
    String m = master.trim();
    if (m.startsWith(ZkUrl.SCHEME)) return new Detected(ZkUrl.parse(m));
    if (m.startsWith("http://")) return new Fixed(httpBase(m));
    throw new IllegalArgumentException("--master must be zk://host:port[,host:port...]/path (e.g. "
        + "zk://127.0.0.1:2181/drover/master) or http://host:port, not '" + master + "'");
  }

  /** {@code http://host:port}, any path dropped. */
  private static URI httpBase(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--master is not a valid URL: " + e.getMessage(), e);
    }
    if (uri.getHost() == null || uri.getPort() < 1) {
      throw new IllegalArgumentException("--master http URL needs a host and a port, e.g. http://127.0.0.1:5050: "
          + text);
    }
    return URI.create("http://" + hostForUri(uri.getHost()) + ":" + uri.getPort());
  }

  private static String hostForUri(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** The base URI of the master {@code info} describes: its address ip (or packed ip) and port. */
  static URI baseUri(MasterInfo info) {
    String ip = info.address() != null && info.address().ip() != null ? info.address().ip()
        : MasterInfo.unpackIp(info.ip());
    int port = info.address() != null && info.address().port() > 0 ? info.address().port() : info.port();
    return URI.create("http://" + hostForUri(ip) + ":" + port);
  }

  /** A master at a fixed address; it never changes. */
  record Fixed(URI base) implements MasterLocator {
    public Fixed { Objects.requireNonNull(base, "base"); }

    @Override public Optional<URI> leader() { return Optional.of(base); }

    @Override public void start(Runnable onChange) { }

    @Override public void close() { }
  }

  /** The leader detected through ZooKeeper; owns its Curator client. */
  final class Detected implements MasterLocator {
    private static final Logger log = LoggerFactory.getLogger(Detected.class);

    private final ZkUrl url;
    private CuratorFramework client;
    private MasterDetector detector;

    Detected(ZkUrl url) { this.url = Objects.requireNonNull(url, "url"); }

    public ZkUrl url() { return url; }

    @Override public synchronized Optional<URI> leader() {
      return detector == null ? Optional.empty() : detector.leader().map(l -> baseUri(l.info()));
    }

    @Override public synchronized void start(Runnable onChange) {
      if (client != null) throw new IllegalStateException("already started");
      client = ZkClients.newClient(url, ZkClients.DEFAULT_SESSION_TIMEOUT);
      client.start();
      detector = new MasterDetector(client, url.path());
      detector.addListener(leader -> onChange.run());
      detector.start();
      log.info("detecting the leading master through ZooKeeper at {}", url);
    }

    @Override public synchronized void close() {
      try {
        if (detector != null) detector.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log.warn("interrupted while stopping the master detector");
      } finally {
        if (client != null) client.close();
      }
    }

    @Override public String toString() { return url.toString(); }
  }
}
