package io.drover.bench.scale;

import io.drover.apps.store.Fence;
import io.drover.apps.store.StoreLimits;
import io.drover.apps.store.ZkValueStore;
import io.drover.bench.master.LatencySummary;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;

/**
 * Evidence for the profile: how long one apps-store write takes, done exactly as the apps leader does it (the real
 * {@link ZkValueStore#write}: {@code exists}, {@code getChildren} of the parent for chunk siblings, then a fenced
 * {@code multi}), sequentially, against the bench's coord (fsync on), first into an empty parent and then into one
 * that already holds {@code siblings} values (a store bucket holds 1/16 of the instances: 625 at 10,000).
 */
final class StoreWriteProbe {
  /** Per-write latency into an empty parent and into a full one. */
  record Result(int writes, int valueBytes, int siblings, LatencySummary emptyParentMs, LatencySummary fullParentMs) {}

  private StoreWriteProbe() {}

  static Result run(String coordAddress, int writes, int siblings) throws Exception {
    try (CuratorFramework client = CuratorFrameworkFactory.newClient(coordAddress, 30_000, 10_000,
        new RetryOneTime(100))) {
      client.start();
      if (!client.blockUntilConnected(10, TimeUnit.SECONDS)) throw new IllegalStateException("cannot reach coord");
      client.create().creatingParentsIfNeeded().forPath("/store-probe/fence");
      ZkValueStore store = new ZkValueStore(client, Fence.node("/store-probe/fence"), StoreLimits.DEFAULTS);
      byte[] value = "x".repeat(600).getBytes(StandardCharsets.UTF_8); // about one stored instance
      LatencySummary empty = timeWrites(store, "/store-probe/a", writes, value);
      for (int i = 0; i < siblings; i++) store.write(String.format("/store-probe/b/instance-%05d", i), value);
      LatencySummary full = timeWrites(store, "/store-probe/b", writes, value);
      return new Result(writes, value.length, siblings, empty, full);
    }
  }

  /** Overwrites {@code writes} distinct values under {@code parent}, created first, timing each overwrite. */
  private static LatencySummary timeWrites(ZkValueStore store, String parent, int writes, byte[] value)
      throws Exception {
    for (int i = 0; i < writes; i++) store.write(String.format("%s/instance-%05d", parent, i), value);
    double[] ms = new double[writes];
    for (int i = 0; i < writes; i++) {
      long t0 = System.nanoTime();
      store.write(String.format("%s/instance-%05d", parent, i), value);
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    return LatencySummary.ofMs(ms);
  }
}
