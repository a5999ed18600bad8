package io.drover.master.server;

import io.drover.master.ha.ZkUrl;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Settings of one {@code drover master} process; defaults are the Mesos master's flag defaults.
 *
 * @param zk the election and registry path, e.g. {@code zk://h:2181/drover/master}
 * @param port HTTP port (5050); 0 picks an ephemeral port (tests)
 * @param hostname advertised hostname (in MasterInfo and redirects)
 * @param ip advertised IPv4 address
 * @param bindAddress where the HTTP server listens: the {@code ip} when it was given (Mesos' {@code --ip}), else all
 *     interfaces ({@code 0.0.0.0})
 * @param agentPingTimeout {@code --agent_ping_timeout} (15 s): the agent PING / heartbeat period
 * @param maxAgentPingTimeouts {@code --max_agent_ping_timeouts} (5)
 * @param allocationInterval {@code --allocation_interval} (1 s)
 * @param frameworkHeartbeat the scheduler stream's HEARTBEAT period (15 s), also the operator stream's
 * @param agentReregisterTimeout {@code --agent_reregister_timeout} (10 min)
 * @param zkSessionTimeout {@code --zk_session_timeout} (10 s)
 * @param exitAction how the process ends when this master must stop (lost leadership, registry failure); gets a
 *     non-zero status. Default {@code System::exit}; tests record the call.
 */
public record MasterConfig(ZkUrl zk, int port, String hostname, Inet4Address ip, String bindAddress,
    Duration agentPingTimeout,
    int maxAgentPingTimeouts, Duration allocationInterval, Duration frameworkHeartbeat,
    Duration agentReregisterTimeout, Duration zkSessionTimeout, IntConsumer exitAction) {

  public MasterConfig {
    Objects.requireNonNull(zk, "zk");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(exitAction, "exitAction");
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
    positive(agentPingTimeout, "agent ping timeout");
    positive(allocationInterval, "allocation interval");
    positive(frameworkHeartbeat, "framework heartbeat");
    positive(agentReregisterTimeout, "agent re-register timeout");
    positive(zkSessionTimeout, "ZooKeeper session timeout");
    if (maxAgentPingTimeouts < 1) {
      throw new IllegalArgumentException("max agent ping timeouts must be at least 1, got " + maxAgentPingTimeouts);
    }
  }

  public static Builder builder(ZkUrl zk) { return new Builder(zk); }

  /** Agent silence after which it is unreachable: ping timeout × max ping timeouts. */
  public Duration agentTimeout() { return agentPingTimeout.multipliedBy(maxAgentPingTimeouts); }

  private static void positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(what + " must be positive, got " + d);
  }

  /** Builder with the Mesos defaults. */
  public static final class Builder {
    private final ZkUrl zk;
    private int port = 5050;
    private String hostname;
    private Inet4Address ip;
    private Duration agentPingTimeout = Duration.ofSeconds(15);
    private int maxAgentPingTimeouts = 5;
    private Duration allocationInterval = Duration.ofSeconds(1);
    private Duration frameworkHeartbeat = Duration.ofSeconds(15);
    private Duration agentReregisterTimeout = Duration.ofMinutes(10);
    private Duration zkSessionTimeout = Duration.ofSeconds(10);
    private IntConsumer exitAction = System::exit;

    private Builder(ZkUrl zk) { this.zk = Objects.requireNonNull(zk, "zk"); }

    public Builder port(int v) { port = v; return this; }

    public Builder hostname(String v) { hostname = v; return this; }

    public Builder ip(Inet4Address v) { ip = v; return this; }

    /** @throws IllegalArgumentException if {@code v} is not an IPv4 literal */
    public Builder ip(String v) { ip = parseIpv4(v); return this; }

    public Builder agentPingTimeout(Duration v) { agentPingTimeout = v; return this; }

    public Builder maxAgentPingTimeouts(int v) { maxAgentPingTimeouts = v; return this; }

    public Builder allocationInterval(Duration v) { allocationInterval = v; return this; }

    public Builder frameworkHeartbeat(Duration v) { frameworkHeartbeat = v; return this; }

    public Builder agentReregisterTimeout(Duration v) { agentReregisterTimeout = v; return this; }

    public Builder zkSessionTimeout(Duration v) { zkSessionTimeout = v; return this; }

    public Builder exitAction(IntConsumer v) { exitAction = v; return this; }

    public MasterConfig build() {
      Inet4Address addr = ip != null ? ip : defaultIp();
      String host = hostname != null ? hostname : defaultHostname(addr);
      String bind = ip != null ? ip.getHostAddress() : "0.0.0.0";
      return new MasterConfig(zk, port, host, addr, bind, agentPingTimeout, maxAgentPingTimeouts, allocationInterval,
          frameworkHeartbeat, agentReregisterTimeout, zkSessionTimeout, exitAction);
    }
  }

  /** Parses a dotted IPv4 literal (no DNS lookup). */
  public static Inet4Address parseIpv4(String text) {
    Objects.requireNonNull(text, "ip");
    String[] parts = text.trim().split("\\.", -1);
    if (parts.length != 4) throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      int v;
      try {
        v = Integer.parseInt(parts[i]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not an IPv4 address: '" + text + "'", e);
      }
      if (v < 0 || v > 255) throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
      b[i] = (byte) v;
    }
    try {
      return (Inet4Address) InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IPv4 address: '" + text + "'", e); // only for a wrong length
    }
  }

  /** The first non-loopback IPv4 address of an up interface, else 127.0.0.1. */
  static Inet4Address defaultIp() {
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) continue;
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          if (a instanceof Inet4Address v4 && !v4.isLoopbackAddress() && !v4.isLinkLocalAddress()) return v4;
        }
      }
    } catch (SocketException e) {
      // No interface list: fall back to loopback, which still works for a single-machine cluster.
      System.getLogger(MasterConfig.class.getName()).log(System.Logger.Level.WARNING,
          "cannot list network interfaces, advertising 127.0.0.1: " + e);
    }
    return parseIpv4("127.0.0.1");
  }

  private static String defaultHostname(Inet4Address ip) {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return ip.getHostAddress();
    }
  }
}
