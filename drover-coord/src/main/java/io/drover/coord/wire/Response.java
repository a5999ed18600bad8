package io.drover.coord.wire;

import java.util.List;

/** Reply bodies. A reply whose header carries an error has no body at all. Encoding lives in {@link ResponseCodec}. */
public sealed interface Response {
  record Empty() implements Response {}

  record Create(String path) implements Response {}

  /** create2, createContainer, createTTL. */
  record Create2(String path, Stat stat) implements Response {}

  /** exists, setData, setACL, check. */
  record StatOnly(Stat stat) implements Response {}

  record GetData(byte[] data, Stat stat) implements Response {}

  record GetAcl(List<Acl> acl, Stat stat) implements Response {}

  record GetChildren(List<String> children) implements Response {}

  record GetChildren2(List<String> children, Stat stat) implements Response {}

  record Sync(String path) implements Response {}

  /** One result of a multi: its type (the op's opcode, or -1 for an error) and its body. */
  record OpResult(int type, int err, Response body) {}

  record Multi(List<OpResult> results) implements Response {}

  record Error(int err) implements Response {}

  record Ephemerals(List<String> paths) implements Response {}

  record AllChildrenNumber(int totalNumber) implements Response {}

  record ClientInfo(String authScheme, String user) {}

  record WhoAmI(List<ClientInfo> clientInfo) implements Response {}
}
