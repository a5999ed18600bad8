package io.drover.agent.containerizer;

/** Completes {@link ContainerHandle#started()} when a container could not be started; see {@link #exit()}. */
public final class ContainerLaunchException extends Exception {
  private final transient ContainerExit exit;

  public ContainerLaunchException(ContainerExit exit) {
    super(exit.message());
    this.exit = exit;
  }

  public ContainerExit exit() {
    return exit;
  }
}
