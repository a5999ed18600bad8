package io.drover.coord.tree;

/** ZooKeeper's znode path rules ({@code org.apache.zookeeper.common.PathUtils}) and parent/child helpers. */
public final class PathUtils {
  private PathUtils() {}

  /** Why {@code path} is not a valid znode path, or null if it is. */
  public static String invalidReason(String path) {
    if (path == null) return "Path cannot be null";
    if (path.isEmpty()) return "Path length must be > 0";
    if (path.charAt(0) != '/') return "Path must start with / character";
    if (path.length() == 1) return null;
    if (path.charAt(path.length() - 1) == '/') return "Path must not end with / character";
    char lastc = '/';
    for (int i = 1; i < path.length(); lastc = path.charAt(i), i++) {
      char c = path.charAt(i);
      if (c == 0) return "null character not allowed @" + i;
      if (c == '/' && lastc == '/') return "empty node name specified @" + i;
      if (c == '.' && lastc == '.') {
        if (path.charAt(i - 2) == '/' && (i + 1 == path.length() || path.charAt(i + 1) == '/')) {
          return "relative paths not allowed @" + i;
        }
      } else if (c == '.') {
        if (path.charAt(i - 1) == '/' && (i + 1 == path.length() || path.charAt(i + 1) == '/')) {
          return "relative paths not allowed @" + i;
        }
      } else if (c > '\u0000' && c <= '\u001f' || c >= '\u007f' && c <= '\u009F'
          || c >= '\ud800' && c <= '\uf8ff' || c >= '\ufff0') {
        return "invalid character @" + i;
      }
    }
    return null;
  }

  public static boolean isValid(String path) { return invalidReason(path) == null; }

  /** The parent of an absolute path; "/" for top-level nodes (ZooKeeper's "" alias of the root). */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  static String childName(String path) { return path.substring(path.lastIndexOf('/') + 1); }

  static String join(String parent, String child) {
    return "/".equals(parent) ? "/" + child : parent + "/" + child;
  }

  /** The sequential suffix {@code String.format("%010d", n)} without the formatter's cost. */
  static String sequenceSuffix(int n) {
    if (n < 0) return String.format(java.util.Locale.ENGLISH, "%010d", n);
    String digits = Integer.toString(n);
    if (digits.length() >= 10) return digits;
    return "0000000000".substring(digits.length()) + digits;
  }
}
