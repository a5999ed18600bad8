package io.drover.coord.server;

import java.nio.file.Path;
import java.util.Set;

/**
 * Settings of a standalone coord server. Names and defaults follow ZooKeeper's zoo.cfg where one exists.
 *
 * @param metricsPort Prometheus {@code /metrics} HTTP port; 0 disables it
 * @param fourLetterWords commands answered on the client port; {@code *} allows all (ZooKeeper's default is srvr only;
 *     Drover also allows the read-only status words by default, see {@link #DEFAULT_4LW})
 * @param maxOutstandingPerConnection requests a connection may have in flight before the server stops reading from it
 * @param juteMaxBuffer largest frame accepted ({@code jute.maxbuffer}); frames over it close the connection
 * @param snapCount a snapshot is taken after snapCount/2 + random(snapCount/2) txns
 * @param snapRetainCount snapshots (and the logs they need) kept by the purge
 * @param containerCheckIntervalMs how often empty containers and expired TTL nodes are collected
 */
public record CoordConfig(
    Path dataDir,
    String bindAddress,
    int clientPort,
    int metricsPort,
    long serverId,
    int tickTimeMs,
    int minSessionTimeoutMs,
    int maxSessionTimeoutMs,
    int maxClientConnections,
    int maxOutstandingPerConnection,
    int juteMaxBuffer,
    boolean forceSync,
    long preAllocBytes,
    int snapCount,
    int snapRetainCount,
    long containerCheckIntervalMs,
    Set<String> fourLetterWords) {

  public static final Set<String> DEFAULT_4LW = Set.of("ruok", "srvr", "stat", "mntr", "envi", "conf", "cons", "wchs", "isro");
  public static final int JUTE_MAX_BUFFER = 0xfffff;

  public CoordConfig {
    if (tickTimeMs <= 0) throw new IllegalArgumentException("tickTime must be positive");
    if (minSessionTimeoutMs <= 0) minSessionTimeoutMs = 2 * tickTimeMs;
    if (maxSessionTimeoutMs <= 0) maxSessionTimeoutMs = 20 * tickTimeMs;
    if (minSessionTimeoutMs > maxSessionTimeoutMs)
      throw new IllegalArgumentException("minSessionTimeout " + minSessionTimeoutMs + " exceeds maxSessionTimeout " + maxSessionTimeoutMs);
    if (snapRetainCount < 3) throw new IllegalArgumentException("snapRetainCount must be at least 3, was " + snapRetainCount);
    if (snapCount < 2) throw new IllegalArgumentException("snapCount must be at least 2");
    fourLetterWords = Set.copyOf(fourLetterWords);
  }

  /** Embedded defaults: port 2181-style settings, tickTime 2000 ms, fsync on. */
  public static Builder builder(Path dataDir, int clientPort) { return new Builder(dataDir, clientPort); }

  public boolean allows4lw(String word) { return fourLetterWords.contains("*") || fourLetterWords.contains(word); }

  /** Mutable builder with ZooKeeper's defaults. */
  public static final class Builder {
    private final Path dataDir;
    private final int clientPort;
    private String bindAddress = "0.0.0.0";
    private int metricsPort = 0;
    private long serverId = 1;
    private int tickTimeMs = 2000;
    private int minSessionTimeoutMs = 0;
    private int maxSessionTimeoutMs = 0;
    private int maxClientConnections = 0;
    private int maxOutstandingPerConnection = 1000;
    private int juteMaxBuffer = JUTE_MAX_BUFFER;
    private boolean forceSync = true;
    private long preAllocBytes = 64L << 20;
    private int snapCount = 100_000;
    private int snapRetainCount = 3;
    private long containerCheckIntervalMs = 60_000;
    private Set<String> fourLetterWords = DEFAULT_4LW;

    private Builder(Path dataDir, int clientPort) {
      this.dataDir = dataDir;
      this.clientPort = clientPort;
    }

    public Builder bindAddress(String v) { bindAddress = v; return this; }
    public Builder metricsPort(int v) { metricsPort = v; return this; }
    public Builder serverId(long v) { serverId = v; return this; }
    public Builder tickTimeMs(int v) { tickTimeMs = v; return this; }
    public Builder minSessionTimeoutMs(int v) { minSessionTimeoutMs = v; return this; }
    public Builder maxSessionTimeoutMs(int v) { maxSessionTimeoutMs = v; return this; }
    public Builder maxClientConnections(int v) { maxClientConnections = v; return this; }
    public Builder maxOutstandingPerConnection(int v) { maxOutstandingPerConnection = v; return this; }
    public Builder juteMaxBuffer(int v) { juteMaxBuffer = v; return this; }
    public Builder forceSync(boolean v) { forceSync = v; return this; }
    public Builder preAllocBytes(long v) { preAllocBytes = v; return this; }
    public Builder snapCount(int v) { snapCount = v; return this; }
    public Builder snapRetainCount(int v) { snapRetainCount = v; return this; }
    public Builder containerCheckIntervalMs(long v) { containerCheckIntervalMs = v; return this; }
    public Builder fourLetterWords(Set<String> v) { fourLetterWords = v; return this; }

    public CoordConfig build() {
      return new CoordConfig(dataDir, bindAddress, clientPort, metricsPort, serverId, tickTimeMs, minSessionTimeoutMs,
          maxSessionTimeoutMs, maxClientConnections, maxOutstandingPerConnection, juteMaxBuffer, forceSync,
          preAllocBytes, snapCount, snapRetainCount, containerCheckIntervalMs, fourLetterWords);
    }
  }
}
