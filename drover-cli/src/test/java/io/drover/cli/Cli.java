package io.drover.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs {@code drover ...} in-process through {@link Main#run(PrintWriter, PrintWriter, String...)}. */
public final class Cli {
  private Cli() {}

  /** What a run printed, and its exit code; printed whole when an assertion on it fails. */
  public record Result(int code, String out, String err) {
    public List<String> outLines() { return out.lines().toList(); }

    @Override public String toString() { return "exit " + code + "\n--- out:\n" + out + "--- err:\n" + err; }
  }

  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  /** {@code drover zk <args> --server <server>}. */
  public static Result zk(String server, String... args) {
    String[] full = new String[args.length + 3];
    full[0] = "zk";
    System.arraycopy(args, 0, full, 1, args.length);
    full[args.length + 1] = "--server";
    full[args.length + 2] = server;
    return run(full);
  }
}
