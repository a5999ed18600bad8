package io.drover.apps.store;

/**
 * A state read or write failed: a ZooKeeper error, a lost connection, or a corrupt or partial value. The message
 * names the znode concerned.
 */
public class StoreException extends Exception {
  public StoreException(String message, Throwable cause) { super(message, cause); }

  public StoreException(String message) { super(message); }
}
