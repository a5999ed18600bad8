package io.drover.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The life of every client command: run, and turn a {@link CliException} into {@code drover: <message>} on stderr
 * and its exit code. Designed for extension by the commands of this package only.
 */
abstract class ClientCommand implements Callable<Integer> {
  @Mixin ClientOptions options;
  @Spec CommandSpec spec;
  PrintWriter out;
  PrintWriter err;

  /** The command's work; returns the exit code. Output goes to {@link #out}, diagnostics to {@link #err}. */
  abstract int execute() throws InterruptedException;

  /** Checks the options before anything is read or sent; throws {@link CliException} (exit 64 for usage). */
  void validate() {}

  @Override public final Integer call() throws InterruptedException {
    out = spec.commandLine().getOut();
    err = spec.commandLine().getErr();
    try {
      validate();
      return execute();
    } catch (CliException e) {
      out.flush();
      err.println("drover: " + e.getMessage());
      return e.exitCode();
    } finally {
      out.flush();
      err.flush();
    }
  }

  Api apps() { return options.appsApi(); }

  Api master() { return options.masterApi(); }

  void printJson(JsonNode node) { out.println(Api.pretty(node)); }

  static String notFoundApp(String id) { return "no app " + id + " (drover app list shows the apps)"; }

  static String notFoundGroup(String id) { return "no group " + id + " (drover group list shows the groups)"; }
}
