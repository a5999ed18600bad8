package io.drover.cli.zk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.common.json.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.common.PathUtils;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The life of every {@code drover zk} subcommand: check the arguments, connect (or report the server unreachable),
 * run one operation, turn a KeeperException into one line and an exit code. Designed for extension by the
 * subcommands of this package only.
 */
abstract class ZkSubcommand implements Callable<Integer> {
  private static final ObjectMapper JSON = Json.camelCase();

  @ParentCommand ZkCommand zk;
  @Spec CommandSpec spec;

  /** Rejects bad arguments before connecting, by throwing {@link ParameterException} (exit {@link ZkExit#USAGE}). */
  void validate() {}

  /** The operation; returns the exit code. Output goes to {@code out}, diagnostics to {@code err}. */
  abstract int execute(ZooKeeper zk, PrintWriter out, PrintWriter err) throws KeeperException, InterruptedException;

  /** Connection-state events (Disconnected, Expired...) after the session is up; one-shot commands ignore them. */
  void onConnectionEvent(WatchedEvent event) {
    // A one-shot command learns of a lost connection from its operation's ConnectionLossException instead.
  }

  /** The one-line explanation for a refusal; subcommands override to add what they know (expected version...). */
  ZkErrors.Failure explain(KeeperException e) { return ZkErrors.describe(e, zk.server); }

  @Override public final Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    validate();
    if (zk.timeoutMs <= 0) throw usage("--timeout-ms must be positive, got " + zk.timeoutMs);
    ZkSession session;
    try {
      session = ZkSession.connect(zk.server, zk.timeoutMs, this::onConnectionEvent);
    } catch (IllegalArgumentException e) {
      throw usage("invalid --server '" + zk.server + "': " + e.getMessage());
    } catch (ZkSession.UnreachableException e) {
      err.println(e.getMessage());
      return ZkExit.UNREACHABLE;
    }
    try (session) {
      return execute(session.zk(), out, err);
    } catch (KeeperException e) {
      ZkErrors.Failure failure = explain(e);
      err.println(failure.message());
      return failure.exitCode();
    } finally {
      out.flush();
      err.flush();
    }
  }

  ParameterException usage(String message) { return new ParameterException(spec.commandLine(), message); }

  /** Checks a znode path the way the client will, but as a usage error instead of an exception. */
  void requireValidPath(String path, boolean sequential) {
    try {
      PathUtils.validatePath(path, sequential);
    } catch (IllegalArgumentException e) {
      throw usage("invalid path '" + path + "': " + e.getMessage());
    }
  }

  static void printJson(PrintWriter out, Object value) {
    try {
      out.println(JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("lists, maps, strings and numbers always serialize", e);
    }
  }
}
