package io.drover.bench.master;

import io.drover.coord.server.CoordConfig;
import io.drover.coord.server.CoordServer;
import io.drover.master.ha.ZkUrl;
import io.drover.master.server.Master;
import io.drover.master.server.MasterConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process cluster for one benchmark part: coord on an ephemeral loopback port with its data under a fresh
 * temporary directory, and masters started on demand (ephemeral ports, loopback, default Mesos flags). A master that
 * must stop (lost leadership, registry failure) is recorded in {@link #masterExits()} instead of ending the JVM.
 * {@link #close()} stops every master and coord and deletes the directory.
 */
public final class LocalCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalCluster.class);
  public static final String LOOPBACK = "127.0.0.1";

  private final Path dir;
  private final CoordServer coord;
  private final List<Master> masters = new ArrayList<>();
  private final List<Integer> masterExits = new CopyOnWriteArrayList<>();

  private LocalCluster(Path dir, CoordServer coord) {
    this.dir = dir;
    this.coord = coord;
  }

  /** Starts coord under a new temporary directory named after {@code part}. */
  public static LocalCluster start(String part) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("drover-bench-" + part + "-");
    try {
      CoordServer coord = CoordServer.start(CoordConfig.builder(dir.resolve("coord"), 0).bindAddress(LOOPBACK)
          .metricsPort(0).build());
      return new LocalCluster(dir, coord);
    } catch (IOException | InterruptedException | RuntimeException e) {
      deleteTree(dir);
      throw e;
    }
  }

  public Path dir() { return dir; }

  /** coord's client address, {@code 127.0.0.1:port}. */
  public String coordAddress() { return LOOPBACK + ":" + coord.clientPort(); }

  /** The masters' election path, {@code zk://127.0.0.1:port/drover/master}. */
  public String zk() { return "zk://" + LOOPBACK + ":" + coord.clientPort() + "/drover/master"; }

  public ZkUrl zkUrl() { return ZkUrl.parse(zk()); }

  /** Starts a master with the Mesos defaults (1 s allocation interval, 15 s agent ping timeout). */
  public Master startMaster() throws Exception {
    Master m = Master.start(MasterConfig.builder(zkUrl()).port(0).hostname(LOOPBACK).ip(LOOPBACK)
        .exitAction(masterExits::add).build());
    synchronized (masters) {
      masters.add(m);
    }
    return m;
  }

  /** Exit statuses of masters that had to stop on their own; empty in a healthy run. */
  public List<Integer> masterExits() { return List.copyOf(masterExits); }

  /** Polls {@code condition} every {@code pollMs} until it holds; throws naming {@code what} after {@code timeoutMs}. */
  public static void await(String what, long timeoutMs, long pollMs, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeoutMs + " ms waiting until " + what);
      }
      Thread.sleep(pollMs);
    }
  }

  @Override public void close() {
    List<Master> all;
    synchronized (masters) {
      all = List.copyOf(masters);
    }
    for (Master m : all) m.close();
    try {
      coord.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("interrupted while stopping coord");
    }
    deleteTree(dir);
  }

  public static void deleteTree(Path root) {
    if (!Files.exists(root)) return;
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      log.warn("could not delete {} completely: {}", root, e.toString());
    }
  }
}
