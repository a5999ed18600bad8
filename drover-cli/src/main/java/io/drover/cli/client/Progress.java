package io.drover.cli.client;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A block of progress lines. On a terminal the block is redrawn in place (cursor up, clear line); elsewhere (pipes,
 * files, tests) only the lines that changed since the last block are printed, so a log stays readable.
 */
final class Progress {
  private final PrintWriter out;
  private final boolean ansi;
  private List<String> last = List.of();

  Progress(PrintWriter out, boolean ansi) {
    this.out = out;
    this.ansi = ansi;
  }

  void show(List<String> lines) {
    if (ansi) {
      StringBuilder sb = new StringBuilder();
      if (!last.isEmpty()) sb.append("\033[").append(last.size()).append('F');
      for (String line : lines) sb.append("\033[2K").append(line).append('\n');
      sb.append("\033[J");
      out.print(sb);
    } else {
      List<String> previous = new ArrayList<>(last);
      for (String line : lines) {
        if (!previous.remove(line)) out.println(line);
      }
    }
    out.flush();
    last = List.copyOf(lines);
  }

  /** A bar of {@code width} cells for {@code done} of {@code total}. */
  static String bar(int done, int total, int width) {
    int filled = total <= 0 ? width : (int) Math.min(width, Math.round((double) Math.max(done, 0) * width / total));
    return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
  }
}
