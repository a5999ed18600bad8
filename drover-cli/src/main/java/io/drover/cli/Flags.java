package io.drover.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of role flags with one-line messages ({@link IllegalArgumentException}) naming the flag. */
public final class Flags {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]+)");

  private Flags() {}

  static int integer(String flag, String text, int min, int max) {
    try {
      int v = Integer.parseInt(text.trim());
      if (v >= min && v <= max) return v;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(flag + " must be an integer from " + min + " to " + max + ", got '" + text + "'");
  }

  /** {@code 15s}, {@code 200ms}, {@code 1m}, {@code 15secs} (Mesos style) … */
  public static Duration duration(String flag, String text) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      double v = Double.parseDouble(m.group(1));
      Double ms = switch (m.group(2)) {
        case "ms", "msecs" -> v;
        case "s", "sec", "secs" -> v * 1000;
        case "m", "min", "mins" -> v * 60_000;
        case "h", "hr", "hrs" -> v * 3_600_000;
        default -> null;
      };
      if (ms != null && ms >= 1) return Duration.ofMillis(Math.round(ms));
    }
    throw new IllegalArgumentException(flag + " must be a positive duration such as 15s, 500ms or 1m, got '" + text + "'");
  }
}
