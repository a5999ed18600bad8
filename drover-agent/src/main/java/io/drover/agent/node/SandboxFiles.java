package io.drover.agent.node;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mesos' {@code /files/browse}, {@code /files/read} and {@code /files/download} over the sandbox root
 * ({@code <work_dir>/slaves}), the only tree they serve. Paths are the real absolute paths the {@code directory}
 * fields of {@code /state} carry.
 *
 * <p>Resolution follows Mesos' {@code FilesProcess::resolve}: a path that does not lie (lexically) under the root
 * is not found (404), as for Mesos a path outside every attached directory; a path under the root whose
 * {@code ..} components or symlinks lead outside it is refused as inaccessible (400); a path that does not exist
 * is 404. Results are values; the HTTP layer maps them to status codes.
 */
final class SandboxFiles {
  /** Mesos caps one read at 16 pages. */
  static final int MAX_READ_BYTES = 16 * 4096;

  /** What a files request produced. */
  sealed interface Result {}

  record Ok(Object json) implements Result {}

  record File(Path path) implements Result {}

  record BadRequest(String message) implements Result {}

  record NotFound(String message) implements Result {}

  private static final Logger log = LoggerFactory.getLogger(SandboxFiles.class);

  private final Path root;
  private final Path givenRoot;

  /**
   * @param root the sandbox root; must exist. Requests may name it as given or by its real path; what a path finally
   *     resolves to must lie under the real path.
   */
  SandboxFiles(Path root) throws IOException {
    this.givenRoot = root.toAbsolutePath().normalize();
    this.root = root.toRealPath();
  }

  Path root() { return root; }

  /** The listing of directory {@code path}: a JSON array of Mesos FileInfo objects sorted by path. */
  Result browse(String path) {
    Resolved r = resolve(path);
    if (r.failure != null) return r.failure;
    ArrayNode listing = JsonNodeFactory.instance.arrayNode();
    if (!Files.isDirectory(r.real)) return new Ok(listing); // Mesos lists nothing for a file
    Map<Path, ObjectNode> entries = new TreeMap<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(r.real)) {
      for (Path entry : dir) {
        Path name = entry.getFileName();
        try {
          entries.put(entry, fileInfo(join(path, name.toString()), entry));
        } catch (IOException e) {
          // Gone or unreadable between listing and stat: Mesos skips such entries too.
          log.debug("skipping {} in the listing of {}: {}", entry, path, e.toString());
        }
      }
    } catch (IOException e) {
      return new NotFound("cannot list '" + path + "': " + e.getMessage());
    }
    entries.values().forEach(listing::add);
    return new Ok(listing);
  }

  /**
   * Up to {@code length} bytes at {@code offset} (Mesos semantics: absent offset or -1 returns no data and the file
   * size as offset; absent length or -1 reads to the end; at most {@link #MAX_READ_BYTES}).
   */
  Result read(String path, String offsetParam, String lengthParam) {
    long offset = -1;
    if (offsetParam != null) {
      Optional<Long> parsed = parseLong(offsetParam);
      if (parsed.isEmpty()) return new BadRequest("Failed to parse offset: '" + offsetParam + "' is not a number.\n");
      if (parsed.get() < -1) return new BadRequest("Negative offset provided: " + parsed.get() + ".\n");
      offset = parsed.get();
    }
    long length = -1;
    if (lengthParam != null) {
      Optional<Long> parsed = parseLong(lengthParam);
      if (parsed.isEmpty()) return new BadRequest("Failed to parse length: '" + lengthParam + "' is not a number.\n");
      if (parsed.get() < -1) return new BadRequest("Negative length provided: " + parsed.get() + ".\n");
      length = parsed.get();
    }
    Resolved r = resolve(path);
    if (r.failure != null) return r.failure;
    if (Files.isDirectory(r.real)) return new BadRequest("Cannot read a directory.\n");
    try (FileChannel channel = FileChannel.open(r.real, StandardOpenOption.READ)) {
      long size = channel.size();
      if (offset == -1) return new Ok(readResult("", size));
      if (offset >= size || length == 0) return new Ok(readResult("", offset));
      long want = length == -1 ? size - offset : Math.min(length, size - offset);
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(want, MAX_READ_BYTES));
      while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
        // read until full or end of file
      }
      String data = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
      return new Ok(readResult(data, offset));
    } catch (NoSuchFileException e) {
      return new NotFound("'" + path + "' does not exist");
    } catch (IOException e) {
      return new NotFound("cannot read '" + path + "': " + e.getMessage());
    }
  }

  /** The file to stream for {@code /files/download}. */
  Result download(String path) {
    Resolved r = resolve(path);
    if (r.failure != null) return r.failure;
    if (Files.isDirectory(r.real)) return new BadRequest("Cannot download a directory.\n");
    return new File(r.real);
  }

  static InputStream open(Path file) throws IOException { return Files.newInputStream(file); }

  private record Resolved(Path real, Result failure) {}

  private Resolved resolve(String path) {
    if (path == null || path.isEmpty()) return failed(new BadRequest("Expecting 'path=value' in query.\n"));
    Path requested;
    try {
      requested = Path.of(path);
    } catch (InvalidPathException e) {
      return failed(new BadRequest("'" + path + "' is not a valid path: " + e.getReason() + ".\n"));
    }
    // Only paths under the root are "attached"; anything else is unknown here, as in Mesos.
    if (!requested.isAbsolute() || !(requested.startsWith(root) || requested.startsWith(givenRoot))) {
      return failed(new NotFound("'" + path + "' is not under the sandbox root " + root));
    }
    Path real;
    try {
      real = requested.toRealPath();
    } catch (NoSuchFileException e) {
      return failed(new NotFound("'" + path + "' does not exist"));
    } catch (IOException e) {
      return failed(new NotFound("cannot resolve '" + path + "': " + e.getMessage()));
    }
    if (!real.startsWith(root)) {
      return failed(new BadRequest("'" + path + "' is inaccessible: it leads outside the sandbox root.\n"));
    }
    return new Resolved(real, null);
  }

  private static Resolved failed(Result failure) { return new Resolved(null, failure); }

  private static String join(String dir, String name) { return dir.endsWith("/") ? dir + name : dir + "/" + name; }

  /** Mesos' FileInfo JSON: {@code path, nlink, size, mtime (s), mode ("drwxr-xr-x"), uid, gid (names)}. */
  private static ObjectNode fileInfo(String virtualPath, Path file) throws IOException {
    PosixFileAttributes attrs = Files.readAttributes(file, PosixFileAttributes.class); // follows links, like stat
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("path", virtualPath);
    Object nlink = Files.getAttribute(file, "unix:nlink");
    o.put("nlink", nlink instanceof Number n ? n.longValue() : 1);
    o.put("size", attrs.size());
    o.put("mtime", attrs.lastModifiedTime().toMillis() / 1000);
    o.put("mode", mode(attrs));
    o.put("uid", attrs.owner().getName());
    o.put("gid", attrs.group().getName());
    return o;
  }

  private static String mode(PosixFileAttributes attrs) {
    char type = attrs.isDirectory() ? 'd' : attrs.isSymbolicLink() ? 'l' : attrs.isOther() ? 'p' : '-';
    Set<PosixFilePermission> p = attrs.permissions();
    return new StringBuilder().append(type)
        .append(p.contains(PosixFilePermission.OWNER_READ) ? 'r' : '-')
        .append(p.contains(PosixFilePermission.OWNER_WRITE) ? 'w' : '-')
        .append(p.contains(PosixFilePermission.OWNER_EXECUTE) ? 'x' : '-')
        .append(p.contains(PosixFilePermission.GROUP_READ) ? 'r' : '-')
        .append(p.contains(PosixFilePermission.GROUP_WRITE) ? 'w' : '-')
        .append(p.contains(PosixFilePermission.GROUP_EXECUTE) ? 'x' : '-')
        .append(p.contains(PosixFilePermission.OTHERS_READ) ? 'r' : '-')
        .append(p.contains(PosixFilePermission.OTHERS_WRITE) ? 'w' : '-')
        .append(p.contains(PosixFilePermission.OTHERS_EXECUTE) ? 'x' : '-')
        .toString();
  }

  private static ObjectNode readResult(String data, long offset) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("data", data);
    o.put("offset", offset);
    return o;
  }

  private static Optional<Long> parseLong(String text) {
    try {
      return Optional.of(Long.parseLong(text.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
