package io.drover.apps.store;

import java.util.Objects;

/**
 * A kind of stored value: the first path segment under {@code <zk path>/state} (Marathon's {@code ZkPersistenceStore}
 * categories, marathon.md §5).
 *
 * @param name the znode name, e.g. {@code apps}
 * @param versioned whether ids keep versions ({@code /<category>/<bucket>/<id>/<version>})
 */
public record Category(String name, boolean versioned) {
  /** App definitions by app id, with versions; the root group references them by version. */
  public static final Category APPS = new Category("apps", true);
  /** The root group, id {@link #ROOT_GROUP_ID}, with versions. */
  public static final Category GROUP = new Category("group", true);
  public static final Category DEPLOYMENT = new Category("deployment", false);
  public static final Category INSTANCE = new Category("instance", false);
  public static final Category TASK_FAILURES = new Category("taskFailures", false);
  public static final Category FRAMEWORK_ID = new Category("framework-id", false);

  /** The only id in {@link #GROUP}. */
  public static final String ROOT_GROUP_ID = "root";

  public Category {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.startsWith(".") || name.contains("/")) {
      throw new IllegalArgumentException("bad category name: " + name);
    }
  }
}
