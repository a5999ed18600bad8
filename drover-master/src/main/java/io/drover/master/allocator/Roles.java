package io.drover.master.allocator;

import io.drover.common.resources.Resource;
import java.util.ArrayList;
import java.util.List;

/** Role-name rules of Mesos' hierarchical roles: paths like {@code eng/web}, with {@code *} the default role. */
public final class Roles {
  public static final String DEFAULT = Resource.UNRESERVED;

  private Roles() {}

  /**
   * Checks a role name as Mesos does: {@code *} alone, or non-empty {@code /}-separated components that are not
   * {@code .}, {@code ..} or {@code *}, do not start with {@code -}, and hold no whitespace.
   *
   * @throws IllegalArgumentException naming the role and the broken rule
   */
  public static String validate(String role) {
    if (role == null || role.isEmpty()) throw new IllegalArgumentException("role name is empty");
    if (role.equals(DEFAULT)) return role;
    for (String c : role.split("/", -1)) {
      if (c.isEmpty()) throw new IllegalArgumentException("role '" + role + "' has an empty path component");
      if (c.equals(".") || c.equals("..") || c.equals("*")) {
        throw new IllegalArgumentException("role '" + role + "' has the reserved component '" + c + "'");
      }
      if (c.startsWith("-")) throw new IllegalArgumentException("role '" + role + "' has a component starting '-'");
      if (c.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("role '" + role + "' contains whitespace");
      }
    }
    return role;
  }

  /** {@code left} is a strict descendant of {@code right}: {@code a/b} of {@code a}, but not {@code ab} of {@code a}. */
  public static boolean isStrictSubroleOf(String left, String right) {
    return left.length() > right.length() && left.charAt(right.length()) == '/' && left.startsWith(right);
  }

  /** Ancestors nearest first: {@code a/b/c} gives {@code [a/b, a]}. */
  public static List<String> ancestors(String role) {
    List<String> out = new ArrayList<>();
    for (int i = role.lastIndexOf('/'); i > 0; i = role.lastIndexOf('/', i - 1)) out.add(role.substring(0, i));
    return out;
  }

  /** Mesos' {@code isAllocatableTo}: unreserved, or reserved for {@code role} or one of its ancestors. */
  public static boolean isAllocatableTo(Resource resource, String role) {
    return resource.isUnreserved() || resource.role().equals(role) || isStrictSubroleOf(role, resource.role());
  }
}
