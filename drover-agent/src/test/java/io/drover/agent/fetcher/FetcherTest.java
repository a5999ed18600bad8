package io.drover.agent.fetcher;

import static io.drover.agent.fetcher.TestArchives.dir;
import static io.drover.agent.fetcher.TestArchives.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.agent.fetcher.TestArchives.Compression;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fetcher against a real loopback HTTP server and the real file system. */
final class FetcherTest {
  @TempDir Path tmp;
  private Path sandbox;
  private FetchServer server;
  private HttpClient http;
  private Fetcher fetcher;

  @BeforeEach
  void setUp() throws Exception {
    sandbox = Files.createDirectories(tmp.resolve("sandbox"));
    server = new FetchServer();
    http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(5)).build();
    fetcher = new Fetcher(http, new Fetcher.Options(Duration.ofMillis(700), Duration.ofSeconds(5)));
  }

  @AfterEach
  void tearDown() {
    server.close();
    http.shutdownNow();
  }

  private void fetch(FetchUri... uris) throws FetchException {
    fetcher.fetch("c1", List.of(uris), sandbox, () -> false);
  }

  private String stderr() throws Exception {
    return Files.readString(sandbox.resolve("stderr"));
  }

  private static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void plainHttpFileLandsUnderItsNameWithoutQueryAndIsLoggedToStderr() throws Exception {
    server.file("/files/hello.txt", "hello".getBytes(StandardCharsets.UTF_8));
    String url = server.url("/files/hello.txt?sig=abc#frag");
    fetch(FetchUri.of(url));
    assertThat(sandbox.resolve("hello.txt")).hasContent("hello");
    assertThat(stderr()).contains("Fetching URI '" + url + "'")
        .contains("Fetched '" + url + "' to '" + sandbox.resolve("hello.txt") + "'")
        .contains("Copying instead of extracting resource from URI with 'extract' flag")
        .contains("Successfully fetched all URIs into '" + sandbox + "'");
    assertThat(stderr().lines().findFirst().orElseThrow()).matches("I\\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d{6} fetcher\\.cpp\\] .*");
  }

  @Test
  void tarGzIsExtractedIntoTheSandboxKeepingModesAndTheArchive() throws Exception {
    server.file("/app.tar.gz", TestArchives.tar(Compression.GZIP, dir("bin"),
        file("bin/run.sh", 0755, "#!/bin/sh\necho ran\n"), file("conf/app.conf", 0644, "x=1")));
    fetch(FetchUri.of(server.url("/app.tar.gz")));
    assertThat(sandbox.resolve("bin/run.sh")).hasContent("#!/bin/sh\necho ran\n");
    assertThat(perms(sandbox.resolve("bin/run.sh"))).isEqualTo("rwxr-xr-x");
    assertThat(perms(sandbox.resolve("conf/app.conf"))).isEqualTo("rw-r--r--");
    assertThat(sandbox.resolve("app.tar.gz")).isRegularFile();
    assertThat(stderr()).contains("Extracted '" + sandbox.resolve("app.tar.gz") + "' into '" + sandbox + "'");
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void everyTarFlavourIsExtracted(Compression c) throws Exception {
    String name = switch (c) {
      case NONE -> "a.tar";
      case GZIP -> "a.tgz";
      case BZIP2 -> "a.tar.bz2";
      case XZ -> "a.txz";
    };
    server.file("/" + name, TestArchives.tar(c, file("inside/data.txt", 0600, "data-" + c)));
    fetch(FetchUri.of(server.url("/" + name)));
    assertThat(sandbox.resolve("inside/data.txt")).hasContent("data-" + c);
  }

  @Test
  void zipIsExtractedWithUnixModesAndKept() throws Exception {
    server.file("/site.zip", TestArchives.zip(dir("www"), file("www/index.html", 0644, "<h1>hi</h1>"),
        file("start.sh", 0755, "echo start")));
    fetch(FetchUri.of(server.url("/site.zip")));
    assertThat(sandbox.resolve("www/index.html")).hasContent("<h1>hi</h1>");
    assertThat(perms(sandbox.resolve("start.sh"))).isEqualTo("rwxr-xr-x");
    assertThat(sandbox.resolve("site.zip")).isRegularFile();
  }

  @Test
  void bareGzIsGunzippedBesideTheArchive() throws Exception {
    server.file("/notes.txt.gz", TestArchives.gzip("unzipped notes"));
    fetch(FetchUri.of(server.url("/notes.txt.gz")));
    assertThat(sandbox.resolve("notes.txt")).hasContent("unzipped notes");
    assertThat(sandbox.resolve("notes.txt.gz")).isRegularFile();
  }

  @Test
  void redirectIsFollowedAndOutputFileNamesTheResultInASubdirectory() throws Exception {
    server.file("/real.txt", "real".getBytes(StandardCharsets.UTF_8)).redirect("/moved", "/real.txt");
    fetch(FetchUri.of(server.url("/moved")).withOutputFile("conf/renamed.txt"));
    assertThat(sandbox.resolve("conf/renamed.txt")).hasContent("real");
    assertThat(sandbox.resolve("moved")).doesNotExist();
  }

  @Test
  void notFoundFailsWithMesosMessageAndLeavesNoFile() throws Exception {
    String url = server.url("/missing.txt");
    assertThatThrownBy(() -> fetch(FetchUri.of(url)))
        .isInstanceOf(FetchException.class)
        .hasMessage("Failed to fetch all URIs for container 'c1': Failed to fetch '" + url
            + "': Error downloading resource, received HTTP return code 404");
    assertThat(sandbox.resolve("missing.txt")).doesNotExist();
    assertThat(stderr()).contains("Fetching URI '" + url + "'").contains("E")
        .contains("Failed to fetch '" + url + "': Error downloading resource, received HTTP return code 404");
  }

  @Test
  void theFirstFailureStopsTheRest() throws Exception {
    server.file("/later.txt", "later".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> fetch(FetchUri.of(server.url("/nope")), FetchUri.of(server.url("/later.txt"))))
        .isInstanceOf(FetchException.class);
    assertThat(sandbox.resolve("later.txt")).doesNotExist();
  }

  @Test
  void fileUrisAndAbsolutePathsAreCopied() throws Exception {
    Path src = Files.writeString(tmp.resolve("local.cfg"), "local");
    Path other = Files.writeString(tmp.resolve("other.cfg"), "other");
    fetch(FetchUri.of("file://" + src), FetchUri.of(other.toString()),
        FetchUri.of("file://localhost" + src).withOutputFile("via-localhost.cfg"));
    assertThat(sandbox.resolve("local.cfg")).hasContent("local");
    assertThat(sandbox.resolve("other.cfg")).hasContent("other");
    assertThat(sandbox.resolve("via-localhost.cfg")).hasContent("local");
    assertThat(src).hasContent("local");
  }

  @Test
  void missingLocalFileFails() {
    assertThatThrownBy(() -> fetch(FetchUri.of(tmp.resolve("absent").toString())))
        .hasMessageContaining("No such file or directory");
  }

  @Test
  void executableIsChmoddedAndNeverExtracted() throws Exception {
    server.file("/tool.tar.gz", TestArchives.tar(Compression.GZIP, file("inner", 0644, "x")));
    server.file("/tool", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
    fetch(FetchUri.of(server.url("/tool")).withExecutable(true),
        FetchUri.of(server.url("/tool.tar.gz")).withExecutable(true));
    assertThat(perms(sandbox.resolve("tool"))).isEqualTo("rwxr-xr-x");
    assertThat(perms(sandbox.resolve("tool.tar.gz"))).isEqualTo("rwxr-xr-x");
    assertThat(sandbox.resolve("inner")).doesNotExist();
  }

  @Test
  void extractFalseKeepsTheArchiveUnextracted() throws Exception {
    server.file("/keep.zip", TestArchives.zip(file("inner.txt", 0644, "x")));
    fetch(FetchUri.of(server.url("/keep.zip")).withExtract(false));
    assertThat(sandbox.resolve("keep.zip")).isRegularFile();
    assertThat(sandbox.resolve("inner.txt")).doesNotExist();
  }

  @Test
  void zipSlipIsRejectedAndNothingIsWrittenOutside() throws Exception {
    server.file("/evil.zip", TestArchives.zip(file("../evil.txt", 0644, "pwned")));
    assertThatThrownBy(() -> fetch(FetchUri.of(server.url("/evil.zip"))))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining("Failed to extract archive")
        .hasMessageContaining("'../evil.txt' is outside the sandbox directory");
    assertThat(tmp.resolve("evil.txt")).doesNotExist();
  }

  @Test
  void tarEscapesAndSymlinksOutOfTheSandboxAreRejected() throws Exception {
    server.file("/evil.tar", TestArchives.tar(Compression.NONE, file("../../escape.txt", 0644, "pwned")));
    assertThatThrownBy(() -> fetch(FetchUri.of(server.url("/evil.tar"))))
        .hasMessageContaining("is outside the sandbox directory");
    assertThat(tmp.resolve("escape.txt")).doesNotExist();
    assertThat(tmp.getParent().resolve("escape.txt")).doesNotExist();
  }

  @Test
  void outputFileMayNotLeaveTheSandbox() {
    assertThatThrownBy(() -> fetch(FetchUri.of(server.url("/x")).withOutputFile("../x")))
        .hasMessage("Failed to fetch all URIs for container 'c1': Could not fetch: URI output file '../x' is outside "
            + "the sandbox directory");
    assertThatThrownBy(() -> fetch(FetchUri.of(server.url("/x")).withOutputFile("/etc/x")))
        .hasMessageContaining("URI output file must be within the sandbox directory");
  }

  @Test
  void unsupportedSchemesAndRelativePathsFailBeforeAnythingIsFetched() throws Exception {
    server.file("/first.txt", "1".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> fetch(FetchUri.of(server.url("/first.txt")), FetchUri.of("hdfs://nn/data/x.tgz")))
        .hasMessageContaining("Unsupported URI scheme 'hdfs://'");
    assertThat(sandbox.resolve("first.txt")).doesNotExist();
    assertThatThrownBy(() -> fetch(FetchUri.of("relative/file.txt")))
        .hasMessageContaining("A relative path was passed");
    assertThatThrownBy(() -> fetch(FetchUri.of("http://host")))
        .hasMessageContaining("Malformed URI (missing path)");
  }

  @Test
  void aStalledDownloadFailsAfterTheStallTimeout() throws Exception {
    assertThatThrownBy(() -> fetch(FetchUri.of(server.url("/hanging"))))
        .hasMessageContaining("fetcher stall timeout");
    assertThat(sandbox.resolve("hanging")).doesNotExist();
  }

  @Test
  void cancellationStopsADownloadInFlight() throws Exception {
    Fetcher patient = new Fetcher(http, new Fetcher.Options(Duration.ofSeconds(60), Duration.ofSeconds(5)));
    AtomicBoolean cancelled = new AtomicBoolean();
    Thread canceller = Thread.ofVirtual().start(() -> {
      org.awaitility.Awaitility.await().until(() -> server.hangingRequests.get() == 1);
      cancelled.set(true);
    });
    assertThatThrownBy(() -> patient.fetch("c1", List.of(FetchUri.of(server.url("/hanging"))), sandbox,
        cancelled::get))
        .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.cancelled()).isTrue())
        .hasMessageContaining("cancelled");
    canceller.join();
  }
}
