package io.drover.cli.zk;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drover zk create [-e] [-s] [--ttl MS] [--container] PATH [DATA]}. */
@Command(name = "create", exitCodeOnInvalidInput = ZkExit.USAGE,
    description = {"Create a znode (open ACL) and print its path (with the sequence number for -s).",
        "An ephemeral node (-e) lives as long as this command's session: it is deleted when the command exits."})
final class ZkCreate extends ZkSubcommand {
  @Parameters(index = "0", paramLabel = "PATH") String path;

  @Parameters(index = "1", arity = "0..1", paramLabel = "DATA", description = "UTF-8 data; empty if absent.")
  String data;

  @Option(names = "-e", description = "Ephemeral: deleted when the creating session ends.")
  boolean ephemeral;

  @Option(names = "-s", description = "Sequential: the server appends a 10-digit counter to the name.")
  boolean sequential;

  @Option(names = "--ttl", paramLabel = "MS",
      description = "Persistent node deleted by the server once it has had no children for MS ms and not been "
          + "modified for MS ms (Apache ZooKeeper needs -Dzookeeper.extendedTypesEnabled=true).")
  Long ttlMs;

  @Option(names = "--container", description = "Container: deleted by the server once its last child is gone.")
  boolean container;

  @Override void validate() {
    requireValidPath(path, sequential);
    if (container && (ephemeral || sequential || ttlMs != null)) {
      throw usage("--container cannot be combined with -e, -s or --ttl");
    }
    if (ttlMs != null && ephemeral) throw usage("--ttl applies to persistent nodes; it cannot be combined with -e");
    if (ttlMs != null && ttlMs <= 0) throw usage("--ttl must be positive, got " + ttlMs);
  }

  CreateMode mode() {
    if (container) return CreateMode.CONTAINER;
    if (ttlMs != null) return sequential ? CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL : CreateMode.PERSISTENT_WITH_TTL;
    if (ephemeral) return sequential ? CreateMode.EPHEMERAL_SEQUENTIAL : CreateMode.EPHEMERAL;
    return sequential ? CreateMode.PERSISTENT_SEQUENTIAL : CreateMode.PERSISTENT;
  }

  @Override int execute(ZooKeeper zk, PrintWriter out, PrintWriter err) throws KeeperException, InterruptedException {
    byte[] bytes = data == null ? new byte[0] : data.getBytes(StandardCharsets.UTF_8);
    String created = zk.create(path, bytes, ZooDefs.Ids.OPEN_ACL_UNSAFE, mode(), new Stat(),
        ttlMs == null ? -1 : ttlMs);
    out.println(created);
    if (ephemeral) err.println("note: " + created + " is ephemeral and is deleted now that this command's session ends");
    return ZkExit.OK;
  }

  @Override ZkErrors.Failure explain(KeeperException e) {
    return switch (e.code()) {
      case NONODE -> ZkErrors.failed("no node at " + ZkErrors.parentOf(path) + " (the parent of " + path + ")");
      case UNIMPLEMENTED -> ttlMs == null ? super.explain(e) : ZkErrors.failed("the server does not support TTL nodes"
          + " (Apache ZooKeeper needs -Dzookeeper.extendedTypesEnabled=true)");
      default -> super.explain(e);
    };
  }
}
