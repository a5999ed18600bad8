package io.drover.cli.client;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A text table: a header row and rows, columns left-aligned and separated by two spaces. */
final class Table {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String... header) { this.header = List.of(header); }

  /** Adds a row; missing cells are blank, null cells print as "-". */
  Table row(Object... cells) {
    if (cells.length > header.size()) {
      throw new IllegalArgumentException(cells.length + " cells for " + header.size() + " columns");
    }
    List<String> row = new ArrayList<>(header.size());
    for (int i = 0; i < header.size(); i++) {
      row.add(i >= cells.length ? "" : cells[i] == null ? "-" : String.valueOf(cells[i]));
    }
    rows.add(row);
    return this;
  }

  int size() { return rows.size(); }

  void print(PrintWriter out) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) widths[i] = header.get(i).length();
    for (List<String> row : rows) {
      for (int i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i], row.get(i).length());
    }
    line(out, header, widths);
    for (List<String> row : rows) line(out, row, widths);
  }

  private static void line(PrintWriter out, List<String> cells, int[] widths) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      sb.append(cells.get(i));
      if (i < cells.size() - 1) sb.append(" ".repeat(widths[i] - cells.get(i).length() + 2));
    }
    out.println(sb.toString().stripTrailing());
  }
}
