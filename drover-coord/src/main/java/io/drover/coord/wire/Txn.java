package io.drover.coord.wire;

import java.util.List;

/**
 * Transactions: the idempotent state changes that are logged, replicated and applied to the tree,
 * shaped as in {@code zookeeper.jute}. Who and when live in {@link TxnHeader}; the txn type code is
 * {@link #type()}. Encoding lives in {@link TxnCodec}.
 */
public sealed interface Txn {
  int type();

  /** type CREATE (1) or CREATE2 (15); an ephemeral's owner is the header's clientId. */
  record Create(int type, String path, byte[] data, List<Acl> acl, boolean ephemeral, int parentCVersion) implements Txn {}

  record CreateContainer(String path, byte[] data, List<Acl> acl, int parentCVersion) implements Txn {
    public int type() { return OpCode.CREATE_CONTAINER; }
  }

  record CreateTtl(String path, byte[] data, List<Acl> acl, int parentCVersion, long ttl) implements Txn {
    public int type() { return OpCode.CREATE_TTL; }
  }

  /** type DELETE (2) or DELETE_CONTAINER (20). */
  record Delete(int type, String path) implements Txn {}

  /** version is the node's new version. */
  record SetData(String path, byte[] data, int version) implements Txn {
    public int type() { return OpCode.SET_DATA; }
  }

  /** version is the node's new aversion. */
  record SetAcl(String path, List<Acl> acl, int version) implements Txn {
    public int type() { return OpCode.SET_ACL; }
  }

  record CheckVersion(String path, int version) implements Txn {
    public int type() { return OpCode.CHECK; }
  }

  /** A failed write, logged so it still consumes a zxid; also a failed op inside a multi. */
  record Error(int err) implements Txn {
    public int type() { return OpCode.ERROR; }
  }

  record Multi(List<Txn> txns) implements Txn {
    public int type() { return OpCode.MULTI; }
  }

  record CreateSession(int timeOut) implements Txn {
    public int type() { return OpCode.CREATE_SESSION; }
  }

  /** The ephemerals to delete, listed by the server that closes the session. */
  record CloseSession(List<String> paths2Delete) implements Txn {
    public int type() { return OpCode.CLOSE_SESSION; }
  }
}
