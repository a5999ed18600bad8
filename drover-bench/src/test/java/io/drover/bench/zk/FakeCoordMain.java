package io.drover.bench.zk;

import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * Stands in for {@code io.drover.cli.Main} in tests: accepts exactly
 * {@code coord --client-port P --data-dir D --metrics-port 0} and serves with an embedded ZooKeeper,
 * whose default four-letter-word whitelist refuses {@code ruok} (exercising the session fallback).
 */
public final class FakeCoordMain {
  private FakeCoordMain() {}

  public static void main(String[] args) throws Exception {
    List<String> a = List.of(args);
    if (a.size() != 7 || !a.get(0).equals("coord") || !a.get(1).equals("--client-port")
        || !a.get(3).equals("--data-dir") || !a.get(5).equals("--metrics-port") || !a.get(6).equals("0")) {
      System.err.println("unexpected arguments: " + a);
      System.exit(2);
    }
    System.setProperty("zookeeper.4lw.commands.whitelist", "srvr");
    File dir = new File(a.get(4));
    ZooKeeperServer server = new ZooKeeperServer(dir, dir, 2000);
    ServerCnxnFactory factory = ServerCnxnFactory.createFactory(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(a.get(2))), 100);
    factory.startup(server);
    factory.join();
  }
}
