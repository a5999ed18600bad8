package io.drover.coord.tree;

import io.drover.coord.wire.Id;
import java.util.List;

/**
 * The caller of a request: its session, the server's id for its connection (for watches), and its
 * authenticated ids, which always include {@code ip:<clientIp>} as ZooKeeper adds it on connect.
 */
public record Session(long sessionId, long watcherId, List<Id> authIds, String clientIp) {
  public Session {
    authIds = List.copyOf(authIds);
  }
}
