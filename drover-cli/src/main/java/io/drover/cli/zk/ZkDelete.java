package io.drover.cli.zk;

import java.io.PrintWriter;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drover zk delete PATH [-v VERSION]}. */
@Command(name = "delete", exitCodeOnInvalidInput = ZkExit.USAGE,
    description = "Delete a znode that has no children (see rmr for a subtree). Prints nothing on success.")
final class ZkDelete extends ZkSubcommand {
  @Parameters(index = "0", paramLabel = "PATH") String path;

  @Option(names = {"-v", "--expected-version"}, paramLabel = "VERSION", defaultValue = "-1",
      description = "Only if the data version is still VERSION (-1: any version).")
  int version;

  @Override void validate() { requireValidPath(path, false); }

  @Override int execute(ZooKeeper zk, PrintWriter out, PrintWriter err) throws KeeperException, InterruptedException {
    zk.delete(path, version);
    return ZkExit.OK;
  }

  @Override ZkErrors.Failure explain(KeeperException e) {
    return e.code() == KeeperException.Code.BADVERSION
        ? ZkErrors.failed("version mismatch at " + path + ": its data version is not " + version)
        : super.explain(e);
  }
}
