package io.drover.apps.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of an error body's {@code details}: a JSON path in Marathon's (Play JSON) notation such as
 * {@code /upgradeStrategy/minimumHealthCapacity} or {@code /apps(0)/id} ({@code /} for the whole object) and the
 * messages for it.
 */
public record Violation(String path, List<String> errors) {
  public Violation {
    errors = List.copyOf(errors);
  }

  public static Violation of(String path, String error) { return new Violation(path, List.of(error)); }

  /** Groups messages by path, keeping the first-seen order of paths and dropping duplicate messages. */
  public static List<Violation> grouped(List<Violation> vs) {
    Map<String, List<String>> byPath = new LinkedHashMap<>();
    for (Violation v : vs) {
      List<String> l = byPath.computeIfAbsent(v.path(), k -> new ArrayList<>());
      for (String e : v.errors()) {
        if (!l.contains(e)) l.add(e);
      }
    }
    List<Violation> out = new ArrayList<>();
    byPath.forEach((p, es) -> out.add(new Violation(p, es)));
    return out;
  }

  /** This violation with {@code prefix} put before its path ({@code /apps(0)} + {@code /id}). */
  public Violation prefixed(String prefix) {
    return new Violation(path.equals("/") ? (prefix.isEmpty() ? "/" : prefix) : prefix + path, errors);
  }
}
