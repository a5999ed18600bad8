package io.drover.apps.store;

/**
 * Bounds of the state store (Marathon's {@code --zk_max_node_size}, {@code --zk_compression},
 * {@code --zk_compression_threshold}, {@code --zk_max_versions}).
 *
 * @param maxNodeBytes ZooKeeper's node (and request) size limit, {@code jute.maxbuffer}: 1 MiB by default
 * @param headroomBytes kept free in every request for the path, the fencing check and the op framing; a value
 *     whose stored form exceeds {@code maxNodeBytes - headroomBytes} is split into chunks of at most that size
 * @param compression whether values above {@code compressThresholdBytes} are gzip-compressed
 * @param compressThresholdBytes values longer than this are compressed (when {@code compression})
 * @param maxValueBytes the largest value accepted (encoded, and again when decompressing on read): bounds the
 *     number of chunks per value and protects reads from a corrupt or hostile compressed value
 * @param maxVersions versions kept per id in versioned categories; the oldest beyond this are pruned on write
 */
public record StoreLimits(int maxNodeBytes, int headroomBytes, boolean compression, int compressThresholdBytes,
    int maxValueBytes, int maxVersions) {
  public static final int MIB = 1024 * 1024;
  /** Marathon's defaults: 1 MiB nodes, compression above 64 KiB, 50 versions; values up to 64 MiB. */
  public static final StoreLimits DEFAULTS = new StoreLimits(MIB, 64 * 1024, true, 64 * 1024, 64 * MIB, 50);

  public StoreLimits {
    if (maxNodeBytes <= 0 || headroomBytes < 0 || headroomBytes >= maxNodeBytes) {
      throw new IllegalArgumentException("need 0 <= headroomBytes < maxNodeBytes, got " + headroomBytes + " / "
          + maxNodeBytes);
    }
    if (compressThresholdBytes < 0) throw new IllegalArgumentException("compressThresholdBytes < 0");
    if (maxValueBytes <= 0) throw new IllegalArgumentException("maxValueBytes must be > 0");
    if (maxVersions < 1) throw new IllegalArgumentException("maxVersions must be >= 1");
  }

  /** The largest stored payload (header byte included) one znode may take. */
  public int chunkBytes() { return maxNodeBytes - headroomBytes; }

  /** The most chunks one value can need. */
  public int maxChunks() { return (maxValueBytes + 64) / chunkBytes() + 2; }

  public StoreLimits withMaxVersions(int v) {
    return new StoreLimits(maxNodeBytes, headroomBytes, compression, compressThresholdBytes, maxValueBytes, v);
  }

  public StoreLimits withCompression(boolean on, int thresholdBytes) {
    return new StoreLimits(maxNodeBytes, headroomBytes, on, thresholdBytes, maxValueBytes, maxVersions);
  }

  public StoreLimits withNodeBytes(int nodeBytes, int headroom) {
    return new StoreLimits(nodeBytes, headroom, compression, compressThresholdBytes, maxValueBytes, maxVersions);
  }
}
