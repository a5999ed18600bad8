package io.drover.coord.server;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ensemble of {@code drover coord --peers}: {@code id=host:quorumPort:electionPort[:observer|:participant]},
 * comma-separated, as ZooKeeper's {@code server.N=host:2888:3888[:observer]} lines. Every server is given the same
 * list. Parsing checks everything a typo could break, and says which entry is wrong.
 */
public record Peers(List<Peer> all) {
  /** One server of the ensemble. */
  public record Peer(long id, String host, int quorumPort, int electionPort, boolean observer) {
    @Override public String toString() {
      return id + "=" + host + ":" + quorumPort + ":" + electionPort + (observer ? ":observer" : "");
    }
  }

  public Peers {
    all = List.copyOf(all);
  }

  /**
   * Parses {@code spec}.
   *
   * @throws IllegalArgumentException naming the bad entry: a malformed one, an id that is not a positive number or
   *     repeats, a port outside 1..65535, a host:port used twice, or no voter at all
   */
  public static Peers parse(String spec) {
    if (spec == null || spec.isBlank()) throw new IllegalArgumentException("--peers is empty");
    List<Peer> out = new ArrayList<>();
    Set<Long> ids = new HashSet<>();
    Set<String> addresses = new HashSet<>();
    for (String raw : spec.split(",")) {
      String entry = raw.trim();
      int eq = entry.indexOf('=');
      if (eq <= 0) throw bad(entry, "expected id=host:quorumPort:electionPort[:observer]");
      long id = parseId(entry, entry.substring(0, eq).trim());
      String[] parts = entry.substring(eq + 1).trim().split(":");
      if (parts.length < 3 || parts.length > 4 || parts[0].isBlank()) {
        throw bad(entry, "expected id=host:quorumPort:electionPort[:observer]");
      }
      boolean observer = false;
      if (parts.length == 4) {
        observer = switch (parts[3].trim()) {
          case "observer" -> true;
          case "participant" -> false;
          default -> throw bad(entry, "the role must be observer or participant, not '" + parts[3] + "'");
        };
      }
      String host = parts[0].trim();
      Peer peer = new Peer(id, host, port(entry, parts[1]), port(entry, parts[2]), observer);
      if (peer.quorumPort() == peer.electionPort()) throw bad(entry, "the quorum and election ports must differ");
      if (!ids.add(id)) throw bad(entry, "server id " + id + " appears twice");
      for (int p : new int[] {peer.quorumPort(), peer.electionPort()}) {
        if (!addresses.add(host + ":" + p)) throw bad(entry, host + ":" + p + " is used twice");
      }
      out.add(peer);
    }
    if (out.stream().allMatch(Peer::observer)) throw new IllegalArgumentException("--peers lists no voter, only observers");
    return new Peers(out);
  }

  public Optional<Peer> get(long id) { return all.stream().filter(p -> p.id() == id).findFirst(); }

  /** {@code id}'s entry, or an error saying that {@code --id} must name one of the peers. */
  public Peer require(long id) {
    return get(id).orElseThrow(() -> new IllegalArgumentException("--id " + id + " is not in --peers ("
        + String.join(",", all.stream().map(Peer::toString).toList()) + ")"));
  }

  public List<Peer> voters() { return all.stream().filter(p -> !p.observer()).toList(); }

  /** Votes needed for a quorum: a majority of the voters. */
  public int quorumSize() { return voters().size() / 2 + 1; }

  private static long parseId(String entry, String text) {
    try {
      long id = Long.parseLong(text);
      if (id > 0) return id;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(entry, "the server id must be a positive number, not '" + text + "'");
  }

  private static int port(String entry, String text) {
    try {
      int p = Integer.parseInt(text.trim());
      if (p >= 1 && p <= 65535) return p;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(entry, "'" + text + "' is not a port (1-65535)");
  }

  private static IllegalArgumentException bad(String entry, String why) {
    return new IllegalArgumentException("bad --peers entry '" + entry + "': " + why);
  }
}
