package io.drover.master.ha;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;

/**
 * What Drover's fenced stores (the master's registry, the apps state) do with ZooKeeper: the {@code multi} operations
 * they build (unconditional versions (-1), persistent nodes), the fenced {@code multi} itself, and reads where an
 * absent node is a value. Failures become the calling store's own checked exception ({@link Failure}).
 */
public final class ZkOps {
  private ZkOps() {}

  /** Makes the calling store's exception from a message and the cause. */
  @FunctionalInterface
  public interface Failure<E extends Exception> {
    E of(String message, Exception cause);
  }

  public static <E extends Exception> boolean exists(CuratorFramework c, String path, Failure<E> failure)
      throws E, InterruptedException {
    try {
      return c.checkExists().forPath(path) != null;
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw failure.of("could not check " + path + ": " + e, e);
    }
  }

  /** The node's data; empty if it does not exist. */
  public static <E extends Exception> Optional<byte[]> data(CuratorFramework c, String path, Failure<E> failure)
      throws E, InterruptedException {
    try {
      return Optional.of(c.getData().forPath(path));
    } catch (KeeperException.NoNodeException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw failure.of("could not read " + path + ": " + e, e);
    }
  }

  /** Children names sorted; empty if {@code path} does not exist. */
  public static <E extends Exception> List<String> children(CuratorFramework c, String path, Failure<E> failure)
      throws E, InterruptedException {
    try {
      List<String> out = new ArrayList<>(c.getChildren().forPath(path));
      out.sort(null);
      return out;
    } catch (KeeperException.NoNodeException e) {
      return List.of();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw failure.of("could not list " + path + ": " + e, e);
    }
  }

  /**
   * Runs {@code ops} (first op: the fencing check on {@code fenceNode}) as one multi. The check failing becomes
   * {@code fenced}'s exception (nothing was applied); NodeExists/NoNode of the other ops are rethrown for the caller
   * to rebuild and retry; any other failure becomes {@code failure}'s exception naming {@code what}.
   */
  public static <E extends Exception> void fencedMulti(CuratorFramework c, List<CuratorOp> ops, String fenceNode,
      String what, Function<KeeperException, ? extends E> fenced, Failure<E> failure)
      throws E, InterruptedException, KeeperException.NodeExistsException, KeeperException.NoNodeException {
    try {
      c.transaction().forOperations(ops);
    } catch (KeeperException e) {
      List<OpResult> results = e.getResults();
      boolean fenceFailed = results != null && !results.isEmpty()
          ? results.get(0) instanceof OpResult.ErrorResult er && er.getErr() != KeeperException.Code.OK.intValue()
          : e.code() == KeeperException.Code.NONODE && fenceNode.equals(e.getPath());
      if (fenceFailed) throw fenced.apply(e);
      if (e instanceof KeeperException.NodeExistsException ne) throw ne;
      if (e instanceof KeeperException.NoNodeException nn) throw nn;
      throw failure.of(what + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw failure.of(what + " failed: " + e, e);
    }
  }

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
