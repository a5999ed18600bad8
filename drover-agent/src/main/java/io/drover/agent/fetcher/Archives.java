package io.drover.agent.fetcher;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Extracts fetched archives into the sandbox as Mesos' fetcher does (libarchive, or {@code gunzip} for a bare
 * {@code .gz}), streaming from disk to disk. The archive itself stays where it was fetched.
 *
 * <p>Recognised by the file name's ending, case-sensitively and in Mesos' order: {@code .tar}, {@code .tgz},
 * {@code .tar.gz}, {@code .tbz2}, {@code .tar.bz2}, {@code .txz}, {@code .tar.xz}, {@code .zip}; else {@code .gz}
 * (gunzipped to the name without {@code .gz}, in the sandbox directory). Every entry must stay inside the sandbox:
 * absolute names, {@code ..} escapes (zip-slip), symbolic links pointing out of the sandbox and writes through such
 * links fail the extraction, as libarchive's secure-extraction flags do. Modes of tar and Unix zip entries are kept
 * (their low nine bits, the owner always able to read and write), so executable scripts stay executable; devices
 * and FIFOs are skipped.
 */
final class Archives {
  private Archives() {}

  /** What the fetcher can unpack. */
  enum Kind { TAR, TAR_GZ, TAR_BZ2, TAR_XZ, ZIP, GZ }

  /** The archive kind a file name says, Mesos' rules; empty for anything else (copied as is). */
  static Optional<Kind> kindOf(String name) {
    if (name.endsWith(".tar")) return Optional.of(Kind.TAR);
    if (name.endsWith(".tgz") || name.endsWith(".tar.gz")) return Optional.of(Kind.TAR_GZ);
    if (name.endsWith(".tbz2") || name.endsWith(".tar.bz2")) return Optional.of(Kind.TAR_BZ2);
    if (name.endsWith(".txz") || name.endsWith(".tar.xz")) return Optional.of(Kind.TAR_XZ);
    if (name.endsWith(".zip")) return Optional.of(Kind.ZIP);
    if (name.endsWith(".gz")) return Optional.of(Kind.GZ);
    return Optional.empty();
  }

  /**
   * Extracts {@code archive} into {@code sandbox} ({@code sandboxReal} is its real path).
   *
   * @return where the content went (the sandbox, or the gunzipped file)
   */
  static Path extract(Path archive, Kind kind, Path sandbox, Path sandboxReal, BooleanSupplier cancelled)
      throws StepFailure {
    try {
      return switch (kind) {
        case TAR, TAR_GZ, TAR_BZ2, TAR_XZ -> {
          untar(archive, kind, sandbox, sandboxReal, cancelled);
          yield sandbox;
        }
        case ZIP -> {
          unzip(archive, sandbox, sandboxReal, cancelled);
          yield sandbox;
        }
        case GZ -> gunzip(archive, sandbox, sandboxReal);
      };
    } catch (StepFailure e) {
      if (e.cancelled) {
        throw e;
      }
      throw new StepFailure("Failed to extract archive '" + archive + "' to '" + sandbox + "': " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new StepFailure("Failed to extract archive '" + archive + "' to '" + sandbox + "': "
          + StepFailure.describe(e), e);
    }
  }

  private static void untar(Path archive, Kind kind, Path sandbox, Path sandboxReal, BooleanSupplier cancelled)
      throws IOException, StepFailure {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
         InputStream in = decompressed(kind, raw);
         TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (cancelled.getAsBoolean()) {
          throw StepFailure.cancelled();
        }
        Path dest = SandboxPaths.inside(sandbox, e.getName(), "entry");
        if (e.isDirectory()) {
          directory(dest, sandbox, sandboxReal, e.getMode());
        } else if (e.isSymbolicLink()) {
          symlink(dest, e.getLinkName(), sandbox, sandboxReal);
        } else if (e.isLink()) {
          Path target = SandboxPaths.inside(sandbox, e.getLinkName(), "hard link target");
          SandboxPaths.prepareParent(sandboxReal, dest, "entry");
          Files.deleteIfExists(dest);
          Files.createLink(dest, target);
        } else if (e.isFile()) {
          file(tar, dest, sandboxReal, e.getMode());
        }
        // Devices and FIFOs have no place in a sandbox: skipped.
      }
    }
  }

  private static InputStream decompressed(Kind kind, InputStream raw) throws IOException {
    return switch (kind) {
      case TAR -> raw;
      case TAR_GZ -> GzipCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true).get();
      case TAR_BZ2 -> new BZip2CompressorInputStream(raw, true);
      case TAR_XZ -> new XZCompressorInputStream(raw, true);
      case ZIP, GZ -> throw new IllegalArgumentException(kind + " is not a tar archive");
    };
  }

  private static void unzip(Path archive, Path sandbox, Path sandboxReal, BooleanSupplier cancelled)
      throws IOException, StepFailure {
    try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
      for (Enumeration<ZipArchiveEntry> en = zip.getEntriesInPhysicalOrder(); en.hasMoreElements(); ) {
        if (cancelled.getAsBoolean()) {
          throw StepFailure.cancelled();
        }
        ZipArchiveEntry e = en.nextElement();
        Path dest = SandboxPaths.inside(sandbox, e.getName(), "entry");
        int mode = e.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? e.getUnixMode() & 0777 : 0;
        if (e.isDirectory()) {
          directory(dest, sandbox, sandboxReal, mode == 0 ? 0755 : mode);
        } else if (e.isUnixSymlink()) {
          String target;
          try (InputStream in = zip.getInputStream(e)) {
            target = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
          }
          symlink(dest, target, sandbox, sandboxReal);
        } else {
          try (InputStream in = zip.getInputStream(e)) {
            file(in, dest, sandboxReal, mode == 0 ? 0644 : mode);
          }
        }
      }
    }
  }

  /** A bare {@code .gz}: gunzipped into the sandbox directory under its name without {@code .gz} (Mesos). */
  private static Path gunzip(Path archive, Path sandbox, Path sandboxReal) throws IOException, StepFailure {
    String name = archive.getFileName().toString();
    String plain = name.substring(0, name.length() - ".gz".length());
    Path dest = SandboxPaths.inside(sandbox, plain, "gunzipped file");
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
         InputStream in = GzipCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true)
             .get()) {
      SandboxPaths.prepareParent(sandboxReal, dest, "gunzipped file");
      Files.copy(in, dest, StandardCopyOption.REPLACE_EXISTING);
    }
    return dest;
  }

  private static void directory(Path dest, Path sandbox, Path sandboxReal, int mode) throws IOException, StepFailure {
    if (dest.equals(sandbox)) {
      return; // "./": the sandbox keeps its own mode
    }
    SandboxPaths.prepareDirectory(sandboxReal, dest);
    SandboxPaths.chmod(dest, (mode & 0777) | 0700);
  }

  private static void file(InputStream in, Path dest, Path sandboxReal, int mode) throws IOException, StepFailure {
    SandboxPaths.prepareParent(sandboxReal, dest, "entry");
    // REPLACE_EXISTING replaces a symbolic link at dest itself, never the file it points to.
    Files.copy(in, dest, StandardCopyOption.REPLACE_EXISTING);
    SandboxPaths.chmod(dest, (mode & 0777) | 0600);
  }

  /** A symbolic link whose target, resolved from the link's directory, stays inside the sandbox. */
  private static void symlink(Path dest, String target, Path sandbox, Path sandboxReal)
      throws IOException, StepFailure {
    Path t = Path.of(target);
    Path resolved = dest.getParent().resolve(t).normalize();
    if (t.isAbsolute() || !resolved.startsWith(sandbox)) {
      throw new StepFailure("symbolic link '" + dest + "' -> '" + target + "' points outside the sandbox directory");
    }
    SandboxPaths.prepareParent(sandboxReal, dest, "entry");
    if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
      Files.delete(dest);
    }
    Files.createSymbolicLink(dest, t);
  }
}
