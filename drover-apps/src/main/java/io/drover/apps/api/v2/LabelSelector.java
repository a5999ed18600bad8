package io.drover.apps.api.v2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Marathon's label selector query ({@code GET /v2/apps?label=...}): comma-separated terms, all of which must hold:
 * {@code k} (exists), {@code k==v}, {@code k!=v}, {@code k in (a,b)}, {@code k notin (a,b)}. A backslash escapes
 * the next character in keys and values (e.g. {@code \,}). Absent labels fail every term except {@code !=} and
 * {@code notin}.
 */
final class LabelSelector {
  private LabelSelector() {}

  /** The selector, or empty when {@code query} cannot be parsed. */
  static Optional<Predicate<Map<String, String>>> parse(String query) {
    List<Predicate<Map<String, String>>> terms = new ArrayList<>();
    for (String term : split(query, ',')) {
      Optional<Predicate<Map<String, String>>> t = term(term.trim());
      if (t.isEmpty()) return Optional.empty();
      terms.add(t.get());
    }
    if (terms.isEmpty()) return Optional.empty();
    return Optional.of(labels -> terms.stream().allMatch(t -> t.test(labels)));
  }

  private static Optional<Predicate<Map<String, String>>> term(String t) {
    int eq = indexOfUnescaped(t, "==");
    if (eq > 0) return pair(t.substring(0, eq), t.substring(eq + 2), true);
    int ne = indexOfUnescaped(t, "!=");
    if (ne > 0) return pair(t.substring(0, ne), t.substring(ne + 2), false);
    for (String op : List.of(" notin ", " in ")) {
      int at = indexOfUnescaped(t, op);
      if (at > 0) {
        String key = unescape(t.substring(0, at).trim());
        String rest = t.substring(at + op.length()).trim();
        if (key.isEmpty() || !rest.startsWith("(") || !rest.endsWith(")")) return Optional.empty();
        Set<String> values = Set.copyOf(split(rest.substring(1, rest.length() - 1), ',').stream()
            .map(v -> unescape(v.trim())).toList());
        boolean in = op.equals(" in ");
        return Optional.of(labels -> labels.containsKey(key) ? values.contains(labels.get(key)) == in : !in);
      }
    }
    String key = unescape(t);
    if (key.isEmpty() || !validWord(t)) return Optional.empty();
    return Optional.of(labels -> labels.containsKey(key));
  }

  private static Optional<Predicate<Map<String, String>>> pair(String rawKey, String rawValue, boolean equal) {
    String key = unescape(rawKey.trim());
    String value = unescape(rawValue.trim());
    if (key.isEmpty()) return Optional.empty();
    return Optional.of(labels -> value.equals(labels.get(key)) == equal);
  }

  /** A bare key may not contain unescaped spaces or parentheses (it would be a malformed in/notin). */
  private static boolean validWord(String t) {
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '\\') { i++; continue; }
      if (c == ' ' || c == '(' || c == ')' || c == '=' || c == '!') return false;
    }
    return true;
  }

  /** Splits on {@code sep} outside parentheses and not escaped. */
  static List<String> split(String s, char sep) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        cur.append(c).append(s.charAt(++i));
        continue;
      }
      if (c == '(') depth++;
      if (c == ')') depth--;
      if (c == sep && depth == 0) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  private static int indexOfUnescaped(String s, String needle) {
    for (int i = 0; i + needle.length() <= s.length(); i++) {
      if (s.charAt(i) == '\\') { i++; continue; }
      if (s.startsWith(needle, i)) return i;
    }
    return -1;
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) c = s.charAt(++i);
      b.append(c);
    }
    return b.toString();
  }
}
