package io.drover.cli.zk;

import io.drover.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs {@code drover ...} in-process through {@link Main#run(PrintWriter, PrintWriter, String...)}. */
final class Cli {
  private Cli() {}

  record Result(int exitCode, String out, String err) {
    List<String> outLines() { return out.lines().toList(); }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  /** {@code drover zk <args> --server <server>}. */
  static Result zk(String server, String... args) {
    String[] full = new String[args.length + 3];
    full[0] = "zk";
    System.arraycopy(args, 0, full, 1, args.length);
    full[args.length + 1] = "--server";
    full[args.length + 2] = server;
    return run(full);
  }
}
