package io.drover.common.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Test images built offline (no registry is reachable): {@code drover-test/busybox:latest} is built by the
 * repository's {@code scripts/busybox-image} (the machine's static {@code /bin/busybox} with a symlink per applet,
 * root and nobody in {@code /etc/passwd}, imported with {@code docker import}), the same script the README's
 * quickstart uses for its example image. Built at most once per JVM, and only when the Docker Engine does not have
 * it yet. Needs the {@code docker} CLI.
 */
public final class TestImages {
  public static final String BUSYBOX = "drover-test/busybox:latest";
  private static boolean busyboxReady;

  private TestImages() {}

  /** Returns {@link #BUSYBOX} after making sure the Docker Engine has it. */
  public static synchronized String busybox() throws IOException, InterruptedException {
    if (busyboxReady) {
      return BUSYBOX;
    }
    Path script = script();
    Process p = new ProcessBuilder(script.toString(), BUSYBOX).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + script + " " + BUSYBOX);
    }
    if (p.exitValue() != 0) {
      throw new IOException("building " + BUSYBOX + " failed (exit " + p.exitValue() + "): " + out.strip());
    }
    busyboxReady = true;
    return BUSYBOX;
  }

  /** {@code scripts/busybox-image}, found from the working directory upwards (tests run in a module directory). */
  static Path script() throws IOException {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("scripts/busybox-image");
      if (Files.isExecutable(candidate)) return candidate;
    }
    throw new IOException("scripts/busybox-image not found above " + Path.of("").toAbsolutePath());
  }
}
