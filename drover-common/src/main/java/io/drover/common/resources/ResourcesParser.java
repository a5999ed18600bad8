package io.drover.common.resources;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the Mesos agent flag text forms.
 *
 * <ul>
 *   <li>{@code --resources}: {@code name[(role)]:value} entries separated by {@code ;}, where value is a scalar
 *       ({@code 4}, {@code 0.5}; at most three decimals), ranges ({@code [31000-32000,33000-33005]}) or a set
 *       ({@code {a,b}}). Repeated entries add up, as in Mesos. Example:
 *       {@code cpus:4;mem:8192;cpus(web):2;ports(*):[31000-31005,31010-31020]}.
 *   <li>{@code --attributes}: {@code name:value} entries separated by {@code ;}; a value is SCALAR if it is a number,
 *       RANGES if bracketed, SET if braced, TEXT otherwise. Example: {@code rack:r1;level:10;p:[1-5];s:{a,b}}.
 * </ul>
 *
 * <p>Every failure is a {@link ResourcesFormatException} whose message quotes the offending entry and says what was
 * expected, so the CLI can print it as is.
 */
public final class ResourcesParser {
  private static final Pattern ENTRY = Pattern.compile("([^:()\\s]+)(?:\\(([^()]*)\\))?:(.*)", Pattern.DOTALL);
  private static final Pattern NUMBER = Pattern.compile("[+]?(\\d+(\\.\\d*)?|\\.\\d+)");
  private static final Pattern ROLE = Pattern.compile("\\*|[^\\s*/.][^\\s]*");

  private ResourcesParser() {}

  /** Parses {@code --resources} text; blank text is the empty bag. */
  public static Resources parseResources(String text) {
    List<Resource> list = new ArrayList<>();
    for (String raw : entries(text)) {
      Matcher m = ENTRY.matcher(raw);
      if (!m.matches()) {
        throw new ResourcesFormatException("bad resource '" + raw + "': expected name:value or name(role):value,"
            + " e.g. cpus:4 or cpus(web):2");
      }
      String name = m.group(1);
      String role = m.group(2) == null ? Resource.UNRESERVED : m.group(2);
      if (!ROLE.matcher(role).matches() || role.contains("//") || role.endsWith("/")) {
        throw new ResourcesFormatException("bad resource '" + raw + "': '" + role + "' is not a valid role");
      }
      ResourceValue value = switch (parseValue(raw, m.group(3).trim())) {
        case Text t -> throw new ResourcesFormatException("bad resource '" + raw + "': '" + t.value()
            + "' is not a number, a range list like [31000-32000] or a set like {a,b}");
        case Scalar s -> s;
        case Ranges r -> r;
        case ItemSet s -> s;
      };
      try {
        list.add(new Resource(name, role, value));
      } catch (IllegalArgumentException e) {
        throw new ResourcesFormatException("bad resource '" + raw + "': " + e.getMessage());
      }
    }
    try {
      return Resources.of(list);
    } catch (IllegalArgumentException e) {
      throw new ResourcesFormatException("bad resources '" + text + "': " + e.getMessage());
    }
  }

  /** Parses {@code --attributes} text; blank text is no attributes. */
  public static Attributes parseAttributes(String text) {
    List<Attribute> list = new ArrayList<>();
    for (String raw : entries(text)) {
      int colon = raw.indexOf(':');
      if (colon <= 0) {
        throw new ResourcesFormatException("bad attribute '" + raw + "': expected name:value, e.g. rack:r1");
      }
      String name = raw.substring(0, colon).trim();
      String value = raw.substring(colon + 1).trim();
      if (value.isEmpty()) throw new ResourcesFormatException("bad attribute '" + raw + "': the value is empty");
      if (list.stream().anyMatch(a -> a.name().equals(name))) {
        throw new ResourcesFormatException("bad attributes '" + text + "': attribute '" + name + "' is repeated");
      }
      list.add(new Attribute(name, parseValue(raw, value)));
    }
    return new Attributes(list);
  }

  private static List<String> entries(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) return out;
    for (String part : text.split(";")) {
      String t = part.trim();
      if (!t.isEmpty()) out.add(t);
    }
    return out;
  }

  private static AttributeValue parseValue(String raw, String value) {
    if (value.startsWith("[")) return parseRanges(raw, value);
    if (value.startsWith("{")) return parseSet(raw, value);
    if (NUMBER.matcher(value).matches()) return parseScalar(raw, value);
    if (value.startsWith("-") && NUMBER.matcher(value.substring(1)).matches()) {
      throw new ResourcesFormatException("bad entry '" + raw + "': the value " + value + " is negative");
    }
    return new Text(value);
  }

  private static Scalar parseScalar(String raw, String value) {
    BigDecimal d = new BigDecimal(value.startsWith(".") ? "0" + value : value);
    if (d.stripTrailingZeros().scale() > 3) {
      throw new ResourcesFormatException(
          "bad entry '" + raw + "': " + value + " has more than 3 decimals (Mesos scalars are exact to 0.001)");
    }
    try {
      return new Scalar(d.movePointRight(3).longValueExact());
    } catch (ArithmeticException e) {
      throw new ResourcesFormatException("bad entry '" + raw + "': " + value + " is too large");
    }
  }

  private static Ranges parseRanges(String raw, String value) {
    if (!value.endsWith("]")) {
      throw new ResourcesFormatException("bad entry '" + raw + "': ranges must be closed with ']', e.g. [31000-32000]");
    }
    String body = value.substring(1, value.length() - 1).trim();
    List<long[]> intervals = new ArrayList<>();
    if (body.isEmpty()) return Ranges.EMPTY;
    for (String part : body.split(",")) {
      String p = part.trim();
      int dash = p.indexOf('-');
      if (dash <= 0 || dash == p.length() - 1) {
        throw new ResourcesFormatException(
            "bad entry '" + raw + "': range '" + p + "' must look like begin-end, e.g. 31000-32000");
      }
      long begin = parseBound(raw, p, p.substring(0, dash).trim());
      long end = parseBound(raw, p, p.substring(dash + 1).trim());
      if (begin > end) {
        throw new ResourcesFormatException("bad entry '" + raw + "': range '" + p + "' has begin after end");
      }
      intervals.add(new long[] {begin, end});
    }
    return Ranges.of(intervals);
  }

  private static long parseBound(String raw, String range, String bound) {
    if (!bound.matches("\\d{1,18}")) {
      throw new ResourcesFormatException(
          "bad entry '" + raw + "': range '" + range + "' has '" + bound + "', not a non-negative integer");
    }
    return Long.parseLong(bound);
  }

  private static ItemSet parseSet(String raw, String value) {
    if (!value.endsWith("}")) {
      throw new ResourcesFormatException("bad entry '" + raw + "': sets must be closed with '}', e.g. {a,b}");
    }
    TreeSet<String> items = new TreeSet<>();
    String body = value.substring(1, value.length() - 1).trim();
    if (body.isEmpty()) return new ItemSet(items);
    for (String item : body.split(",")) {
      String t = item.trim();
      if (t.isEmpty()) throw new ResourcesFormatException("bad entry '" + raw + "': the set has an empty item");
      items.add(t);
    }
    return new ItemSet(items);
  }
}
