package io.drover.cli.zk;

import io.drover.cli.Cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drover zk watch} runs in the background while the test changes znodes through another client. */
final class ZkWatchTest {
  @TempDir static Path dataDir;
  private static EmbeddedZooKeeper server;
  private static ZooKeeper zk;
  private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool();

  @BeforeAll static void startServer() throws Exception {
    server = new EmbeddedZooKeeper(dataDir);
    zk = server.client();
  }

  @AfterAll static void stopServer() throws Exception {
    BACKGROUND.shutdownNow();
    if (zk != null) zk.close();
    if (server != null) server.close();
  }

  /** A running {@code drover zk watch}; out/err are StringWriters (StringBuffer inside: safe to read meanwhile). */
  private record Running(CompletableFuture<Integer> exitCode, StringWriter out, StringWriter err) {
    void awaitRegistered() {
      await().atMost(Duration.ofSeconds(10)).until(() -> err.toString().contains("watching"));
    }

    int awaitExit() throws Exception { return exitCode.get(15, TimeUnit.SECONDS); }
  }

  private static Running watch(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] full = new String[args.length + 4];
    full[0] = "zk";
    full[1] = "watch";
    System.arraycopy(args, 0, full, 2, args.length);
    full[args.length + 2] = "--server";
    full[args.length + 3] = server.connectString();
    CompletableFuture<Integer> code = CompletableFuture.supplyAsync(
        () -> Main.run(new PrintWriter(out, true), new PrintWriter(err, true), full), BACKGROUND);
    return new Running(code, out, err);
  }

  private static void create(String path) throws Exception {
    zk.create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
  }

  private static void set(String path, String data) throws Exception {
    zk.setData(path, data.getBytes(StandardCharsets.UTF_8), -1);
  }

  @Test void persistentWatchSeesEveryChangeToThePathUntilCount() throws Exception {
    Running w = watch("/p", "--count", "4");
    w.awaitRegistered();

    create("/p");            // watching a path that does not exist yet is fine
    set("/p", "1");
    create("/p/child");      // a child change on the watched node
    set("/p", "2");          // persistent: the watch fires again, no re-registering

    assertThat(w.awaitExit()).isEqualTo(ZkExit.OK);
    assertThat(w.out().toString().lines()).containsExactly(
        "NodeCreated /p", "NodeDataChanged /p", "NodeChildrenChanged /p", "NodeDataChanged /p");
  }

  @Test void recursiveWatchSeesDescendants() throws Exception {
    create("/r");
    Running w = watch("/r", "--recursive", "--count", "4");
    w.awaitRegistered();

    create("/r/a");
    create("/r/a/b");
    set("/r/a/b", "x");
    zk.delete("/r/a/b", -1);

    assertThat(w.awaitExit()).isEqualTo(ZkExit.OK);
    assertThat(w.out().toString().lines()).containsExactly(
        "NodeCreated /r/a", "NodeCreated /r/a/b", "NodeDataChanged /r/a/b", "NodeDeleted /r/a/b");
    assertThat(w.err().toString()).contains("watching /r and everything below it");
  }

  @Test void negativeCountIsAUsageError() {
    Cli.Result r = Cli.zk(server.connectString(), "watch", "/x", "--count", "-1");

    assertThat(r.code()).isEqualTo(ZkExit.USAGE);
    assertThat(r.err()).contains("--count must be 0 (no limit) or positive");
  }
}
