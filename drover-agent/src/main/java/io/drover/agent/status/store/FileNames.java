package io.drover.agent.status.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Ids as file names: framework, task, agent and container ids come from outside, so they are percent-encoded where
 * they hold anything but {@code [A-Za-z0-9_.-]} (and "." / ".." entirely), so an id can never name another
 * directory. Shared by every checkpoint under the agent's work dir.
 */
public final class FileNames {
  private FileNames() {}

  /** Percent-encodes everything outside {@code [A-Za-z0-9_.-]}, and the dots of "." and "..". */
  public static String encode(String id) {
    if (id.isEmpty()) throw new IllegalArgumentException("an id must not be empty");
    StringBuilder sb = new StringBuilder();
    boolean onlyDots = id.chars().allMatch(c -> c == '.');
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
          || c == '-' || (c == '.' && !onlyDots);
      if (plain) sb.append((char) c);
      else sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
          .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
    }
    return sb.toString();
  }

  public static String decode(String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '%' && i + 2 < name.length()) {
        out.write(Integer.parseInt(name.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
