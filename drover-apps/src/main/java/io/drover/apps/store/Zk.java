package io.drover.apps.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
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
}
