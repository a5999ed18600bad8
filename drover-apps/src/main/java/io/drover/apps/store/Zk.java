package io.drover.apps.store;

import io.drover.master.ha.ZkOps;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;

/** The fenced stores' ZooKeeper reads ({@link ZkOps}) with the apps store's exception. */
final class Zk {
  private Zk() {}

  static boolean exists(CuratorFramework client, String path) throws StoreException, InterruptedException {
    return ZkOps.exists(client, path, StoreException::new);
  }

  static Optional<byte[]> getData(CuratorFramework client, String path) throws StoreException, InterruptedException {
    return ZkOps.data(client, path, StoreException::new);
  }

  /** Children names sorted; empty if {@code path} does not exist. */
  static List<String> children(CuratorFramework client, String path) throws StoreException, InterruptedException {
    return ZkOps.children(client, path, StoreException::new);
  }
}
