package io.drover.apps.store;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Values of one {@link Category} in Marathon's layout (marathon.md §5):
 *
 * <pre>
 * {stateRoot}/{category}/{bucket}/{id}             the current value (empty znode: none, versions only)
 * {stateRoot}/{category}/{bucket}/{id}/{version}   a version (versioned categories)
 * </pre>
 *
 * where {@code bucket} is the hex digit {@code abs(id.hashCode() % 16)} and {@code id}/{@code version} are
 * URL-encoded into znode names (a leading {@code .} is encoded too: those names are reserved for chunks). Versions
 * order by their ISO-8601 instant (Marathon's version timestamps), falling back to text order for other strings;
 * at most {@link StoreLimits#maxVersions()} are kept per id, the oldest pruned after each version write.
 *
 * <p>Values pass through the injected {@link ValueCodec}, then {@link ZkValueStore} (compression, chunking,
 * fencing). A value the codec cannot decode is a {@link StoreException} naming the znode.
 */
public final class VersionedRepository<V> {
  /** Longest encoded id or version accepted, far below ZooKeeper's path limits. */
  public static final int MAX_NAME_CHARS = 1024;
  static final int BUCKETS = 16;

  /** Oldest first: ISO-8601 instants by time, then anything else by text. */
  public static final Comparator<String> VERSION_ORDER = Comparator
      .comparing((String v) -> instantOrNull(v), Comparator.nullsLast(Comparator.<OffsetDateTime>naturalOrder()))
      .thenComparing(Comparator.<String>naturalOrder());

  private final ZkValueStore store;
  private final Category category;
  private final ValueCodec<V> codec;
  private final String categoryPath;

  /**
   * @param stateRoot the absolute state path, {@link #stateRoot(String) stateRoot(zkPath)}
   */
  public VersionedRepository(ZkValueStore store, String stateRoot, Category category, ValueCodec<V> codec) {
    this.store = Objects.requireNonNull(store, "store");
    this.category = Objects.requireNonNull(category, "category");
    this.codec = Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(stateRoot, "stateRoot");
    if (!stateRoot.startsWith("/") || stateRoot.endsWith("/")) {
      throw new IllegalArgumentException("stateRoot must be absolute without a trailing slash: " + stateRoot);
    }
    this.categoryPath = stateRoot + "/" + category.name();
  }

  /** Marathon keeps its state under {@code <zk path>/state}; e.g. {@code /drover/apps} → {@code /drover/apps/state}. */
  public static String stateRoot(String zkPath) {
    return (zkPath.endsWith("/") ? zkPath.substring(0, zkPath.length() - 1) : zkPath) + "/state";
  }

  public Category category() { return category; }

  /** The bucket of {@code id}: {@code abs(id.hashCode() % 16)} as one hex digit. */
  public static String bucket(String id) { return Integer.toHexString(Math.abs(id.hashCode() % BUCKETS)); }

  /** The znode of {@code id}'s current value. */
  public String nodePath(String id) { return categoryPath + "/" + bucket(id) + "/" + encode("id", id); }

  /** The znode of one version of {@code id}. */
  public String versionPath(String id, String version) {
    requireVersioned();
    return nodePath(id) + "/" + encode("version", version);
  }

  // ---- writes (fenced) ----

  /** Stores {@code value} as {@code id}'s current value. */
  public void put(String id, V value) throws StoreException, InterruptedException {
    store.write(nodePath(id), codec.encode(Objects.requireNonNull(value, "value")));
  }

  /** One version of one id's value, for {@link #putAll}. */
  public record Versioned<V>(String id, String version, V value) {
    public Versioned {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * Stores {@code value} as version {@code version} of {@code id} and as its current value (Marathon's
   * {@code store}); prunes versions beyond the limit.
   */
  public void put(String id, String version, V value) throws StoreException, InterruptedException {
    putAll(List.of(new Versioned<>(id, version, value)));
  }

  /**
   * {@link #put(String, String, Object)} of many values at once: the writes go into as few multis as the store can
   * make ({@link ZkValueStore#apply}), the version lists are read in one pipelined round, then excess versions are
   * pruned. So a group of a thousand new apps costs a few round trips, not thousands.
   */
  public void putAll(List<Versioned<V>> values) throws StoreException, InterruptedException {
    requireVersioned();
    List<ZkValueStore.Change> changes = new ArrayList<>();
    List<String> nodes = new ArrayList<>();
    for (Versioned<V> v : values) {
      byte[] bytes = codec.encode(v.value());
      changes.add(ZkValueStore.Change.put(nodePath(v.id()), bytes)); // the parent first: it may be new
      changes.add(ZkValueStore.Change.put(versionPath(v.id(), v.version()), bytes));
      nodes.add(nodePath(v.id()));
    }
    store.apply(changes);
    List<String> doomed = new ArrayList<>();
    for (var e : store.childrenOfAll(nodes.stream().distinct().toList()).entrySet()) {
      doomed.addAll(excessVersions(e.getKey(), e.getValue()));
    }
    if (!doomed.isEmpty()) store.deleteTrees(doomed);
  }

  /** Stores only version {@code version} of {@code id} (Marathon's {@code storeVersion}); prunes as above. */
  public void putVersion(String id, String version, V value) throws StoreException, InterruptedException {
    store.write(versionPath(id, version), codec.encode(Objects.requireNonNull(value, "value")));
    List<String> doomed = excessVersions(nodePath(id), store.children(nodePath(id)));
    if (!doomed.isEmpty()) store.deleteTrees(doomed);
  }

  /** The znodes of the oldest versions beyond the limit, given the child names of an id's node. */
  private List<String> excessVersions(String node, List<String> names) throws StoreException {
    List<String> versions = sortedVersions(node, names);
    int excess = versions.size() - store.limits().maxVersions();
    List<String> doomed = new ArrayList<>();
    for (String v : versions.subList(0, Math.max(0, excess))) doomed.add(node + "/" + encode("version", v));
    return doomed;
  }

  /** {@link #put(String, Object)} as a change for {@link ZkValueStore#apply}; only for unversioned categories. */
  public ZkValueStore.Change putChange(String id, V value) {
    requireUnversioned();
    return ZkValueStore.Change.put(nodePath(id), codec.encode(Objects.requireNonNull(value, "value")));
  }

  /** {@link #delete} as a change for {@link ZkValueStore#apply}; only for unversioned categories (no children). */
  public ZkValueStore.Change deleteChange(String id) {
    requireUnversioned();
    return ZkValueStore.Change.delete(nodePath(id));
  }

  private void requireUnversioned() {
    if (category.versioned()) {
      throw new IllegalStateException(category.name() + " keeps versions under its values: write it one by one");
    }
  }

  /** Deletes {@code id}: its current value and all versions. A no-op if absent. */
  public void delete(String id) throws StoreException, InterruptedException {
    store.deleteTree(nodePath(id));
  }

  /** Deletes one version of {@code id} (the current value stays). A no-op if absent. */
  public void deleteVersion(String id, String version) throws StoreException, InterruptedException {
    store.deleteTree(versionPath(id, version));
  }

  // ---- reads ----

  /** {@code id}'s current value, if any. */
  public Optional<V> get(String id) throws StoreException, InterruptedException {
    String node = nodePath(id);
    return decode(node, store.read(node));
  }

  /** Version {@code version} of {@code id}, if stored. */
  public Optional<V> get(String id, String version) throws StoreException, InterruptedException {
    String node = versionPath(id, version);
    return decode(node, store.read(node));
  }

  /** All ids of the category (with a current value or versions), sorted. */
  public List<String> ids() throws StoreException, InterruptedException {
    List<String> out = new ArrayList<>();
    for (String bucket : store.children(categoryPath)) {
      String bucketPath = categoryPath + "/" + bucket;
      for (String name : store.children(bucketPath)) out.add(decode(bucketPath + "/" + name, name));
    }
    out.sort(null);
    return out;
  }

  /** {@code id}'s stored versions, oldest first ({@link #VERSION_ORDER}). */
  public List<String> versions(String id) throws StoreException, InterruptedException {
    requireVersioned();
    String node = nodePath(id);
    return sortedVersions(node, store.children(node));
  }

  /** The versions named by {@code node}'s children, oldest first ({@link #VERSION_ORDER}). */
  private static List<String> sortedVersions(String node, List<String> names) throws StoreException {
    List<String> out = new ArrayList<>();
    for (String name : names) out.add(decode(node + "/" + name, name));
    out.sort(VERSION_ORDER);
    return out;
  }

  // ---- helpers ----

  private Optional<V> decode(String node, Optional<byte[]> bytes) throws StoreException {
    if (bytes.isEmpty()) return Optional.empty();
    try {
      return Optional.of(codec.decode(bytes.get()));
    } catch (IOException | RuntimeException e) {
      throw new StoreException("corrupt value at " + node + ": " + e.getMessage(), e);
    }
  }

  private void requireVersioned() {
    if (!category.versioned()) throw new IllegalStateException("category " + category.name() + " keeps no versions");
  }

  static String encode(String what, String name) {
    Objects.requireNonNull(name, what);
    if (name.isEmpty()) throw new IllegalArgumentException("empty " + what);
    String s = URLEncoder.encode(name, StandardCharsets.UTF_8);
    if (s.startsWith(".")) s = "%2E" + s.substring(1);
    if (s.length() > MAX_NAME_CHARS) {
      throw new IllegalArgumentException(what + " too long (" + s.length() + " encoded chars, at most "
          + MAX_NAME_CHARS + "): " + name.substring(0, 64) + "...");
    }
    return s;
  }

  private static String decode(String path, String name) throws StoreException {
    try {
      return URLDecoder.decode(name, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new StoreException("corrupt node name " + path + ": " + e.getMessage(), e);
    }
  }

  private static OffsetDateTime instantOrNull(String version) {
    try {
      return OffsetDateTime.parse(version);
    } catch (DateTimeParseException e) {
      return null; // not a timestamp: ordered after all timestamps, by text
    }
  }
}
