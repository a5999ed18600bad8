package io.drover.agent.fetcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Paths inside a sandbox. Everything the fetcher writes goes through {@link #inside} (lexically inside) and
 * {@link #prepareParent} (really inside, symbolic links resolved), so neither an {@code output_file} with
 * {@code ..} nor an archive entry (zip-slip) nor a symbolic link planted by an earlier entry can write outside.
 */
final class SandboxPaths {
  private SandboxPaths() {}

  /**
   * {@code relative} resolved against {@code sandbox} and normalised.
   *
   * @throws StepFailure if it is absolute or leaves the sandbox
   */
  static Path inside(Path sandbox, String relative, String what) throws StepFailure {
    if (relative.isEmpty() || relative.indexOf('\0') >= 0) {
      throw new StepFailure(what + " '" + relative + "' is empty or holds a NUL character");
    }
    Path rel = Path.of(relative);
    Path p = sandbox.resolve(rel).normalize();
    if (rel.isAbsolute() || !p.startsWith(sandbox)) {
      throw new StepFailure(what + " '" + relative + "' is outside the sandbox directory");
    }
    return p;
  }

  /**
   * Creates {@code file}'s parent directories and checks that, symbolic links resolved, they lie inside
   * {@code sandboxReal} (the sandbox's real path).
   */
  static void prepareParent(Path sandboxReal, Path file, String what) throws StepFailure {
    Path parent = file.getParent();
    try {
      Files.createDirectories(parent);
      if (!parent.toRealPath().startsWith(sandboxReal)) {
        throw new StepFailure(what + " '" + file + "' would be written through a symbolic link out of the sandbox");
      }
      if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new StepFailure(what + " '" + file + "' is an existing directory");
      }
    } catch (IOException e) {
      throw new StepFailure("Unable to create directory '" + parent + "' in sandbox: " + StepFailure.describe(e), e);
    }
  }

  /** Creates directory {@code dir} (and its parents) and checks that, links resolved, it lies in the sandbox. */
  static void prepareDirectory(Path sandboxReal, Path dir) throws StepFailure {
    try {
      Files.createDirectories(dir);
      if (!dir.toRealPath().startsWith(sandboxReal)) {
        throw new StepFailure("directory '" + dir + "' would be created through a symbolic link out of the sandbox");
      }
    } catch (IOException e) {
      throw new StepFailure("Unable to create directory '" + dir + "' in sandbox: " + StepFailure.describe(e), e);
    }
  }

  /** The permissions of a Unix mode's low nine bits. */
  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE};
    for (int i = 0; i < 9; i++) {
      if ((mode & (0400 >> i)) != 0) {
        out.add(order[i]);
      }
    }
    return out;
  }

  /** Sets {@code path}'s mode (low nine bits; the agent runs on Linux, a POSIX file system). */
  static void chmod(Path path, int mode) throws IOException {
    Files.setPosixFilePermissions(path, permissions(mode));
  }
}
