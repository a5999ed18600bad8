package io.drover.apps.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;

/** Curator calls with the store's exception contract: absent nodes are values, other failures name the path. */
final class Zk {
  private Zk() {}

  static boolean exists(CuratorFramework client, String path) throws StoreException, InterruptedException {
    try {
      return client.checkExists().forPath(path) != null;
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new StoreException("could not check " + path + ": " + e, e);
    }
  }

  static Optional<byte[]> getData(CuratorFramework client, String path) throws StoreException, InterruptedException {
    try {
      return Optional.of(client.getData().forPath(path));
    } catch (KeeperException.NoNodeException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new StoreException("could not read " + path + ": " + e, e);
    }
  }

  /** Children names sorted; empty if {@code path} does not exist. */
  static List<String> children(CuratorFramework client, String path) throws StoreException, InterruptedException {
    try {
      List<String> c = new ArrayList<>(client.getChildren().forPath(path));
      c.sort(null);
      return c;
    } catch (KeeperException.NoNodeException e) {
      return List.of();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new StoreException("could not list " + path + ": " + e, e);
    }
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

  static CuratorOp check(CuratorFramework c, String path) {
    return op(() -> c.transactionOp().check().withVersion(-1).forPath(path));
  }

  static CuratorOp create(CuratorFramework c, String path, byte[] data) {
    return op(() -> c.transactionOp().create().withMode(CreateMode.PERSISTENT).forPath(path, data));
  }

  static CuratorOp setData(CuratorFramework c, String path, byte[] data) {
    return op(() -> c.transactionOp().setData().withVersion(-1).forPath(path, data));
  }

  static CuratorOp delete(CuratorFramework c, String path) {
    return op(() -> c.transactionOp().delete().withVersion(-1).forPath(path));
  }
}
