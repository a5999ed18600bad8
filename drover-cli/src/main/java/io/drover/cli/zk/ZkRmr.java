package io.drover.cli.zk;

import java.io.PrintWriter;
import java.util.List;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code drover zk rmr PATH}: delete a subtree, deepest first. */
@Command(name = "rmr", exitCodeOnInvalidInput = ZkExit.USAGE,
    description = {"Delete a znode and everything below it, deepest first. Prints nothing on success.",
        "Not atomic: a node created below PATH meanwhile makes it fail with 'has children'; run it again."})
final class ZkRmr extends ZkSubcommand {
  @Parameters(index = "0", paramLabel = "PATH") String path;

  @Override void validate() {
    requireValidPath(path, false);
    if (path.equals("/")) throw usage("refusing to delete /: name a znode below the root");
  }

  @Override int execute(ZooKeeper zk, PrintWriter out, PrintWriter err) throws KeeperException, InterruptedException {
    List<String> paths = ZkTree.preOrder(zk, path);
    for (int i = paths.size() - 1; i >= 0; i--) {
      try {
        zk.delete(paths.get(i), -1);
      } catch (KeeperException.NoNodeException deletedMeanwhile) {
        // Someone else deleted it between the walk and now: the goal (it is gone) is reached all the same.
      }
    }
    return ZkExit.OK;
  }
}
