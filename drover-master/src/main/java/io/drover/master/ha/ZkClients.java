package io.drover.master.ha;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;

/** Builds the Curator client masters, agents and schedulers use for election and detection. */
public final class ZkClients {
  /** Mesos' default ZooKeeper session timeout ({@code --zk_session_timeout}). */
  public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);

  private ZkClients() {}

  /**
   * A new, not yet started client for {@code url}'s hosts (no chroot: election paths are absolute), with digest
   * authentication when the URL carries credentials. The caller starts and closes it.
   */
  public static CuratorFramework newClient(ZkUrl url, Duration sessionTimeout) {
    CuratorFrameworkFactory.Builder b = CuratorFrameworkFactory.builder()
        .connectString(url.connectString())
        .sessionTimeoutMs(Math.toIntExact(sessionTimeout.toMillis()))
        .connectionTimeoutMs(Math.toIntExact(Math.min(sessionTimeout.toMillis(), 15_000)))
        .retryPolicy(new ExponentialBackoffRetry(100, 5));
    url.credentials().ifPresent(c -> b.authorization("digest", c.authString().getBytes(StandardCharsets.UTF_8)));
    return b.build();
  }
}
