package io.drover.cli.zk;

import java.io.PrintWriter;
import java.util.List;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drover zk ls [-R] [--json] [PATH]}. */
@Command(name = "ls", exitCodeOnInvalidInput = ZkExit.USAGE,
    description = {"List the children of a znode, sorted, one per line.",
        "With -R: the znode and everything below it, as full paths, depth first."})
final class ZkLs extends ZkSubcommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", defaultValue = "/", description = "Default: /")
  String path;

  @Option(names = {"-R", "--recursive"}, description = "List the whole subtree as full paths.")
  boolean recursive;

  @Option(names = "--json", description = "Print a JSON array of names (or full paths with -R).")
  boolean json;

  @Override void validate() { requireValidPath(path, false); }

  @Override int execute(ZooKeeper zk, PrintWriter out, PrintWriter err) throws KeeperException, InterruptedException {
    List<String> entries = recursive ? ZkTree.preOrder(zk, path) : ZkTree.sorted(zk.getChildren(path, false));
    if (json) {
      printJson(out, entries);
    } else {
      entries.forEach(out::println);
    }
    return ZkExit.OK;
  }
}
