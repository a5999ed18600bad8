package io.drover.coord.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher.WatcherType;

/**
 * A seeded random operation script over a few ZooKeeper sessions and a small path space, so that collisions,
 * every error code and every watch kind happen. The script is pure data: it refers to nodes whose names are only
 * known at run time (sequential nodes) through {@link Target.Recent}, resolved by the runner on each side.
 *
 * <p>Client {@link #AUTH_CLIENT} is digest-authenticated as {@code user:pw}; the others are anonymous.
 */
public record OpScript(long seed, int clients, List<Step> steps) {
  public static final int AUTH_CLIENT = 2;
  public static final int CLIENTS = 3;
  public static final long TTL_MS = 3_600_000;

  static final String[] NODES = {"/d", "/d/a", "/d/b", "/d/a/x", "/d/a/y", "/d/b/z", "/e", "/e/f", "/p", "/p/q"};
  static final String[] SHALLOW = {"/d", "/e", "/d/a", "/d/b", "/e/f"};
  static final String[] LEAVES = {"/d/a/x", "/d/a/y", "/d/b/z", "/e/f", "/p/q", "/e"};
  static final String[] SEQ_PREFIXES = {"/d/s-", "/d/a/s-", "/e/s-", "/d/", "/q/s-", "/p/s-"};
  static final String[] READ_ONLY = {"/", "/zookeeper", "/zookeeper/config", "/zookeeper/quota", "/nope"};
  static final String[] BAD_PATHS = {"d", "/d/", "/d//x", "", "/d/./x", "/d/a/"};
  static final String[] DATA = {null, "", "v1", "v22", "hello", "x"};
  static final int[] VERSIONS = {-1, -1, 0, 0, 1, 2, 3};

  /** Where an operation points. */
  public sealed interface Target {
    record Literal(String path) implements Target {
      @Override public String toString() { return path; }
    }

    /** The {@code back}-th most recently created path (modulo the count) on this side; "/d" if none yet. */
    record Recent(int back) implements Target {
      @Override public String toString() { return "recent[" + back + "]"; }
    }
  }

  /** Which watcher a read or addWatch registers. */
  public sealed interface Watch {
    record None() implements Watch {
      @Override public String toString() { return "nowatch"; }
    }

    /** {@code watch=true}: the session's default watcher. */
    record Default() implements Watch {
      @Override public String toString() { return "default"; }
    }

    /** A watcher object owned by the client, created on first use under this name. */
    record Named(String name) implements Watch {
      @Override public String toString() { return name; }
    }
  }

  public enum AclKind { OPEN, READ_ONLY, CREATOR_ALL, IP_LOCAL, IP_OTHER, EMPTY }

  public enum CreateApi { CREATE, CREATE2 }

  public sealed interface MultiOp {
    record Create(Target target, String data, CreateMode mode) implements MultiOp {}
    record Delete(Target target, int version) implements MultiOp {}
    record SetData(Target target, String data, int version) implements MultiOp {}
    record Check(Target target, int version) implements MultiOp {}
  }

  public sealed interface Step {
    int client();

    record Create(int client, Target target, String data, AclKind acl, CreateMode mode, CreateApi api, long ttlMs) implements Step {}
    record SetData(int client, Target target, String data, int version) implements Step {}
    record Delete(int client, Target target, int version) implements Step {}
    record Exists(int client, Target target, Watch watch) implements Step {}
    record GetData(int client, Target target, Watch watch) implements Step {}
    record GetChildren(int client, Target target, Watch watch, boolean withStat) implements Step {}
    record AddWatch(int client, Target target, Watch watch, AddWatchMode mode) implements Step {}
    /** {@code watch} None means removeAllWatches; otherwise removeWatches of that watcher. */
    record RemoveWatches(int client, Target target, Watch watch, WatcherType type, boolean local) implements Step {}
    record Multi(int client, List<MultiOp> ops) implements Step {}
    record GetAcl(int client, Target target) implements Step {}
    record SetAcl(int client, Target target, AclKind acl, int version) implements Step {}
    record Sync(int client, Target target) implements Step {}
    /** {@code prefix} null means getEphemerals() without a prefix. */
    record GetEphemerals(int client, String prefix) implements Step {}
    record ChildCount(int client, Target target) implements Step {}
    /** Closes the client's session (its ephemerals go, other clients' watches fire) and opens a new one. */
    record Reopen(int client) implements Step {}
  }

  public static OpScript generate(long seed, int length) {
    return new Generator(new Random(seed)).script(seed, length);
  }

  private static final class Generator {
    private final Random rnd;
    /** Watcher names each client has used so far, so removeWatches can name real (and stale) ones. */
    private final List<List<String>> watcherNames = new ArrayList<>();
    private int next;

    Generator(Random rnd) {
      this.rnd = rnd;
      for (int c = 0; c < CLIENTS; c++) watcherNames.add(new ArrayList<>(List.of("default", "shared")));
    }

    OpScript script(long seed, int length) {
      List<Step> steps = new ArrayList<>();
      steps.add(new Step.Create(0, lit("/d"), "root-d", AclKind.OPEN, CreateMode.PERSISTENT, CreateApi.CREATE, -1));
      steps.add(new Step.Create(1, lit("/e"), null, AclKind.OPEN, CreateMode.PERSISTENT, CreateApi.CREATE2, -1));
      steps.add(new Step.Create(AUTH_CLIENT, lit("/p"), "secret", AclKind.CREATOR_ALL, CreateMode.PERSISTENT, CreateApi.CREATE2, -1));
      while (steps.size() < length) steps.add(step());
      return new OpScript(seed, CLIENTS, List.copyOf(steps));
    }

    private <T> T pick(T[] options) { return options[rnd.nextInt(options.length)]; }

    private int version() { return VERSIONS[rnd.nextInt(VERSIONS.length)]; }

    private static Target lit(String path) { return new Target.Literal(path); }

    /** Mostly real nodes, sometimes recently created ones (sequential names), rarely read-only or bad paths. */
    private Target target() {
      int r = rnd.nextInt(100);
      if (r < 68) return lit(pick(NODES));
      if (r < 88) return new Target.Recent(rnd.nextInt(4));
      if (r < 94) return lit(pick(READ_ONLY));
      return lit(pick(BAD_PATHS));
    }

    private Target writeTarget() {
      int r = rnd.nextInt(100);
      if (r < 70) return lit(pick(NODES));
      if (r < 92) return new Target.Recent(rnd.nextInt(4));
      if (r < 95) return lit(pick(READ_ONLY));
      return lit(pick(BAD_PATHS));
    }

    private Target createTarget(CreateMode mode) {
      int r = rnd.nextInt(100);
      if (mode.isSequential() && r < 65) return lit(pick(SEQ_PREFIXES));
      if (r < 85) return lit(pick(NODES));
      if (r < 90) return new Target.Recent(rnd.nextInt(3));
      if (r < 94) return lit("/nope/child");
      return lit(pick(BAD_PATHS));
    }

    private Watch readWatch(int client) {
      int r = rnd.nextInt(100);
      if (r < 45) return new Watch.None();
      if (r < 65) return new Watch.Default();
      if (r < 75) return new Watch.Named("shared");
      String name = "w" + next++;
      watcherNames.get(client).add(name);
      return new Watch.Named(name);
    }

    private Watch existingWatch(int client) {
      int r = rnd.nextInt(100);
      if (r < 8) return new Watch.Named("ghost");
      List<String> names = watcherNames.get(client);
      // Prefer recent names: they are the ones most likely still registered.
      int idx = Math.max(0, names.size() - 1 - rnd.nextInt(Math.min(names.size(), 6)));
      String name = names.get(rnd.nextInt(4) == 0 ? rnd.nextInt(names.size()) : idx);
      return name.equals("default") ? new Watch.Default() : new Watch.Named(name);
    }

    private CreateMode mode() {
      CreateMode[] modes = CreateMode.values();
      return modes[rnd.nextInt(modes.length)];
    }

    private AclKind acl(int client) {
      int r = rnd.nextInt(100);
      if (r < 75) return AclKind.OPEN;
      if (r < 83) return AclKind.CREATOR_ALL; // INVALIDACL for anonymous clients
      if (r < 88) return AclKind.READ_ONLY;
      if (r < 93) return AclKind.IP_LOCAL;
      if (r < 97) return AclKind.IP_OTHER;
      return AclKind.EMPTY;
    }

    private String data() { return pick(DATA); }

    private Step step() {
      int c = rnd.nextInt(CLIENTS);
      int r = rnd.nextInt(1000);
      if (r < 300) return create(c);
      if (r < 380) return new Step.SetData(c, writeTarget(), data(), version());
      if (r < 430) return new Step.Delete(c, deleteTarget(), version());
      if (r < 490) return new Step.Exists(c, target(), readWatch(c));
      if (r < 550) return new Step.GetData(c, target(), readWatch(c));
      if (r < 620) return new Step.GetChildren(c, target(), readWatch(c), rnd.nextBoolean());
      if (r < 660) {
        Watch w = rnd.nextInt(3) == 0 ? new Watch.Default() : readWatch(c);
        if (w instanceof Watch.None) w = new Watch.Named("shared");
        return new Step.AddWatch(c, target(), w, rnd.nextBoolean() ? AddWatchMode.PERSISTENT : AddWatchMode.PERSISTENT_RECURSIVE);
      }
      if (r < 710) {
        Watch w = rnd.nextInt(3) == 0 ? new Watch.None() : existingWatch(c);
        WatcherType[] types = WatcherType.values();
        return new Step.RemoveWatches(c, target(), w, types[rnd.nextInt(types.length)], rnd.nextInt(10) == 0);
      }
      if (r < 810) return multi(c);
      if (r < 840) return new Step.GetAcl(c, target());
      if (r < 870) {
        Target t = rnd.nextInt(4) == 0 ? writeTarget() : lit(pick(LEAVES));
        return new Step.SetAcl(c, t, acl(c), version());
      }
      if (r < 890) return new Step.Sync(c, target());
      if (r < 920) {
        String[] prefixes = {null, null, "/d", "/d/a", "/e", "/", "/x"};
        return new Step.GetEphemerals(c, pick(prefixes));
      }
      if (r < 950) return new Step.ChildCount(c, target());
      if (r < 985) return new Step.Create(c, lit(pick(SHALLOW)), data(), AclKind.OPEN, CreateMode.PERSISTENT, CreateApi.CREATE2, -1);
      return new Step.Reopen(c);
    }

    /** Deletes favour deep nodes and recent (sequential) ones, so the tree keeps growing back. */
    private Target deleteTarget() {
      int r = rnd.nextInt(100);
      if (r < 40) return new Target.Recent(rnd.nextInt(4));
      if (r < 75) return lit(pick(LEAVES));
      if (r < 88) return lit(pick(SHALLOW)); // NOTEMPTY, and the watches on parents
      return writeTarget();
    }

    private Step create(int c) {
      CreateMode mode = mode();
      CreateApi api = mode.isTTL() || rnd.nextBoolean() ? CreateApi.CREATE2 : CreateApi.CREATE;
      if (mode.isTTL() && rnd.nextInt(10) == 0) api = CreateApi.CREATE; // opcode 1 cannot carry a TTL
      long ttl = mode.isTTL() ? (rnd.nextInt(12) == 0 ? 0 : TTL_MS + rnd.nextInt(1000)) : -1;
      if (!mode.isTTL() && api == CreateApi.CREATE2 && rnd.nextInt(12) == 0) ttl = 5000; // TTL on a non-TTL mode
      return new Step.Create(c, createTarget(mode), data(), acl(c), mode, api, ttl);
    }

    private Step multi(int c) {
      int n = 1 + rnd.nextInt(4);
      List<MultiOp> ops = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ops.add(switch (rnd.nextInt(4)) {
          case 0 -> {
            CreateMode[] modes = {CreateMode.PERSISTENT, CreateMode.EPHEMERAL, CreateMode.PERSISTENT_SEQUENTIAL,
                CreateMode.EPHEMERAL_SEQUENTIAL, CreateMode.CONTAINER};
            CreateMode mode = modes[rnd.nextInt(modes.length)];
            yield new MultiOp.Create(createTarget(mode), data(), mode);
          }
          case 1 -> new MultiOp.Delete(writeTarget(), version());
          case 2 -> new MultiOp.SetData(writeTarget(), data(), version());
          default -> new MultiOp.Check(writeTarget(), version());
        });
      }
      return new Step.Multi(c, List.copyOf(ops));
    }
  }
}
