package io.drover.coord.tree;

/** One watch event a write raises on a path: {@code eventType} is a {@code WatcherEvent} type. */
public record WatchTrigger(String path, int eventType) {}
