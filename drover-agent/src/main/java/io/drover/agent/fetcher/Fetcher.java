package io.drover.agent.fetcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Mesos' fetcher: puts a container's {@code CommandInfo.uris} into its sandbox before the container starts. Blocking
 * I/O: call it from a containerizer's launch thread, never from the agent's engine loop.
 *
 * <p>Per URI, in order, stopping at the first failure (as {@code mesos-fetcher} does):
 * <ul>
 *   <li>the file is {@code output_file} (relative, inside the sandbox; its directories are created), else the URI's
 *       last path segment ({@code http(s)}: without query or fragment);
 *   <li>{@code http://} and {@code https://} are downloaded ({@link HttpDownload}: redirects followed, only 200
 *       succeeds, stall timeout); {@code file://} URIs (host empty or {@code localhost}) and absolute paths are
 *       copied; relative paths and every other scheme (hdfs, ftp, s3, ...) fail with a message saying so;
 *   <li>{@code executable}: chmod 0755, no extraction; else {@code extract} (default true): a recognised archive
 *       ({@link Archives}) is extracted into the sandbox and kept; anything else is left as fetched.
 * </ul>
 * There is no fetcher cache: {@code cache=true} fetches directly too, as Mesos does when it has no cache. Progress
 * and errors are appended to the sandbox's {@code stderr} in Mesos' words ("Fetching URI '...'", "Fetched '...' to
 * '...'", "Failed to fetch '...': ..."), so {@code /files/read} shows them.
 */
public final class Fetcher implements AutoCloseable {
  /**
   * @param stallTimeout a download that receives no byte for this long fails (Mesos {@code --fetcher_stall_timeout},
   *     60 s); it also bounds the wait for the response headers
   * @param connectTimeout bounds each TCP connect of {@link #create}'s client
   */
  public record Options(Duration stallTimeout, Duration connectTimeout) {
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(60);

    public Options {
      if (stallTimeout.isNegative() || stallTimeout.isZero() || connectTimeout.isNegative() || connectTimeout.isZero()) {
        throw new IllegalArgumentException("fetcher timeouts must be positive");
      }
    }

    public static Options defaults() {
      return new Options(DEFAULT_STALL_TIMEOUT, Duration.ofSeconds(10));
    }
  }

  private final HttpClient http;
  private final Options options;
  private final boolean ownsClient;

  /** A fetcher on {@code http} (the caller keeps owning it: {@link #close()} leaves it open). */
  public Fetcher(HttpClient http, Options options) {
    this(http, options, false);
  }

  private Fetcher(HttpClient http, Options options, boolean ownsClient) {
    this.http = Objects.requireNonNull(http, "http");
    this.options = Objects.requireNonNull(options, "options");
    this.ownsClient = ownsClient;
  }

  /** A fetcher with its own HTTP client (redirects followed except https to http), closed by {@link #close()}. */
  public static Fetcher create(Options options) {
    return new Fetcher(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(options.connectTimeout()).build(), options, true);
  }

  /**
   * Fetches {@code uris} into {@code sandbox} (an existing directory). Nothing happens for an empty list.
   *
   * @param cancelled polled while fetching; once true the fetch stops with a cancelled {@link FetchException}
   * @throws FetchException "Failed to fetch all URIs for container '<id>': <cause>"
   */
  public void fetch(String containerId, List<FetchUri> uris, Path sandbox, BooleanSupplier cancelled)
      throws FetchException {
    if (uris.isEmpty()) {
      return;
    }
    String prefix = "Failed to fetch all URIs for container '" + containerId + "': ";
    try (FetchLog log = FetchLog.open(containerId, sandbox)) {
      List<Item> items = new ArrayList<>();
      for (FetchUri u : uris) {
        try {
          items.add(plan(u, sandbox));
        } catch (StepFailure e) {
          log.error("Could not fetch: " + e.getMessage());
          throw new FetchException(prefix + "Could not fetch: " + e.getMessage(), false, e);
        }
      }
      Path sandboxReal = sandbox.toRealPath();
      for (Item item : items) {
        log.info("Fetching URI '" + item.uri.value() + "'");
        try {
          Path result = fetchOne(item, sandbox, sandboxReal, cancelled, log);
          log.info("Fetched '" + item.uri.value() + "' to '" + result + "'");
        } catch (StepFailure e) {
          String why = "Failed to fetch '" + item.uri.value() + "': " + e.getMessage();
          log.error(why);
          throw new FetchException(prefix + why, e.cancelled, e);
        }
      }
      log.info("Successfully fetched all URIs into '" + sandbox + "'");
    } catch (IOException e) {
      throw new FetchException(prefix + "the sandbox " + sandbox + " is not usable: " + StepFailure.describe(e), false,
          e);
    }
  }

  /** Where a URI comes from. */
  private sealed interface Source {
    record Local(Path path) implements Source {}

    record Http(URI uri) implements Source {}
  }

  /** A validated URI: its source and its file in the sandbox. */
  private record Item(FetchUri uri, Source source, Path dest) {}

  /** Validates one URI before anything is fetched (Mesos validates all URIs first). */
  private static Item plan(FetchUri u, Path sandbox) throws StepFailure {
    String value = u.value().stripLeading();
    if (value.indexOf('\\') >= 0 || value.indexOf('\'') >= 0 || value.indexOf('\0') >= 0) {
      throw new StepFailure("Illegal characters in URI");
    }
    Source source = source(value);
    String name = u.outputFile().isPresent() ? outputFile(u.outputFile().get()) : basename(value, source);
    return new Item(u, source, SandboxPaths.inside(sandbox, name, "URI output file"));
  }

  private static Source source(String value) throws StepFailure {
    if (value.startsWith("file://")) {
      String path = value.substring("file://".length());
      if (path.startsWith("localhost")) {
        path = path.substring("localhost".length());
      }
      if (!path.startsWith("/")) {
        throw new StepFailure("File URI only supports absolute paths");
      }
      return new Source.Local(Path.of(path));
    }
    int scheme = value.indexOf("://");
    if (scheme < 0) {
      if (!value.startsWith("/")) {
        throw new StepFailure("A relative path was passed for the resource '" + value + "', but Drover has no "
            + "frameworks home (Mesos --frameworks_home): use an absolute path or a file:// URI");
      }
      return new Source.Local(Path.of(value));
    }
    if (value.startsWith("http://") || value.startsWith("https://")) {
      try {
        return new Source.Http(new URI(value));
      } catch (java.net.URISyntaxException e) {
        throw new StepFailure("Malformed URI: " + e.getMessage(), e);
      }
    }
    throw new StepFailure("Unsupported URI scheme '" + value.substring(0, scheme) + "://' in '" + value
        + "': Drover's fetcher supports http://, https://, file:// and absolute paths (no Hadoop client, FTP or S3)");
  }

  /** Mesos' {@code validateOutputFile}, plus no {@code ..} escape. */
  private static String outputFile(String path) throws StepFailure {
    if (path.isEmpty()) {
      throw new StepFailure("URI output file path is empty");
    }
    if (path.startsWith("/")) {
      throw new StepFailure("URI output file must be within the sandbox directory");
    }
    return path;
  }

  /** The last path segment, as Mesos' {@code Fetcher::basename}; http(s) without query and fragment. */
  private static String basename(String value, Source source) throws StepFailure {
    String path = switch (source) {
      case Source.Local l -> l.path().toString();
      case Source.Http h -> {
        String rest = value.substring(value.indexOf("://") + 3);
        int cut = indexOfAny(rest, "?#");
        rest = cut < 0 ? rest : rest.substring(0, cut);
        int slash = rest.indexOf('/');
        if (slash < 0 || rest.length() <= slash + 1) {
          throw new StepFailure("Malformed URI (missing path): " + value);
        }
        yield rest.substring(slash);
      }
    };
    Path file = Path.of(path).getFileName();
    if (file == null || path.endsWith("/")) {
      throw new StepFailure("Cannot name the file of '" + value + "' (its path ends with '/'): set output_file");
    }
    return file.toString();
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** Fetches one URI; returns the fetched file, as Mesos' fetcher logs it. */
  private Path fetchOne(Item item, Path sandbox, Path sandboxReal, BooleanSupplier cancelled, FetchLog log)
      throws StepFailure {
    if (cancelled.getAsBoolean()) {
      throw StepFailure.cancelled();
    }
    log.info("Fetching '" + item.uri.value() + "' directly into the sandbox directory");
    Path dest = item.dest;
    SandboxPaths.prepareParent(sandboxReal, dest, "URI output file");
    switch (item.source) {
      case Source.Local l -> copy(l.path(), dest, cancelled);
      case Source.Http h -> {
        log.info("Downloading resource from '" + item.uri.value() + "' to '" + dest + "'");
        HttpDownload.download(http, h.uri(), dest, options.stallTimeout(), cancelled);
      }
    }
    if (item.uri.executable()) {
      try {
        SandboxPaths.chmod(dest, 0755);
      } catch (IOException e) {
        throw new StepFailure("Failed to chmod executable '" + dest + "': " + StepFailure.describe(e), e);
      }
    } else if (item.uri.extract()) {
      Optional<Archives.Kind> kind = Archives.kindOf(dest.toString());
      if (kind.isPresent()) {
        Archives.extract(dest, kind.get(), sandbox, sandboxReal, cancelled);
        log.info("Extracted '" + dest + "' into '" + sandbox + "'");
      } else {
        log.warn("Copying instead of extracting resource from URI with 'extract' flag, because it does not seem to "
            + "be an archive: " + item.uri.value());
      }
    }
    return dest;
  }

  /** Copies a local file in chunks, checking for cancellation between them. */
  private static void copy(Path source, Path dest, BooleanSupplier cancelled) throws StepFailure {
    if (!Files.isRegularFile(source)) {
      throw new StepFailure("Failed to copy '" + source + "': " + (Files.exists(source) ? "not a regular file"
          : "No such file or directory"));
    }
    try (InputStream in = Files.newInputStream(source);
         OutputStream out = Files.newOutputStream(dest, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
             StandardOpenOption.TRUNCATE_EXISTING)) {
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) >= 0) {
        if (cancelled.getAsBoolean()) {
          throw StepFailure.cancelled();
        }
        out.write(buf, 0, n);
      }
    } catch (IOException e) {
      throw new StepFailure("Failed to copy '" + source + "' to '" + dest + "': " + StepFailure.describe(e), e);
    }
  }

  /** Closes the HTTP client if this fetcher created it (aborting downloads in flight). */
  @Override
  public void close() {
    if (ownsClient) {
      http.shutdownNow();
    }
  }
}
