package io.drover.agent.containerizer;

import java.util.concurrent.CompletableFuture;

/**
 * What {@link Containerizer#launch} returns. Exactly one of these holds eventually: {@code started} completes
 * normally and later {@code exit} completes; or {@code started} completes exceptionally with a
 * {@link ContainerLaunchException} and {@code exit} completes with a {@link ContainerExit.Termination.NotStarted}
 * exit carrying the same message. {@code exit} never completes exceptionally.
 */
public record ContainerHandle(
    String containerId, CompletableFuture<Running> started, CompletableFuture<ContainerExit> exit) {}
