package io.drover.cli.zk;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drover zk get [--stat] [--json] PATH}. */
@Command(name = "get", exitCodeOnInvalidInput = ZkExit.USAGE,
    description = "Print a znode's data as UTF-8 (invalid bytes become U+FFFD), then a newline.")
final class ZkGet extends ZkSubcommand {
  @Parameters(index = "0", paramLabel = "PATH") String path;

  @Option(names = "--stat", description = "Also print the znode's stat, zkCli style.")
  boolean withStat;

  @Option(names = "--json", description = "Print {\"path\", \"data\", \"stat\"} as JSON; data is null for a null znode.")
  boolean json;

  @Override void validate() { requireValidPath(path, false); }

  @Override int execute(ZooKeeper zk, PrintWriter out, PrintWriter err) throws KeeperException, InterruptedException {
    Stat stat = new Stat();
    byte[] data = zk.getData(path, false, stat);
    String text = data == null ? null : new String(data, StandardCharsets.UTF_8);
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", path);
      m.put("data", text);
      m.put("stat", StatFormat.json(stat));
      printJson(out, m);
      return ZkExit.OK;
    }
    out.println(text == null ? "" : text);
    if (withStat) StatFormat.lines(stat).forEach(out::println);
    return ZkExit.OK;
  }
}
