package io.drover.master.registry;

/** A registry read or write failed (ZooKeeper error, connection loss, corrupt data); the message says which path. */
public class RegistryException extends Exception {
  public RegistryException(String message, Throwable cause) { super(message, cause); }

  public RegistryException(String message) { super(message); }
}
