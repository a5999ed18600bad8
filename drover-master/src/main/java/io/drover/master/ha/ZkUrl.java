package io.drover.master.ha;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Mesos-style ZooKeeper URL, {@code zk://[user:password@]host[:port][,host[:port]...]/path}, split into the
 * ZooKeeper connect string (hosts only, no chroot) and the absolute znode path under which masters elect.
 * Credentials, when present, are used for {@code digest} authentication as Mesos does ({@code user:password}).
 *
 * @param connectString comma-separated {@code host:port} list for the ZooKeeper client (never empty)
 * @param path absolute znode path without a trailing slash, e.g. {@code /mesos} (never {@code /})
 * @param credentials digest credentials, if the URL carried {@code user:password@}
 */
public record ZkUrl(String connectString, String path, Optional<Credentials> credentials) {
  public static final String SCHEME = "zk://";

  /** Digest credentials; {@link #authString()} is what {@code addAuthInfo("digest", ...)} takes. */
  public record Credentials(String user, String password) {
    public Credentials {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      if (user.isEmpty()) throw new IllegalArgumentException("empty user in ZooKeeper credentials");
    }

    public String authString() { return user + ":" + password; }

    @Override public String toString() { return "Credentials[user=" + user + ", password=***]"; }
  }

  public ZkUrl {
    Objects.requireNonNull(connectString, "connectString");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(credentials, "credentials");
  }

  /**
   * Parses {@code url}.
   *
   * @throws IllegalArgumentException naming the offending part: missing {@code zk://} scheme, empty host list or
   *     host, non-numeric or out-of-range port, missing/empty path or empty path segment
   */
  public static ZkUrl parse(String url) {
    Objects.requireNonNull(url, "url");
    String s = url.trim();
    if (!s.startsWith(SCHEME)) {
      throw new IllegalArgumentException("ZooKeeper URL must start with '" + SCHEME + "': " + url);
    }
    String rest = s.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("ZooKeeper URL has no path (expected zk://host:port/path): " + url);
    }
    String authority = rest.substring(0, slash);
    String path = rest.substring(slash);

    Optional<Credentials> credentials = Optional.empty();
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = userInfo.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("ZooKeeper URL credentials must be 'user:password@': " + url);
      }
      credentials = Optional.of(new Credentials(userInfo.substring(0, colon), userInfo.substring(colon + 1)));
    }
    if (authority.isEmpty()) throw new IllegalArgumentException("ZooKeeper URL has no hosts: " + url);

    List<String> hosts = new ArrayList<>();
    for (String hostPort : authority.split(",", -1)) hosts.add(checkHostPort(hostPort, url));
    return new ZkUrl(String.join(",", hosts), checkPath(path, url), credentials);
  }

  private static String checkHostPort(String hostPort, String url) {
    if (hostPort.isEmpty()) throw new IllegalArgumentException("ZooKeeper URL has an empty host: " + url);
    int colon = hostPort.lastIndexOf(':');
    boolean bracketedV6 = hostPort.startsWith("[");
    if (colon < 0 || (bracketedV6 && colon < hostPort.indexOf(']'))) return hostPort; // ZooKeeper defaults to 2181
    String host = hostPort.substring(0, colon);
    String port = hostPort.substring(colon + 1);
    if (host.isEmpty()) throw new IllegalArgumentException("ZooKeeper URL has an empty host in '" + hostPort + "': " + url);
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("ZooKeeper URL has a bad port '" + port + "' in '" + hostPort + "': " + url, e);
    }
    if (p < 1 || p > 65535) {
      throw new IllegalArgumentException("ZooKeeper URL has a bad port '" + port + "' in '" + hostPort + "': " + url);
    }
    return hostPort;
  }

  private static String checkPath(String path, String url) {
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (p.isEmpty()) throw new IllegalArgumentException("ZooKeeper URL has an empty path (expected e.g. /mesos): " + url);
    if (p.contains("//")) throw new IllegalArgumentException("ZooKeeper URL path has an empty segment: " + url);
    return p;
  }

  /** The URL again, credentials masked. */
  @Override public String toString() {
    return SCHEME + credentials.map(c -> c.user() + ":***@").orElse("") + connectString + path;
  }
}
