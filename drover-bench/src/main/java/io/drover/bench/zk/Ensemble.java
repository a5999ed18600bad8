package io.drover.bench.zk;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The loopback addresses of an ensemble: for each member its server id, client port, quorum port
 * (followers connect to the leader) and election port. Renders both peers' configuration: coord's
 * {@code --peers} argument and ZooKeeper's {@code server.N} lines. Pure: ports come in as values.
 */
public record Ensemble(List<Member> members) {
  public static final String HOST = "127.0.0.1";

  /** One voter; ids are 1-based like ZooKeeper's myid. */
  public record Member(int id, int clientPort, int quorumPort, int electionPort) {
    public Member {
      if (id < 1) throw new IllegalArgumentException("server ids start at 1, was " + id);
    }

    public String connectString() { return HOST + ":" + clientPort; }
  }

  public Ensemble {
    members = List.copyOf(members);
    if (members.isEmpty()) throw new IllegalArgumentException("an ensemble has at least one member");
    if (members.stream().map(Member::id).distinct().count() != members.size()) {
      throw new IllegalArgumentException("duplicate server ids in " + members);
    }
  }

  /** Members 1..size on the given ports: {@code ports} holds three per member (client, quorum, election). */
  public static Ensemble of(int size, List<Integer> ports) {
    if (ports.size() != 3 * size) throw new IllegalArgumentException("need " + 3 * size + " ports, got " + ports.size());
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      members.add(new Member(i + 1, ports.get(3 * i), ports.get(3 * i + 1), ports.get(3 * i + 2)));
    }
    return new Ensemble(members);
  }

  public int size() { return members.size(); }

  public Member member(int id) {
    return members.stream().filter(m -> m.id() == id).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no server " + id + " in " + members));
  }

  /** coord's {@code --peers}: {@code 1=127.0.0.1:Q1:E1,2=127.0.0.1:Q2:E2,…}. */
  public String peersArgument() {
    return members.stream().map(m -> m.id() + "=" + HOST + ":" + m.quorumPort() + ":" + m.electionPort())
        .collect(Collectors.joining(","));
  }

  /** zoo.cfg lines {@code server.N=127.0.0.1:Q:E}, one per member in id order. */
  public List<String> zooCfgServerLines() {
    return members.stream().map(m -> "server." + m.id() + "=" + HOST + ":" + m.quorumPort() + ":" + m.electionPort())
        .toList();
  }

  /** Every member's client address, the ZooKeeper client's connect string for the whole ensemble. */
  public String connectString() {
    return members.stream().map(Member::connectString).collect(Collectors.joining(","));
  }
}
