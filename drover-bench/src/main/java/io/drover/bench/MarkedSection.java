package io.drover.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Replaces the text between two marker lines of a document, leaving everything else untouched. */
public final class MarkedSection {
  public static final String START = "<!-- zk-bench:start -->";
  public static final String END = "<!-- zk-bench:end -->";
  public static final String MASTER_START = "<!-- master-bench:start -->";
  public static final String MASTER_END = "<!-- master-bench:end -->";
  public static final String SCALE_START = "<!-- scale-bench:start -->";
  public static final String SCALE_END = "<!-- scale-bench:end -->";

  private MarkedSection() {}

  /** Rewrites the section between {@code start} and {@code end} of the file at {@code path} (created if absent). */
  public static void rewrite(Path path, String start, String end, String body) throws IOException {
    String doc = Files.exists(path)
        ? Files.readString(path, StandardCharsets.UTF_8) : "";
    Files.writeString(path, replace(doc, start, end, body), StandardCharsets.UTF_8);
  }

  /**
   * Returns {@code document} with the text between {@code start} and {@code end} replaced by
   * {@code body}; the markers stay. A document without the markers gets them and the body appended.
   * A start marker without an end after it is an error rather than a silent truncation.
   */
  public static String replace(String document, String start, String end, String body) {
    String block = start + "\n" + (body.endsWith("\n") ? body : body + "\n") + end;
    int s = document.indexOf(start);
    if (s < 0) {
      String sep = document.isEmpty() || document.endsWith("\n\n") ? "" : document.endsWith("\n") ? "\n" : "\n\n";
      return document + sep + block + "\n";
    }
    int e = document.indexOf(end, s + start.length());
    if (e < 0) throw new IllegalArgumentException("found " + start + " but no " + end + " after it");
    return document.substring(0, s) + block + document.substring(e + end.length());
  }
}
