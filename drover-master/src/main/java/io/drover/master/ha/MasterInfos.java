package io.drover.master.ha;

import io.drover.master.api.v1.Address;
import io.drover.master.api.v1.MasterInfo;
import java.net.Inet4Address;
import java.util.Objects;

/**
 * Building the {@link MasterInfo} a master publishes in its election znode. Lives here rather than on the record
 * because it takes a {@link Inet4Address} ({@code java.net}), which the pure {@code api.v1} package may not touch.
 */
public final class MasterInfos {
  private MasterInfos() {}

  /**
   * A master at {@code ip:port} as Mesos builds it: {@code pid = master@ip:port}, {@code address = {hostname, ip,
   * port}} and the packed deprecated {@code ip}; no domain, no capabilities (both null, so omitted from JSON).
   */
  public static MasterInfo of(String id, Inet4Address ip, int port, String hostname, String version) {
    Objects.requireNonNull(id, "id");
    if (port < 0 || port > 65535) throw new IllegalArgumentException("bad port " + port);
    String dotted = ip.getHostAddress();
    return new MasterInfo(id, packIp(ip), port, "master@" + dotted + ":" + port, hostname, version,
        new Address(hostname, dotted, port), null, null);
  }

  /**
   * Mesos' packed ip (MESOS-1201): the four address bytes in network order, read as a little-endian unsigned int, so
   * {@code 127.0.0.1} is {@code 16777343}. {@link MasterInfo#unpackIp(long)} is the inverse.
   */
  public static long packIp(Inet4Address ip) {
    byte[] b = ip.getAddress();
    return (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16 | (b[3] & 0xFFL) << 24;
  }
}
