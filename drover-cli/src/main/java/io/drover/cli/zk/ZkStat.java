package io.drover.cli.zk;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drover zk stat [--json] PATH}. */
@Command(name = "stat", exitCodeOnInvalidInput = ZkExit.USAGE,
    description = "Print a znode's stat as zkCli does (cZxid = 0x..., ctime = ..., ...).")
final class ZkStat extends ZkSubcommand {
  @Parameters(index = "0", paramLabel = "PATH") String path;

  @Option(names = "--json", description = "Print {\"path\", \"stat\"} as JSON with jute field names.")
  boolean json;

  @Override void validate() { requireValidPath(path, false); }

  @Override int execute(ZooKeeper zk, PrintWriter out, PrintWriter err) throws KeeperException, InterruptedException {
    Stat stat = zk.exists(path, false);
    if (stat == null) throw new KeeperException.NoNodeException(path);
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", path);
      m.put("stat", StatFormat.json(stat));
      printJson(out, m);
    } else {
      StatFormat.lines(stat).forEach(out::println);
    }
    return ZkExit.OK;
  }
}
