package io.drover.coord.tree;

/** How a watch was set: getData/exists (DATA), getChildren (CHILD), or addWatch's two modes. */
public enum WatchKind { DATA, CHILD, PERSISTENT, PERSISTENT_RECURSIVE }
