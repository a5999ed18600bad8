package io.drover.bench.zk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * Heap a server retains per znode: used heap after a forced full GC, before and after creating
 * {@code znodes} znodes, read from the child JVM with {@code jcmd GC.run} and {@code jcmd GC.heap_info}.
 * The session that creates them is open for both readings, so only the znodes make the difference.
 */
public final class HeapProbe {
  public static final String ROOT = "/heap";

  /** Used heap in bytes before and after creating {@code znodes} znodes. */
  public record HeapUsage(int znodes, int valueBytes, long beforeBytes, long afterBytes) {
    public double mbPer100kZnodes() {
      return (afterBytes - beforeBytes) / (1024.0 * 1024.0) * (100_000.0 / znodes);
    }
  }

  private static final Pattern USED = Pattern.compile("used (\\d+)([KMG])");

  private final Path jcmd;

  public HeapProbe(Path jcmd) { this.jcmd = jcmd; }

  /** jcmd of the JDK running the bench, which also runs the children. */
  public static HeapProbe ofCurrentJvm() {
    return new HeapProbe(Path.of(System.getProperty("java.home"), "bin", "jcmd"));
  }

  public HeapUsage measure(RunningServer server, int znodes, int valueBytes)
      throws IOException, InterruptedException, KeeperException {
    try (ZooKeeper zk = Zk.connect(server.connectString(), 30_000)) {
      zk.create(ROOT, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      long before = usedAfterGc(server.pid());
      Zk.createMany(zk, ROOT + "/n", znodes, LoadGenerator.value(valueBytes, 7L), 512);
      long after = usedAfterGc(server.pid());
      return new HeapUsage(znodes, valueBytes, before, after);
    }
  }

  /** Forces two full collections (the second settles anything the first left to finalize) and reads used heap. */
  public long usedAfterGc(long pid) throws IOException, InterruptedException {
    jcmd(pid, "GC.run");
    jcmd(pid, "GC.run");
    return parseUsedBytes(jcmd(pid, "GC.heap_info"));
  }

  private String jcmd(long pid, String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
        .redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("jcmd " + pid + " " + command + " did not finish within 60 s");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) throw new IOException("jcmd " + pid + " " + command + " failed: " + text);
    return text;
  }

  /** Parses the first {@code used NNNK} of {@code GC.heap_info} output (the whole-heap line). */
  static long parseUsedBytes(String heapInfo) {
    Matcher m = USED.matcher(heapInfo);
    if (!m.find()) throw new IllegalArgumentException("no 'used' figure in GC.heap_info output:\n" + heapInfo);
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "K" -> n * 1024L;
      case "M" -> n * 1024L * 1024L;
      default -> n * 1024L * 1024L * 1024L;
    };
  }
}
