package io.drover.coord.wire;

import java.util.List;

/**
 * Client request bodies ({@code zookeeper.jute}), as plain values. Several opcodes share one shape
 * (create/create2/createContainer all use {@link Create}); the opcode travels beside the body in
 * {@link RequestPacket}. Encoding and decoding live in {@link RequestCodec}.
 */
public sealed interface Request {
  /** Requests with no body: ping, closeSession, whoAmI. */
  record Empty() implements Request {}

  record Create(String path, byte[] data, List<Acl> acl, int flags) implements Request {}

  record CreateTtl(String path, byte[] data, List<Acl> acl, int flags, long ttl) implements Request {}

  record Delete(String path, int version) implements Request {}

  record Exists(String path, boolean watch) implements Request {}

  record GetData(String path, boolean watch) implements Request {}

  record SetData(String path, byte[] data, int version) implements Request {}

  record GetAcl(String path) implements Request {}

  record SetAcl(String path, List<Acl> acl, int version) implements Request {}

  /** getChildren (8) and getChildren2 (12). */
  record GetChildren(String path, boolean watch) implements Request {}

  record Sync(String path) implements Request {}

  record CheckVersion(String path, int version) implements Request {}

  /** One op of a multi or multiRead: its opcode and body. */
  record Op(int type, Request body) {}

  /** multi (14) and multiRead (22). */
  record Multi(List<Op> ops) implements Request {}

  /** checkWatches (17) and removeWatches (18); type is a WatcherType (1 children, 2 data, 3 any, 4 persistent, 5 recursive). */
  record WatchesOf(String path, int type) implements Request {}

  /** setWatches (101) has no persistent lists: they are empty here. setWatches2 (105) has all five. */
  record SetWatches(long relativeZxid, List<String> dataWatches, List<String> existWatches, List<String> childWatches,
                    List<String> persistentWatches, List<String> persistentRecursiveWatches) implements Request {}

  record GetEphemerals(String prefixPath) implements Request {}

  record GetAllChildrenNumber(String path) implements Request {}

  /** mode 0 = PERSISTENT, 1 = PERSISTENT_RECURSIVE. */
  record AddWatch(String path, int mode) implements Request {}

  record Auth(int type, String scheme, byte[] auth) implements Request {}
}
