package io.drover.apps.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Marathon path id such as {@code /prod/web}: the identity of apps and groups.
 *
 * <p>Parsing never fails: {@link #parse(String)} keeps raw segments (including {@code .}, {@code ..} and
 * characters outside the allowed set) so that {@link Validation} can report them with Marathon's messages.
 * {@link #canonical(PathId)} resolves a relative id against a base group and removes {@code .}/{@code ..}, as
 * Marathon's {@code PathId.canonicalPath} does ({@code ..} above the root stays at the root).
 *
 * @param segments the path elements, never empty strings
 * @param absolute whether the id started with {@code /}
 */
public record PathId(List<String> segments, boolean absolute) implements Comparable<PathId> {
  /** Marathon's segment rule ({@code state/PathId.scala}); {@code .} and {@code ..} are allowed before canonicalization. */
  public static final Pattern SEGMENT =
      Pattern.compile("^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])|(\\.|\\.\\.)$");

  /** Segments an app or group id may not end with (they are API sub-resources). */
  public static final List<String> RESERVED = List.of("restart", "tasks", "versions", ".", "..");

  public static final PathId ROOT = new PathId(List.of(), true);

  public PathId {
    segments = List.copyOf(segments);
    for (String s : segments) {
      if (s.isEmpty()) throw new IllegalArgumentException("empty path segment");
    }
  }

  /** Parses {@code in} leniently: repeated and trailing slashes are dropped; absolute iff it starts with {@code /}. */
  public static PathId parse(String in) {
    List<String> parts = new ArrayList<>();
    for (String p : in.split("/")) {
      if (!p.isEmpty()) parts.add(p);
    }
    return new PathId(parts, in.startsWith("/"));
  }

  /** Parses {@code in} and resolves it against the root: {@code "a/b"} and {@code "/a/b"} both give {@code /a/b}. */
  public static PathId of(String in) { return parse(in).canonical(ROOT); }

  /** The inverse of {@link #safeName()}: {@code a_b} gives {@code /a/b}; the empty string gives the root. */
  public static PathId fromSafeName(String safeName) {
    return safeName.isEmpty() ? ROOT : new PathId(List.of(safeName.split("_")), true);
  }

  /**
   * The absolute id this id denotes inside group {@code base}: an absolute id ignores the base, a relative one is
   * appended to it; then {@code .} is dropped and {@code ..} removes the previous segment.
   */
  public PathId canonical(PathId base) {
    if (!base.absolute) throw new IllegalArgumentException("base path is not absolute: " + base);
    List<String> raw = new ArrayList<>();
    if (!absolute) raw.addAll(base.segments);
    raw.addAll(segments);
    List<String> out = new ArrayList<>();
    for (String s : raw) {
      if (s.equals(".")) continue;
      if (s.equals("..")) {
        if (!out.isEmpty()) out.removeLast();
        continue;
      }
      out.add(s);
    }
    return new PathId(out, true);
  }

  /** Resolves an id string as written in a definition (absolute or relative) against this group id. */
  public PathId resolve(String id) { return parse(id).canonical(this); }

  /** The enclosing group; the root's parent is the root. */
  public PathId parent() {
    return segments.isEmpty() ? this : new PathId(segments.subList(0, segments.size() - 1), absolute);
  }

  public PathId child(String segment) {
    List<String> s = new ArrayList<>(segments);
    s.add(segment);
    return new PathId(s, absolute);
  }

  public boolean isRoot() { return segments.isEmpty(); }

  /** Whether this is a direct child of the root, e.g. {@code /a}. */
  public boolean isTopLevel() { return absolute && segments.size() == 1; }

  /** The last segment, or "" for the root. */
  public String name() { return segments.isEmpty() ? "" : segments.getLast(); }

  /** Whether {@code other} equals this id or lies below it (both absolute). */
  public boolean includes(PathId other) {
    return other.segments.size() >= segments.size() && other.segments.subList(0, segments.size()).equals(segments);
  }

  /** All ancestors from the root down to the parent (excluding this id). */
  public List<PathId> ancestors() {
    List<PathId> out = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) out.add(new PathId(segments.subList(0, i), absolute));
    return out;
  }

  /** {@code /a/b} gives {@code a_b}; used in task and instance ids. Only for absolute ids. */
  public String safeName() {
    if (!absolute) throw new IllegalStateException("safe name of a relative path: " + this);
    return String.join("_", segments);
  }

  @Override public String toString() { return (absolute ? "/" : "") + String.join("/", segments); }

  @Override public int compareTo(PathId o) { return toString().compareTo(o.toString()); }

  @Override public boolean equals(Object o) {
    return o instanceof PathId p && p.absolute == absolute && p.segments.equals(segments);
  }

  @Override public int hashCode() { return Objects.hash(segments, absolute); }
}
