package io.drover.coord.tree;

import io.drover.coord.wire.Acl;
import io.drover.coord.wire.Id;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * ZooKeeper's server authentication providers (digest, ip) and ACL matching (ZooKeeperServer.checkACL).
 * The super user is the digest id configured with {@link #setSuperDigest} (ZooKeeper's
 * {@code zookeeper.DigestAuthenticationProvider.superDigest}, "super:base64(sha1)"), or any id of scheme
 * {@code super}; it passes every check.
 */
public final class Auth {
  private Auth() {}

  private static volatile String superDigest;

  /** Sets the super user's digest, e.g. {@code "super:D/InIHSb7yEEbrWz8b9l71RjZJU="}; null disables it. */
  public static void setSuperDigest(String digest) { superDigest = digest; }

  public static String superDigest() { return superDigest; }

  /** The id an auth packet establishes, or empty when the scheme is unknown (the server answers AUTHFAILED). */
  public static Optional<Id> authenticate(String scheme, byte[] auth, String clientIp) {
    if ("digest".equals(scheme)) {
      if (auth == null) return Optional.empty();
      return Optional.of(new Id("digest", digest(new String(auth, StandardCharsets.UTF_8))));
    }
    if ("ip".equals(scheme)) return Optional.of(new Id("ip", clientIp));
    return Optional.empty();
  }

  /** As {@link #authenticate}, plus {@code super:""} when the digest is the super user's (as ZooKeeper adds it). */
  public static List<Id> authenticateAll(String scheme, byte[] auth, String clientIp) {
    Optional<Id> id = authenticate(scheme, auth, clientIp);
    if (id.isEmpty()) return List.of();
    List<Id> out = new ArrayList<>(2);
    if ("digest".equals(scheme) && id.get().id().equals(superDigest)) out.add(new Id("super", ""));
    out.add(id.get());
    return out;
  }

  /** {@code user:base64(sha1("user:password"))} for {@code "user:password"}. */
  public static String digest(String idPassword) {
    String user = idPassword.split(":", 2)[0];
    try {
      byte[] sha = MessageDigest.getInstance("SHA1").digest(idPassword.getBytes(StandardCharsets.UTF_8));
      return user + ":" + Base64.getEncoder().encodeToString(sha);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA1 is required of every JVM", e);
    }
  }

  private static boolean isSuper(List<Id> authIds) {
    String sd = superDigest;
    for (Id a : authIds) {
      if ("super".equals(a.scheme())) return true;
      if (sd != null && "digest".equals(a.scheme()) && sd.equals(a.id())) return true;
    }
    return false;
  }

  /** Whether the ids may perform {@code perm} on a node with this ACL; an empty ACL allows everything. */
  public static boolean allowed(List<Acl> acl, int perm, List<Id> authIds) {
    if (acl == null || acl.isEmpty()) return true;
    if (isSuper(authIds)) return true;
    for (Acl a : acl) {
      if ((a.perms() & perm) == 0) continue;
      Id id = a.id();
      String scheme = id.scheme();
      if ("world".equals(scheme) && "anyone".equals(id.id())) return true;
      if ("digest".equals(scheme)) {
        for (Id auth : authIds) if ("digest".equals(auth.scheme()) && auth.id().equals(id.id())) return true;
      } else if ("ip".equals(scheme)) {
        for (Id auth : authIds) if ("ip".equals(auth.scheme()) && ipMatches(auth.id(), id.id())) return true;
      }
    }
    return false;
  }

  /** The scheme has a server provider ZooKeeper registers by default (ip, digest). */
  static boolean knownScheme(String scheme) { return "ip".equals(scheme) || "digest".equals(scheme); }

  /** Whether an ACL id of a known scheme is well formed (providers' isValid). */
  static boolean isValid(String scheme, String id) {
    if (id == null) return false;
    if ("digest".equals(scheme)) return id.split(":").length == 2;
    if ("ip".equals(scheme)) {
      String[] parts = id.split("/", 2);
      byte[] addr = addrBytes(parts[0]);
      if (addr == null) return false;
      if (parts.length == 2) {
        try {
          int bits = Integer.parseInt(parts[1]);
          return bits >= 0 && bits <= addr.length * 8;
        } catch (NumberFormatException e) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /** The user a whoAmI reply shows for an id: digest → user name, ip → the address, others → "". */
  static String userName(Id id) {
    if ("digest".equals(id.scheme())) return id.id().split(":")[0];
    if ("ip".equals(id.scheme())) return id.id();
    return "";
  }

  /** IPAuthenticationProvider.matches: {@code aclExpr} is an address with an optional /bits mask. */
  static boolean ipMatches(String clientIp, String aclExpr) {
    String[] parts = aclExpr.split("/", 2);
    byte[] acl = addrBytes(parts[0]);
    if (acl == null) return false;
    int bits = acl.length * 8;
    if (parts.length == 2) {
      try {
        bits = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        return false;
      }
      if (bits < 0 || bits > acl.length * 8) return false;
    }
    byte[] remote = addrBytes(clientIp);
    if (remote == null || remote.length != acl.length) return false;
    mask(acl, bits);
    mask(remote, bits);
    return MessageDigest.isEqual(acl, remote);
  }

  private static void mask(byte[] b, int bits) {
    int start = bits / 8;
    int startMask = ~((1 << (8 - (bits % 8))) - 1);
    while (start < b.length) {
      b[start] &= (byte) startMask;
      startMask = 0;
      start++;
    }
  }

  private static byte[] addrBytes(String addr) {
    if (addr.indexOf(':') >= 0) return v6(addr);
    if (addr.indexOf('.') >= 0) return v4(addr);
    return null;
  }

  private static byte[] v4(String addr) {
    String[] parts = addr.split("\\.", -1);
    if (parts.length != 4) return null;
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      try {
        int v = Integer.parseInt(parts[i]);
        if (v < 0 || v > 255) return null;
        b[i] = (byte) v;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return b;
  }

  private static byte[] v6(String addr) {
    String[] parts = addr.split("::", -1);
    String[] head;
    String[] tail = new String[0];
    if (parts.length == 1) {
      head = parts[0].split(":", -1);
      if (head.length != 8) return null;
    } else if (parts.length == 2) {
      head = parts[0].isEmpty() ? new String[0] : parts[0].split(":", -1);
      if (!parts[1].isEmpty()) tail = parts[1].split(":", -1);
      if (head.length + tail.length >= 8) return null;
    } else {
      return null;
    }
    byte[] out = new byte[16];
    if (!segments(out, 0, head) || !segments(out, 16 - tail.length * 2, tail)) return null;
    return out;
  }

  private static boolean segments(byte[] out, int at, String[] segs) {
    for (String s : segs) {
      if (s.isEmpty() || s.length() > 4) return false;
      int v;
      try {
        v = Integer.parseInt(s, 16);
      } catch (NumberFormatException e) {
        return false;
      }
      if (v < 0) return false;
      out[at++] = (byte) (v >> 8);
      out[at++] = (byte) v;
    }
    return true;
  }
}
