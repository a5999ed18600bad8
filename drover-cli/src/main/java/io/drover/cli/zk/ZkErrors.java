package io.drover.cli.zk;

import org.apache.zookeeper.KeeperException;

/** Turns a server's "no" into one line a person can act on, plus the exit code scripts branch on. */
final class ZkErrors {
  private ZkErrors() {}

  record Failure(int exitCode, String message) {}

  static Failure failed(String message) { return new Failure(ZkExit.FAILED, message); }

  static Failure describe(KeeperException e, String server) {
    String path = e.getPath();
    return switch (e.code()) {
      case NONODE -> failed("no node at " + path);
      case NODEEXISTS -> failed("node already exists at " + path);
      case BADVERSION -> failed("version mismatch at " + path + ": the node is not at the expected version");
      case NOTEMPTY -> failed("node " + path + " has children; use `drover zk rmr " + path
          + "` to delete it with everything below it");
      case NOCHILDRENFOREPHEMERALS -> failed("cannot create " + path + ": its parent is ephemeral and may not have children");
      case NOAUTH -> failed("not authorized for " + path);
      case INVALIDACL -> failed("invalid ACL for " + path);
      case BADARGUMENTS -> failed("the server rejected the arguments for " + path);
      case UNIMPLEMENTED -> failed("the server does not support this operation on " + path);
      case CONNECTIONLOSS, SESSIONEXPIRED, OPERATIONTIMEOUT, SESSIONMOVED ->
          new Failure(ZkExit.UNREACHABLE, "lost the connection to ZooKeeper at " + server + " (" + e.code() + ")");
      default -> failed(path == null ? "ZooKeeper error: " + e.code() : "ZooKeeper error at " + path + ": " + e.code());
    };
  }

  /** "/a/b" -> "/a"; "/a" -> "/". */
  static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }
}
