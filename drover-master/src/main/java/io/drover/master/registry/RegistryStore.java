package io.drover.master.registry;

import io.drover.master.allocator.Quota;
import io.drover.master.cluster.AgentStatus;
import io.drover.master.cluster.Effect.RegistryChange;
import io.drover.master.ha.ZkOps;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;

/**
 * The master's registry in ZooKeeper (mesos.md §4), one znode per item so every value stays far below
 * jute.maxbuffer:
 *
 * <pre>
 * {base}/registry/agents/{agentId}   agent entry JSON (status, info, timeMs)
 * {base}/registry/weights            role → weight JSON map
 * {base}/registry/quota/{role}       quota JSON (guarantees, limits)
 * </pre>
 *
 * Agent ids and roles are URL-encoded in znode names (hierarchical roles contain {@code /}). All writes are
 * synchronous: when a method returns, the change is durable in ZooKeeper.
 *
 * <h2>Fencing</h2>
 * Every write is a ZooKeeper {@code multi} whose first op is {@code check(fencingNode, -1)}, i.e. "the fencing znode
 * exists". The leading master passes its own ephemeral election znode ({@code <path>/json.info_<seq>}, from
 * {@link io.drover.master.ha.MasterContender#nodeName()}). When that master's session expires ZooKeeper deletes
 * the znode before any other contender can see itself elected, so from then on the old master's writes fail as a
 * whole with {@link RegistryFencedException}: a deposed leader that has not noticed yet (GC pause, partition) can
 * never clobber the registry the new leader recovered and keeps writing. Reads are not fenced.
 *
 * <p>Retries on connection loss follow the Curator client's retry policy. A write retried after a lost reply may
 * find its own earlier effect; create-or-set and delete handle that by re-reading and trying again.
 *
 * <p>Thread-safe, but the master is expected to write from one thread, in effect order; the store keeps no registry
 * state of its own.
 */
public final class RegistryStore {
  /** Mesos {@code --registry_max_agent_age}: unreachable and gone entries older than this are GC'd. */
  public static final long DEFAULT_MAX_AGENT_AGE_MS = 14L * 24 * 60 * 60 * 1000;
  /** Mesos {@code --registry_max_agent_count}: at most this many unreachable (and, separately, gone) entries. */
  public static final int DEFAULT_MAX_AGENT_COUNT = 102_400;

  /** Ops per multi when deleting in bulk; keeps each request far below jute.maxbuffer. */
  private static final int MAX_OPS_PER_MULTI = 500;
  private static final int MAX_ATTEMPTS = 5;

  /** Agent ids removed by {@link #gc}, per list. */
  public record GcResult(List<String> removedUnreachable, List<String> removedGone) {
    public GcResult {
      removedUnreachable = List.copyOf(removedUnreachable);
      removedGone = List.copyOf(removedGone);
    }
  }

  private final CuratorFramework client;
  private final String registryPath;
  private final String agentsPath;
  private final String weightsPath;
  private final String quotaPath;
  private final String fencingNode;
  /** Parent znodes seen to exist; dropped again when a create reports a missing parent. */
  private final Set<String> knownParents = ConcurrentHashMap.newKeySet();

  /**
   * @param client a started Curator client (not closed by the store)
   * @param basePath the master's ZooKeeper path, e.g. {@code /mesos}; the registry lives under
   *     {@code basePath + "/registry"}
   * @param fencingNode absolute path of a znode that exists exactly while this master leads (its election znode);
   *     every write checks it
   */
  public RegistryStore(CuratorFramework client, String basePath, String fencingNode) {
    this.client = Objects.requireNonNull(client, "client");
    Objects.requireNonNull(basePath, "basePath");
    this.fencingNode = Objects.requireNonNull(fencingNode, "fencingNode");
    if (!basePath.startsWith("/") || (basePath.length() > 1 && basePath.endsWith("/"))) {
      throw new IllegalArgumentException("basePath must be absolute without a trailing slash: " + basePath);
    }
    if (!fencingNode.startsWith("/")) throw new IllegalArgumentException("fencingNode must be absolute: " + fencingNode);
    this.registryPath = (basePath.equals("/") ? "" : basePath) + "/registry";
    this.agentsPath = registryPath + "/agents";
    this.weightsPath = registryPath + "/weights";
    this.quotaPath = registryPath + "/quota";
  }

  public String registryPath() { return registryPath; }

  public String fencingNode() { return fencingNode; }

  // ---- agents ----

  /**
   * Stores the change durably (create or overwrite the agent's znode). A change without info ({@code info == null},
   * as the core emits for an agent it only knows from a recovered registry) keeps the info already stored.
   *
   * @throws RegistryFencedException if the fencing node is gone (nothing written)
   * @throws RegistryException on any other ZooKeeper failure
   * @throws IllegalArgumentException if the agent id is not usable as a znode name or the info cannot be encoded
   */
  public void apply(RegistryChange change) throws RegistryException, InterruptedException {
    Objects.requireNonNull(change, "change");
    String path = agentsPath + "/" + encodeName("agent id", change.agentId());
    Optional<RegistryEntry> previous = Optional.empty();
    if (change.info() == null) previous = readAgent(path);
    RegistryEntry entry = new RegistryEntry(change.agentId(), change.status(),
        change.info() != null ? Optional.of(change.info()) : previous.flatMap(RegistryEntry::info), change.timeMs());
    put(path, RegistryCodec.encodeAgent(entry));
  }

  // ---- weights and quota ----

  /** Replaces the stored weights with exactly {@code weights} (role → weight > 0); an empty map clears them. */
  public void setWeights(Map<String, Double> weights) throws RegistryException, InterruptedException {
    put(weightsPath, RegistryCodec.encodeWeights(weights));
  }

  /** Stores {@code role}'s quota; {@link Quota#NONE} removes it (as {@link #removeQuota}). */
  public void setQuota(String role, Quota quota) throws RegistryException, InterruptedException {
    Objects.requireNonNull(quota, "quota");
    if (quota.isNone()) {
      removeQuota(role);
      return;
    }
    put(quotaPath + "/" + encodeName("role", role), RegistryCodec.encodeQuota(quota));
  }

  /** Removes {@code role}'s quota; a no-op (still fenced) when it has none. */
  public void removeQuota(String role) throws RegistryException, InterruptedException {
    String path = quotaPath + "/" + encodeName("role", role);
    deleteAll(List.of(path), "remove quota of " + role);
  }

  // ---- reading ----

  /** Reads the whole registry; an absent registry (fresh cluster) is {@link RegistrySnapshot#EMPTY}. */
  public RegistrySnapshot load() throws RegistryException, InterruptedException {
    List<RegistryEntry> admitted = new ArrayList<>();
    List<RegistryEntry> unreachable = new ArrayList<>();
    List<RegistryEntry> gone = new ArrayList<>();
    for (RegistryEntry e : loadAgents()) {
      switch (e.status()) {
        case REGISTERED, RECOVERED -> admitted.add(e);
        case UNREACHABLE -> unreachable.add(e);
        case GONE -> gone.add(e);
      }
    }
    Map<String, Double> weights = Map.of();
    Optional<byte[]> w = getData(weightsPath);
    if (w.isPresent()) weights = decode(weightsPath, () -> RegistryCodec.decodeWeights(w.get()));
    Map<String, Quota> quotas = new TreeMap<>();
    for (String child : children(quotaPath)) {
      String path = quotaPath + "/" + child;
      Optional<byte[]> q = getData(path);
      if (q.isPresent()) quotas.put(decodeName(path, child), decode(path, () -> RegistryCodec.decodeQuota(q.get())));
    }
    return new RegistrySnapshot(admitted, unreachable, gone, weights, quotas);
  }

  private List<RegistryEntry> loadAgents() throws RegistryException, InterruptedException {
    List<RegistryEntry> out = new ArrayList<>();
    for (String child : children(agentsPath)) {
      String path = agentsPath + "/" + child;
      Optional<RegistryEntry> e = readAgent(path);
      if (e.isEmpty()) continue; // deleted between listing and reading
      if (!e.get().agentId().equals(decodeName(path, child))) {
        throw new RegistryException("corrupt registry entry " + path + ": holds agent " + e.get().agentId());
      }
      out.add(e.get());
    }
    out.sort(Comparator.comparing(RegistryEntry::agentId));
    return out;
  }

  // ---- GC ----

  /**
   * Removes unreachable and gone entries whose {@code timeMs} is more than {@code maxAgeMs} before {@code nowMs},
   * then, per list (unreachable, gone) separately, the oldest entries beyond {@code maxCount} — as Mesos'
   * registry GC does with {@code --registry_max_agent_age} / {@code --registry_max_agent_count}. Admitted agents
   * are never removed. Deletes are fenced and batched.
   */
  public GcResult gc(long nowMs, long maxAgeMs, int maxCount) throws RegistryException, InterruptedException {
    if (maxAgeMs < 0 || maxCount < 0) throw new IllegalArgumentException("maxAgeMs and maxCount must be >= 0");
    List<RegistryEntry> agents = loadAgents();
    List<String> unreachable = expired(agents, AgentStatus.UNREACHABLE, nowMs, maxAgeMs, maxCount);
    List<String> gone = expired(agents, AgentStatus.GONE, nowMs, maxAgeMs, maxCount);
    List<String> paths = new ArrayList<>();
    for (String id : unreachable) paths.add(agentsPath + "/" + encodeName("agent id", id));
    for (String id : gone) paths.add(agentsPath + "/" + encodeName("agent id", id));
    deleteAll(paths, "registry gc");
    return new GcResult(unreachable, gone);
  }

  /** {@link #gc(long, long, int)} with Mesos' defaults (two weeks, 102,400 entries). */
  public GcResult gc(long nowMs) throws RegistryException, InterruptedException {
    return gc(nowMs, DEFAULT_MAX_AGENT_AGE_MS, DEFAULT_MAX_AGENT_COUNT);
  }

  private static List<String> expired(List<RegistryEntry> agents, AgentStatus status, long nowMs, long maxAgeMs,
      int maxCount) {
    List<RegistryEntry> list = new ArrayList<>(agents.stream().filter(e -> e.status() == status).toList());
    list.sort(Comparator.comparingLong(RegistryEntry::timeMs).thenComparing(RegistryEntry::agentId));
    List<String> out = new ArrayList<>();
    int excess = Math.max(0, list.size() - maxCount);
    for (int i = 0; i < list.size(); i++) {
      RegistryEntry e = list.get(i);
      if (i < excess || nowMs - e.timeMs() > maxAgeMs) out.add(e.agentId());
    }
    return out;
  }

  // ---- fenced writes ----

  /** Create-or-set {@code path} to {@code data} in one fenced multi (creating missing registry parents too). */
  private void put(String path, byte[] data) throws RegistryException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        List<CuratorOp> ops = new ArrayList<>();
        ops.add(ZkOps.check(client, fencingNode));
        if (exists(path)) {
          ops.add(ZkOps.setData(client, path, data));
        } else {
          for (String parent : missingParents(path)) {
            ops.add(ZkOps.create(client, parent, new byte[0]));
          }
          ops.add(ZkOps.create(client, path, data));
        }
        multi(ops, "write " + path);
        return;
      } catch (KeeperException.NodeExistsException | KeeperException.NoNodeException e) {
        // Raced with our own retried earlier attempt, or a parent vanished: re-read and build the multi again.
        knownParents.clear();
        if (attempt >= MAX_ATTEMPTS) throw new RegistryException("could not write " + path + ": " + e, e);
      }
    }
  }

  /** Deletes the existing ones of {@code paths} in fenced multis of bounded size; always checks the fence once. */
  private void deleteAll(List<String> paths, String what) throws RegistryException, InterruptedException {
    int i = 0;
    do {
      List<String> batch = paths.subList(i, Math.min(paths.size(), i + MAX_OPS_PER_MULTI));
      for (int attempt = 1; ; attempt++) {
        try {
          List<CuratorOp> ops = new ArrayList<>();
          ops.add(ZkOps.check(client, fencingNode));
          for (String p : batch) {
            if (exists(p)) ops.add(ZkOps.delete(client, p));
          }
          multi(ops, what);
          break;
        } catch (KeeperException.NoNodeException e) {
          if (attempt >= MAX_ATTEMPTS) throw new RegistryException(what + " failed: " + e, e);
        } catch (KeeperException.NodeExistsException e) {
          throw new RegistryException(what + " failed: " + e, e); // cannot happen for deletes
        }
      }
      i += batch.size();
    } while (i < paths.size());
  }

  /**
   * Runs {@code ops} (first op: the fencing check) as one multi. A failure of the check becomes
   * {@link RegistryFencedException}; NodeExists/NoNode of the other ops are rethrown for the caller to retry; any
   * other failure becomes {@link RegistryException}.
   */
  private void multi(List<CuratorOp> ops, String what)
      throws RegistryException, InterruptedException, KeeperException.NodeExistsException,
      KeeperException.NoNodeException {
    ZkOps.fencedMulti(client, ops, fencingNode, what, e -> new RegistryFencedException(fencingNode, e),
        RegistryException::new);
    for (CuratorOp op : ops) {
      String p = op.get().getPath();
      if (!p.equals(fencingNode) && op.get().getType() != org.apache.zookeeper.ZooDefs.OpCode.delete) {
        knownParents.add(parentOf(p));
      }
    }
  }

  /** Ancestors of {@code path} that do not exist yet, top down (normally only registry nodes are missing). */
  private List<String> missingParents(String path) throws RegistryException, InterruptedException {
    List<String> chain = new ArrayList<>();
    for (String p = parentOf(path); !p.equals("/"); p = parentOf(p)) chain.add(0, p);
    List<String> missing = new ArrayList<>();
    for (String p : chain) {
      if (knownParents.contains(p)) continue;
      if (!missing.isEmpty() || !exists(p)) missing.add(p);
      else knownParents.add(p);
    }
    return missing;
  }

  // ---- reads ----

  private boolean exists(String path) throws RegistryException, InterruptedException {
    return ZkOps.exists(client, path, RegistryException::new);
  }

  private Optional<byte[]> getData(String path) throws RegistryException, InterruptedException {
    return ZkOps.data(client, path, RegistryException::new);
  }

  private List<String> children(String path) throws RegistryException, InterruptedException {
    return ZkOps.children(client, path, RegistryException::new);
  }

  private Optional<RegistryEntry> readAgent(String path) throws RegistryException, InterruptedException {
    Optional<byte[]> data = getData(path);
    if (data.isEmpty()) return Optional.empty();
    return Optional.of(decode(path, () -> RegistryCodec.decodeAgent(data.get())));
  }

  @FunctionalInterface
  private interface Decoder<T> {
    T decode() throws IOException;
  }

  private static <T> T decode(String path, Decoder<T> d) throws RegistryException {
    try {
      return d.decode();
    } catch (IOException | IllegalArgumentException e) {
      throw new RegistryException("corrupt registry entry " + path + ": " + e.getMessage(), e);
    }
  }

  // ---- names ----

  static String encodeName(String what, String name) {
    Objects.requireNonNull(name, what);
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException(what + " '" + name + "' cannot name a znode");
    }
    return URLEncoder.encode(name, StandardCharsets.UTF_8);
  }

  private static String decodeName(String path, String child) throws RegistryException {
    try {
      return URLDecoder.decode(child, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new RegistryException("corrupt registry node name " + path, e);
    }
  }

  private static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }
}
