package io.drover.bench.zk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * An ensemble of child JVMs started by {@link Servers#startEnsemble}. Finds the leader with
 * {@code srvr}, kills members with SIGKILL, and {@link #close()} stops every member and deletes
 * their directories.
 */
public final class RunningEnsemble implements AutoCloseable {
  private final Peer peer;
  private final Ensemble ensemble;
  /** By server id, in id order. */
  private final Map<Integer, RunningServer> servers = new LinkedHashMap<>();
  /** Members the bench killed on purpose; their exit is not a failure. */
  private final Set<Integer> killed = new HashSet<>();

  RunningEnsemble(Peer peer, Ensemble ensemble) {
    this.peer = peer;
    this.ensemble = ensemble;
  }

  void add(int id, RunningServer server) { servers.put(id, server); }

  public Peer peer() { return peer; }

  public Ensemble ensemble() { return ensemble; }

  public List<RunningServer> servers() { return List.copyOf(servers.values()); }

  public RunningServer server(int id) {
    RunningServer s = servers.get(id);
    if (s == null) throw new IllegalArgumentException("no server " + id);
    return s;
  }

  /** One single-server connect string per member, in id order: client i of a load run uses entry i mod size. */
  public List<String> memberConnectStrings() {
    return ensemble.members().stream().map(Ensemble.Member::connectString).toList();
  }

  /**
   * Waits until exactly one live member reports {@code Mode: leader} and every other live member
   * {@code follower}, and returns the leader's id.
   */
  public int awaitLeader(long timeoutMs) throws IOException, InterruptedException {
    long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    Map<Integer, Optional<FourLetterWord.Mode>> last = Map.of();
    while (true) {
      failIfAnyExited();
      last = modes();
      Optional<Integer> leader = settledLeader(last);
      if (leader.isPresent()) return leader.get();
      if (System.nanoTime() >= deadlineNs) break;
      Thread.sleep(50);
    }
    throw new IOException("no single leader among the live members within " + timeoutMs
        + " ms (srvr modes: " + last + "); the server must answer srvr with a 'Mode: leader|follower' line");
  }

  /** The modes {@code srvr} reports for the live members, by id. */
  Map<Integer, Optional<FourLetterWord.Mode>> modes() {
    Map<Integer, Optional<FourLetterWord.Mode>> modes = new LinkedHashMap<>();
    servers.forEach((id, s) -> {
      if (s.process().isAlive()) modes.put(id, FourLetterWord.modeOf(s.port()));
    });
    return modes;
  }

  /** The leader's id when exactly one member leads and all others follow; pure, for tests. */
  static Optional<Integer> settledLeader(Map<Integer, Optional<FourLetterWord.Mode>> modes) {
    List<Integer> leaders = new ArrayList<>();
    for (Map.Entry<Integer, Optional<FourLetterWord.Mode>> e : modes.entrySet()) {
      FourLetterWord.Mode mode = e.getValue().orElse(null);
      if (mode == FourLetterWord.Mode.LEADER) leaders.add(e.getKey());
      else if (mode != FourLetterWord.Mode.FOLLOWER) return Optional.empty();
    }
    return leaders.size() == 1 ? Optional.of(leaders.get(0)) : Optional.empty();
  }

  /** Throws when a member has exited on its own (not one {@link #kill}ed by the bench). */
  void failIfAnyExited() throws IOException {
    for (Map.Entry<Integer, RunningServer> e : servers.entrySet()) {
      Process p = e.getValue().process();
      if (!p.isAlive() && !killed.contains(e.getKey())) {
        throw new IOException("server " + e.getKey() + " (pid " + p.pid() + ") exited with status " + p.exitValue());
      }
    }
  }

  /** kill -9 of member {@code id}; returns once the process is gone, with the {@code nanoTime} the signal was sent. */
  public long kill(int id) throws InterruptedException {
    killed.add(id);
    return server(id).kill();
  }

  /** Every member's whole log, concatenated, to search for a known startup failure. */
  String allLogs() {
    StringBuilder b = new StringBuilder();
    for (RunningServer s : servers.values()) b.append(s.logTail(Integer.MAX_VALUE)).append('\n');
    return b.toString();
  }

  /** Every member's command, state and log tail, for an error message. */
  String describeFailure() {
    StringBuilder b = new StringBuilder();
    servers.forEach((id, s) -> {
      Process p = s.process();
      b.append("--- server ").append(id).append(" (pid ").append(p.pid()).append(", ")
          .append(p.isAlive() ? "running" : "exited " + p.exitValue()).append(")\ncommand: ")
          .append(s.printableCommand()).append("\nlast lines of its log:\n").append(s.logTail(12)).append('\n');
    });
    return b.toString();
  }

  @Override public void close() {
    RuntimeException first = null;
    for (RunningServer s : servers.values()) {
      try {
        s.close();
      } catch (RuntimeException e) {
        if (first == null) first = e;
        else first.addSuppressed(e);
      }
    }
    if (first != null) throw first;
  }
}
