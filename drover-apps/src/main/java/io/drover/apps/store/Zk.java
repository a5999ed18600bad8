package io.drover.apps.store;

import io.drover.master.ha.ZkOps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/** The fenced stores' ZooKeeper reads ({@link ZkOps}) with the apps store's exception. */
final class Zk {
  /** Bound on waiting for pipelined reads (Curator's own retries end well before it). */
  private static final long READ_TIMEOUT_S = 60;

  private Zk() {}

  static boolean exists(CuratorFramework client, String path) throws StoreException, InterruptedException {
    return ZkOps.exists(client, path, StoreException::new);
  }

  static Optional<byte[]> getData(CuratorFramework client, String path) throws StoreException, InterruptedException {
    return ZkOps.data(client, path, StoreException::new);
  }

  /**
   * Children names of every path, sorted; empty for a path that does not exist. The reads are pipelined on the
   * session's connection, so many paths cost about one round trip.
   */
  static Map<String, List<String>> childrenOfAll(CuratorFramework client, List<String> paths)
      throws StoreException, InterruptedException {
    Map<String, CompletableFuture<List<String>>> pending = new LinkedHashMap<>();
    try {
      for (String p : paths) {
        CompletableFuture<List<String>> f = new CompletableFuture<>();
        pending.put(p, f);
        client.getChildren().inBackground((c, event) -> {
          KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
          if (code == KeeperException.Code.OK) {
            List<String> names = new ArrayList<>(event.getChildren());
            names.sort(null);
            f.complete(names);
          } else if (code == KeeperException.Code.NONODE) {
            f.complete(List.of());
          } else {
            f.completeExceptionally(KeeperException.create(code, event.getPath()));
          }
        }).forPath(p);
      }
      Map<String, List<String>> out = new LinkedHashMap<>();
      for (var e : pending.entrySet()) out.put(e.getKey(), e.getValue().get(READ_TIMEOUT_S, TimeUnit.SECONDS));
      return out;
    } catch (TimeoutException e) {
      throw new StoreException("cannot list children: no answer within " + READ_TIMEOUT_S + " s", e);
    } catch (ExecutionException e) {
      throw new StoreException("cannot list children: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new StoreException("cannot list children: " + e, e);
    }
  }

  /** Children names sorted; empty if {@code path} does not exist. */
  static List<String> children(CuratorFramework client, String path) throws StoreException, InterruptedException {
    return ZkOps.children(client, path, StoreException::new);
  }
}
