package io.drover.cli.zk;

import io.drover.cli.Cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** Every {@code drover zk} command except watch, against a real embedded Apache ZooKeeper. */
final class ZkCommandTest {
  private static final ObjectMapper JSON = Json.camelCase();

  @TempDir static Path dataDir;
  private static EmbeddedZooKeeper server;
  private static ZooKeeper zk;

  /** A fresh znode per test, so tests never see each other's nodes. */
  private String root;

  @BeforeAll static void startServer() throws Exception {
    server = new EmbeddedZooKeeper(dataDir);
    zk = server.client();
  }

  @AfterAll static void stopServer() throws Exception {
    if (zk != null) zk.close();
    if (server != null) server.close();
  }

  @BeforeEach void makeRoot(TestInfo test) throws Exception {
    root = "/" + test.getTestMethod().orElseThrow().getName();
    zk.create(root, "root".getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
  }

  private Cli.Result zk(String... args) { return Cli.zk(server.connectString(), args); }

  private void make(String path, String data) throws Exception {
    zk.create(path, data.getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
  }

  private String dataOf(String path) throws Exception {
    return new String(zk.getData(path, false, null), StandardCharsets.UTF_8);
  }

  // ---- ls ----

  @Test void lsPrintsChildrenSortedOnePerLine() throws Exception {
    make(root + "/b", "");
    make(root + "/c", "");
    make(root + "/a", "");

    Cli.Result r = zk("ls", root);

    assertThat(r.code()).isEqualTo(ZkExit.OK);
    assertThat(r.outLines()).containsExactly("a", "b", "c");
    assertThat(r.err()).isEmpty();
  }

  @Test void lsRecursivePrintsFullPathsDepthFirstParentsFirst() throws Exception {
    make(root + "/b", "");
    make(root + "/a", "");
    make(root + "/a/y", "");
    make(root + "/a/x", "");
    make(root + "/a/x/deep", "");

    Cli.Result r = zk("ls", "-R", root);

    assertThat(r.code()).isZero();
    assertThat(r.outLines()).containsExactly(root, root + "/a", root + "/a/x", root + "/a/x/deep", root + "/a/y", root + "/b");
  }

  @Test void lsJsonIsAnArrayOfNames() throws Exception {
    make(root + "/z", "");
    make(root + "/m", "");

    Cli.Result r = zk("ls", "--json", root);

    assertThat(r.code()).isZero();
    assertThat(JSON.readTree(r.out()).toString()).isEqualTo("[\"m\",\"z\"]");
  }

  @Test void lsWithoutPathListsTheRoot() {
    Cli.Result r = zk("ls");

    assertThat(r.code()).isZero();
    assertThat(r.outLines()).contains("zookeeper", root.substring(1));
  }

  @Test void serverOptionMayComeBeforeTheSubcommand() throws Exception {
    make(root + "/child", "");

    Cli.Result r = Cli.run("zk", "--server", server.connectString(), "ls", root);

    assertThat(r.code()).isZero();
    assertThat(r.outLines()).containsExactly("child");
  }

  @Test void lsOfMissingNodeFailsWithOneLine() {
    Cli.Result r = zk("ls", root + "/missing");

    assertThat(r.code()).isEqualTo(ZkExit.FAILED);
    assertThat(r.err().strip()).isEqualTo("no node at " + root + "/missing");
    assertThat(r.out()).isEmpty();
  }

  // ---- get / stat ----

  @Test void getPrintsDataAsUtf8() throws Exception {
    make(root + "/greeting", "grüß dich");

    Cli.Result r = zk("get", root + "/greeting");

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("grüß dich" + System.lineSeparator());
  }

  @Test void getWithStatAppendsZkCliStyleStat() throws Exception {
    make(root + "/n", "abc");
    Stat stat = zk.exists(root + "/n", false);

    Cli.Result r = zk("get", "--stat", root + "/n");

    assertThat(r.code()).isZero();
    assertThat(r.outLines()).first().isEqualTo("abc");
    assertThat(r.outLines()).contains("cZxid = 0x" + Long.toHexString(stat.getCzxid()), "dataLength = 3",
        "dataVersion = 0", "numChildren = 0");
  }

  @Test void getJsonCarriesDataAndStat() throws Exception {
    make(root + "/n", "{\"k\":1}");
    zk.setData(root + "/n", "v2".getBytes(StandardCharsets.UTF_8), -1);

    JsonNode json = JSON.readTree(zk("get", "--json", root + "/n").out());

    assertThat(json.get("path").asText()).isEqualTo(root + "/n");
    assertThat(json.get("data").asText()).isEqualTo("v2");
    assertThat(json.get("stat").get("version").asInt()).isEqualTo(1);
    assertThat(json.get("stat").get("dataLength").asInt()).isEqualTo(2);
  }

  @Test void getOfMissingNodeSaysNoNode() {
    Cli.Result r = zk("get", root + "/nope");

    assertThat(r.code()).isEqualTo(ZkExit.FAILED);
    assertThat(r.err().strip()).isEqualTo("no node at " + root + "/nope");
  }

  @Test void statPrintsAllElevenZkCliLines() throws Exception {
    make(root + "/s", "12345");
    make(root + "/s/kid", "");
    Stat stat = zk.exists(root + "/s", false);

    Cli.Result r = zk("stat", root + "/s");

    assertThat(r.code()).isZero();
    assertThat(r.outLines()).hasSize(11);
    assertThat(r.outLines()).extracting(l -> l.substring(0, l.indexOf(" = "))).containsExactly("cZxid", "ctime",
        "mZxid", "mtime", "pZxid", "cversion", "dataVersion", "aclVersion", "ephemeralOwner", "dataLength", "numChildren");
    assertThat(r.outLines()).contains("cZxid = 0x" + Long.toHexString(stat.getCzxid()),
        "pZxid = 0x" + Long.toHexString(stat.getPzxid()), "cversion = 1", "ephemeralOwner = 0x0",
        "dataLength = 5", "numChildren = 1");
  }

  @Test void statJsonUsesJuteNamesAndNumbers() throws Exception {
    make(root + "/s", "x");
    Stat stat = zk.exists(root + "/s", false);

    JsonNode json = JSON.readTree(zk("stat", "--json", root + "/s").out());

    assertThat(json.get("stat").get("czxid").asLong()).isEqualTo(stat.getCzxid());
    assertThat(json.get("stat").get("ctime").asLong()).isEqualTo(stat.getCtime());
    assertThat(json.get("stat").get("ephemeralOwner").asLong()).isZero();
  }

  @Test void statOfMissingNodeSaysNoNode() {
    Cli.Result r = zk("stat", root + "/nope");

    assertThat(r.code()).isEqualTo(ZkExit.FAILED);
    assertThat(r.err().strip()).isEqualTo("no node at " + root + "/nope");
  }

  // ---- create ----

  @Test void createPrintsPathAndStoresData() throws Exception {
    Cli.Result r = zk("create", root + "/new", "hello");

    assertThat(r.code()).isZero();
    assertThat(r.out().strip()).isEqualTo(root + "/new");
    assertThat(dataOf(root + "/new")).isEqualTo("hello");
  }

  @Test void createSequentialPrintsTheServerChosenName() throws Exception {
    Cli.Result first = zk("create", "-s", root + "/job-");
    Cli.Result second = zk("create", "-s", root + "/job-");

    assertThat(first.out().strip()).isEqualTo(root + "/job-0000000000");
    assertThat(second.out().strip()).isEqualTo(root + "/job-0000000001");
    assertThat(zk.getChildren(root, false)).containsExactlyInAnyOrder("job-0000000000", "job-0000000001");
  }

  @Test void createEphemeralLivesOnlyAsLongAsTheCommand() throws Exception {
    Cli.Result r = zk("create", "-e", root + "/eph");

    assertThat(r.code()).isZero();
    assertThat(r.out().strip()).isEqualTo(root + "/eph");
    assertThat(r.err()).contains("ephemeral");
    assertThat(zk.exists(root + "/eph", false)).as("deleted when the command's session closed").isNull();
  }

  @Test void createContainerMakesAContainerNode() throws Exception {
    Cli.Result r = zk("create", "--container", root + "/box");

    assertThat(r.code()).isZero();
    assertThat(server.dataTree().getContainers()).contains(root + "/box");
  }

  @Test void createWithTtlWhenTheServerAllowsIt() throws Exception {
    System.setProperty("zookeeper.extendedTypesEnabled", "true");
    try {
      Cli.Result r = zk("create", "--ttl", "60000", root + "/ttl", "x");

      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out().strip()).isEqualTo(root + "/ttl");
      assertThat(server.dataTree().getTtls()).contains(root + "/ttl");
    } finally {
      System.clearProperty("zookeeper.extendedTypesEnabled");
    }
  }

  @Test void createWithTtlExplainsWhenTheServerRefuses() {
    Cli.Result r = zk("create", "--ttl", "60000", root + "/ttl");

    assertThat(r.code()).isEqualTo(ZkExit.FAILED);
    assertThat(r.err().strip()).isEqualTo(
        "the server does not support TTL nodes (Apache ZooKeeper needs -Dzookeeper.extendedTypesEnabled=true)");
  }

  @Test void createExistingSaysNodeExists() {
    Cli.Result r = zk("create", root);

    assertThat(r.code()).isEqualTo(ZkExit.FAILED);
    assertThat(r.err().strip()).isEqualTo("node already exists at " + root);
  }

  @Test void createUnderMissingParentNamesTheParent() {
    Cli.Result r = zk("create", root + "/no/such");

    assertThat(r.code()).isEqualTo(ZkExit.FAILED);
    assertThat(r.err().strip()).isEqualTo("no node at " + root + "/no (the parent of " + root + "/no/such)");
  }

  @Test void conflictingCreateModesAreUsageErrors() {
    Cli.Result containerAndEphemeral = zk("create", "--container", "-e", root + "/x");
    Cli.Result ttlAndEphemeral = zk("create", "--ttl", "5", "-e", root + "/x");

    assertThat(containerAndEphemeral.code()).isEqualTo(ZkExit.USAGE);
    assertThat(containerAndEphemeral.err()).contains("--container cannot be combined with -e, -s or --ttl");
    assertThat(ttlAndEphemeral.code()).isEqualTo(ZkExit.USAGE);
    assertThat(ttlAndEphemeral.err()).contains("--ttl applies to persistent nodes");
  }

  @Test void invalidPathIsAUsageErrorBeforeConnecting() {
    Cli.Result r = Cli.run("zk", "get", "no-slash", "--server", "127.0.0.1:1", "--timeout-ms", "60000");

    assertThat(r.code()).isEqualTo(ZkExit.USAGE);
    assertThat(r.err()).contains("invalid path 'no-slash'");
  }

  // ---- set / delete / rmr ----

  @Test void setReplacesDataAndHonoursExpectedVersion() throws Exception {
    make(root + "/v", "one");

    Cli.Result ok = zk("set", root + "/v", "two", "-v", "0");
    Cli.Result stale = zk("set", root + "/v", "three", "-v", "0");

    assertThat(ok.code()).isZero();
    assertThat(ok.out()).isEmpty();
    assertThat(stale.code()).isEqualTo(ZkExit.FAILED);
    assertThat(stale.err().strip()).isEqualTo("version mismatch at " + root + "/v: its data version is not 0");
    assertThat(dataOf(root + "/v")).isEqualTo("two");
  }

  @Test void setOfMissingNodeSaysNoNode() {
    Cli.Result r = zk("set", root + "/nope", "x");

    assertThat(r.code()).isEqualTo(ZkExit.FAILED);
    assertThat(r.err().strip()).isEqualTo("no node at " + root + "/nope");
  }

  @Test void deleteRemovesALeaf() throws Exception {
    make(root + "/leaf", "");

    Cli.Result r = zk("delete", root + "/leaf");

    assertThat(r.code()).isZero();
    assertThat(zk.exists(root + "/leaf", false)).isNull();
  }

  @Test void deleteWithWrongVersionKeepsTheNode() throws Exception {
    make(root + "/leaf", "");

    Cli.Result r = zk("delete", "-v", "7", root + "/leaf");

    assertThat(r.code()).isEqualTo(ZkExit.FAILED);
    assertThat(r.err().strip()).isEqualTo("version mismatch at " + root + "/leaf: its data version is not 7");
    assertThat(zk.exists(root + "/leaf", false)).isNotNull();
  }

  @Test void deleteOfNonEmptyNodeSuggestsRmr() throws Exception {
    make(root + "/p", "");
    make(root + "/p/c", "");

    Cli.Result r = zk("delete", root + "/p");

    assertThat(r.code()).isEqualTo(ZkExit.FAILED);
    assertThat(r.err().strip()).isEqualTo(
        "node " + root + "/p has children; use `drover zk rmr " + root + "/p` to delete it with everything below it");
  }

  @Test void rmrDeletesTheWholeSubtree() throws Exception {
    make(root + "/t", "");
    make(root + "/t/a", "");
    make(root + "/t/a/b", "");
    make(root + "/t/c", "");

    Cli.Result r = zk("rmr", root + "/t");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(zk.exists(root + "/t", false)).isNull();
    assertThat(zk.getChildren(root, false)).isEmpty();
  }

  @Test void rmrRefusesTheRootAndReportsMissingNodes() {
    Cli.Result slash = zk("rmr", "/");
    Cli.Result missing = zk("rmr", root + "/nope");

    assertThat(slash.code()).isEqualTo(ZkExit.USAGE);
    assertThat(slash.err()).contains("refusing to delete /");
    assertThat(missing.code()).isEqualTo(ZkExit.FAILED);
    assertThat(missing.err().strip()).isEqualTo("no node at " + root + "/nope");
  }

  @Test void serverDefaultsToDroverZkEnvOrLocalhost() {
    Cli.Result r = Cli.run("zk", "ls", "--help");

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Default:", System.getenv().getOrDefault("DROVER_ZK", "localhost:2181"));
  }

  @Test void zkAloneShowsUsageWithSubcommands() {
    Cli.Result r = Cli.run("zk");

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("ls", "get", "stat", "create", "set", "delete", "rmr", "watch", "Exit codes:");
  }
}
