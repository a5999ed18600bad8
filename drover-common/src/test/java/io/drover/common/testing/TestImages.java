package io.drover.common.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Test images built offline (no registry is reachable): {@code drover-test/busybox:latest} is a rootfs holding
 * the machine's static {@code /bin/busybox} (Debian {@code busybox-static}) with a symlink per applet, an
 * {@code /etc/passwd} with root and nobody, imported with {@code docker import}. Built at most once per JVM, and
 * only when the Docker Engine does not have it yet. Needs the {@code docker} CLI.
 */
public final class TestImages {
  public static final String BUSYBOX = "drover-test/busybox:latest";
  private static final Path BUSYBOX_BINARY = Path.of("/bin/busybox");
  private static boolean busyboxReady;

  private TestImages() {}

  /** Returns {@link #BUSYBOX} after making sure the Docker Engine has it. */
  public static synchronized String busybox() throws IOException, InterruptedException {
    if (busyboxReady) {
      return BUSYBOX;
    }
    if (sh("docker image inspect " + BUSYBOX + " > /dev/null 2>&1") != 0) {
      if (!Files.isExecutable(BUSYBOX_BINARY)) {
        throw new IOException(BUSYBOX_BINARY + " is missing: install the busybox-static package");
      }
      Path rootfs = Files.createTempDirectory("drover-busybox-rootfs");
      try {
        String script = String.join("\n",
            "set -e",
            "cd '" + rootfs + "'",
            "mkdir -p bin etc tmp mnt/mesos/sandbox proc sys dev",
            "chmod 1777 tmp",
            "cp '" + BUSYBOX_BINARY + "' bin/busybox",
            "for a in $(bin/busybox --list); do [ \"$a\" = busybox ] || ln -s busybox \"bin/$a\"; done",
            "printf 'root:x:0:0:root:/root:/bin/sh\\nnobody:x:65534:65534:nobody:/:/bin/false\\n' > etc/passwd",
            "printf 'root:x:0:\\nnogroup:x:65534:\\n' > etc/group",
            "tar -C . -c . | docker import - " + BUSYBOX + " > /dev/null");
        Path log = rootfs.resolveSibling(rootfs.getFileName() + ".log");
        int rc = sh("(" + script + "\n) > '" + log + "' 2>&1");
        String out = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        Files.deleteIfExists(log);
        if (rc != 0) {
          throw new IOException("building " + BUSYBOX + " failed (exit " + rc + "): " + out);
        }
      } finally {
        sh("rm -rf '" + rootfs + "'");
      }
    }
    busyboxReady = true;
    return BUSYBOX;
  }

  private static int sh(String script) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + script);
    }
    return p.exitValue();
  }
}
