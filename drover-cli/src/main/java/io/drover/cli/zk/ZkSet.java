package io.drover.cli.zk;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drover zk set PATH DATA [-v VERSION]}. */
@Command(name = "set", exitCodeOnInvalidInput = ZkExit.USAGE,
    description = "Replace a znode's data (UTF-8). Prints nothing on success.")
final class ZkSet extends ZkSubcommand {
  @Parameters(index = "0", paramLabel = "PATH") String path;

  @Parameters(index = "1", paramLabel = "DATA") String data;

  @Option(names = {"-v", "--expected-version"}, paramLabel = "VERSION", defaultValue = "-1",
      description = "Only if the data version is still VERSION (-1: any version).")
  int version;

  @Override void validate() { requireValidPath(path, false); }

  @Override int execute(ZooKeeper zk, PrintWriter out, PrintWriter err) throws KeeperException, InterruptedException {
    zk.setData(path, data.getBytes(StandardCharsets.UTF_8), version);
    return ZkExit.OK;
  }

  @Override ZkErrors.Failure explain(KeeperException e) {
    return e.code() == KeeperException.Code.BADVERSION
        ? ZkErrors.failed("version mismatch at " + path + ": its data version is not " + version)
        : super.explain(e);
  }
}
