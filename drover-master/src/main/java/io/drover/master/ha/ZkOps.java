package io.drover.master.ha;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;

/**
 * The ZooKeeper {@code multi} operations Drover's fenced stores build (the master's registry, the apps state):
 * unconditional versions (-1), persistent nodes.
 */
public final class ZkOps {
  private ZkOps() {}

  public static CuratorOp check(CuratorFramework c, String path) {
    return op(() -> c.transactionOp().check().withVersion(-1).forPath(path));
  }

  public static CuratorOp create(CuratorFramework c, String path, byte[] data) {
    return op(() -> c.transactionOp().create().withMode(CreateMode.PERSISTENT).forPath(path, data));
  }

  public static CuratorOp setData(CuratorFramework c, String path, byte[] data) {
    return op(() -> c.transactionOp().setData().withVersion(-1).forPath(path, data));
  }

  public static CuratorOp delete(CuratorFramework c, String path) {
    return op(() -> c.transactionOp().delete().withVersion(-1).forPath(path));
  }

  @FunctionalInterface
  private interface OpBuilder {
    CuratorOp build() throws Exception;
  }

  /** Curator's op builders declare {@code Exception} but only validate the path; a failure there is a bug. */
  private static CuratorOp op(OpBuilder b) {
    try {
      return b.build();
    } catch (Exception e) {
      throw new IllegalStateException("cannot build ZooKeeper op: " + e.getMessage(), e);
    }
  }
}
