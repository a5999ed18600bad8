package io.drover.cli.zk;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;

/** Walks a subtree with getChildren. Not atomic: the tree may change during the walk (ZooKeeper has no snapshot read). */
final class ZkTree {
  private ZkTree() {}

  /**
   * {@code root} and every znode below it as full paths, depth first, siblings sorted; parents come before their
   * children, so the reverse of this list deletes deepest first.
   *
   * @throws KeeperException.NoNodeException if {@code root} itself does not exist
   */
  static List<String> preOrder(ZooKeeper zk, String root) throws KeeperException, InterruptedException {
    List<String> paths = new ArrayList<>();
    Deque<String> stack = new ArrayDeque<>();
    paths.add(root);
    pushChildren(stack, root, zk.getChildren(root, false));
    while (!stack.isEmpty()) {
      String path = stack.pop();
      List<String> children;
      try {
        children = zk.getChildren(path, false);
      } catch (KeeperException.NoNodeException deletedMeanwhile) {
        continue; // gone between listing its parent and listing it: no longer part of the tree
      }
      paths.add(path);
      pushChildren(stack, path, children);
    }
    return paths;
  }

  /** Children sorted by name, as ZooKeeper returns them in no particular order. */
  static List<String> sorted(List<String> names) {
    List<String> copy = new ArrayList<>(names);
    copy.sort(null);
    return copy;
  }

  static String child(String parent, String name) { return parent.equals("/") ? "/" + name : parent + "/" + name; }

  private static void pushChildren(Deque<String> stack, String parent, List<String> names) {
    List<String> ordered = sorted(names);
    for (int i = ordered.size() - 1; i >= 0; i--) stack.push(child(parent, ordered.get(i))); // first name on top
  }
}
