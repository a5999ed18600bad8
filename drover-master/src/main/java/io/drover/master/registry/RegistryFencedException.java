package io.drover.master.registry;

/**
 * A write was refused because the store's fencing znode (the leader's own election node) no longer exists: this
 * master has lost leadership and must not touch the registry any more. Nothing of the refused write was applied.
 */
public final class RegistryFencedException extends RegistryException {
  private final String fencingNode;

  public RegistryFencedException(String fencingNode, Throwable cause) {
    super("registry write refused: fencing node " + fencingNode
        + " is gone, so this master is no longer the leader", cause);
    this.fencingNode = fencingNode;
  }

  public String fencingNode() { return fencingNode; }
}
