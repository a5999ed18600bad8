package io.drover.agent.containerizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-task cgroups under a common parent (default {@code drover}), for cgroup v1 (separate {@code cpu} and
 * {@code memory} hierarchies, found in {@code /proc/self/mountinfo}) or v2 (the unified hierarchy at
 * {@code /sys/fs/cgroup}, recognised by its {@code cgroup.controllers} file). Only usable as root.
 */
final class Cgroups {
  private static final Logger LOG = LoggerFactory.getLogger(Cgroups.class);
  static final long CFS_PERIOD_US = 100_000;
  private static final Path V2_ROOT = Path.of("/sys/fs/cgroup");

  /** Where the controllers live. */
  sealed interface Layout {
    /** cgroup v1: the parent directories in the cpu and the memory hierarchies. */
    record V1(Path cpuParent, Path memoryParent) implements Layout {}

    /** cgroup v2: the parent directory in the unified hierarchy. */
    record V2(Path parent) implements Layout {}
  }

  private final Layout layout;

  private Cgroups(Layout layout) {
    this.layout = layout;
  }

  Layout layout() {
    return layout;
  }

  /**
   * The machine's cgroups with the parent {@code parentName} created, or empty with the reason logged when not
   * root or when neither a v2 hierarchy with cpu and memory nor v1 cpu and memory hierarchies are writable.
   */
  static Optional<Cgroups> detect(String parentName) {
    try {
      if (!isRoot()) {
        LOG.info("cgroups not used: the agent does not run as root");
        return Optional.empty();
      }
      if (Files.exists(V2_ROOT.resolve("cgroup.controllers"))) {
        String controllers = Files.readString(V2_ROOT.resolve("cgroup.controllers"));
        if (!(hasWord(controllers, "cpu") && hasWord(controllers, "memory"))) {
          LOG.warn("cgroups not used: cgroup v2 without cpu and memory controllers ({})", controllers.strip());
          return Optional.empty();
        }
        Path parent = V2_ROOT.resolve(parentName);
        write(V2_ROOT.resolve("cgroup.subtree_control"), "+cpu +memory");
        Files.createDirectories(parent);
        write(parent.resolve("cgroup.subtree_control"), "+cpu +memory");
        return Optional.of(new Cgroups(new Layout.V2(parent)));
      }
      Optional<Path> cpu = v1Mount("cpu");
      Optional<Path> memory = v1Mount("memory");
      if (cpu.isEmpty() || memory.isEmpty()) {
        LOG.warn("cgroups not used: no cgroup v2 and no cgroup v1 cpu and memory hierarchies mounted");
        return Optional.empty();
      }
      Path cpuParent = cpu.get().resolve(parentName);
      Path memParent = memory.get().resolve(parentName);
      Files.createDirectories(cpuParent);
      Files.createDirectories(memParent);
      return Optional.of(new Cgroups(new Layout.V1(cpuParent, memParent)));
    } catch (IOException | RuntimeException e) {
      LOG.warn("cgroups not used: setting up the parent cgroup failed", e);
      return Optional.empty();
    }
  }

  /** Creates the task's cgroup(s) and writes its limits (0 = no limit). */
  TaskCgroup create(String containerId, int cpuMillis, long memMb) throws IOException {
    long shares = Math.max(2, cpuMillis * 1024L / 1000);
    long quotaUs = Math.max(1000, cpuMillis * CFS_PERIOD_US / 1000);
    long memBytes = memMb * 1024 * 1024;
    switch (layout) {
      case Layout.V1 v1 -> {
        Path cpu = v1.cpuParent().resolve(containerId);
        Path mem = v1.memoryParent().resolve(containerId);
        TaskCgroup cg = new TaskCgroup(List.of(cpu, mem), mem.resolve("memory.oom_control"), false);
        try {
          Files.createDirectory(cpu);
          Files.createDirectory(mem);
          if (cpuMillis > 0) {
            write(cpu.resolve("cpu.shares"), Long.toString(shares));
            write(cpu.resolve("cpu.cfs_period_us"), Long.toString(CFS_PERIOD_US));
            write(cpu.resolve("cpu.cfs_quota_us"), Long.toString(quotaUs));
          }
          if (memMb > 0) {
            write(mem.resolve("memory.limit_in_bytes"), Long.toString(memBytes));
            // Without this, a task on a machine with swap would swap instead of hitting its limit.
            if (Files.exists(mem.resolve("memory.memsw.limit_in_bytes"))) {
              write(mem.resolve("memory.memsw.limit_in_bytes"), Long.toString(memBytes));
            }
          }
        } catch (IOException e) {
          cg.destroy();
          throw e;
        }
        return cg;
      }
      case Layout.V2 v2 -> {
        Path dir = v2.parent().resolve(containerId);
        TaskCgroup cg = new TaskCgroup(List.of(dir), dir.resolve("memory.events"), true);
        try {
          Files.createDirectory(dir);
          if (cpuMillis > 0) {
            // runc's conversion of cpu shares [2, 262144] to cpu.weight [1, 10000].
            long weight = 1 + ((shares - 2) * 9999) / 262142;
            write(dir.resolve("cpu.weight"), Long.toString(weight));
            write(dir.resolve("cpu.max"), quotaUs + " " + CFS_PERIOD_US);
          }
          if (memMb > 0) {
            write(dir.resolve("memory.max"), Long.toString(memBytes));
            if (Files.exists(dir.resolve("memory.swap.max"))) {
              write(dir.resolve("memory.swap.max"), "0");
            }
          }
        } catch (IOException e) {
          cg.destroy();
          throw e;
        }
        return cg;
      }
    }
  }

  /** The cgroup(s) an earlier agent created for {@code containerId}, if they still exist (recovery). */
  Optional<TaskCgroup> existing(String containerId) {
    return switch (layout) {
      case Layout.V1 v1 -> {
        Path cpu = v1.cpuParent().resolve(containerId);
        Path mem = v1.memoryParent().resolve(containerId);
        yield Files.isDirectory(mem)
            ? Optional.of(new TaskCgroup(Files.isDirectory(cpu) ? List.of(cpu, mem) : List.of(mem),
                mem.resolve("memory.oom_control"), false))
            : Optional.empty();
      }
      case Layout.V2 v2 -> {
        Path dir = v2.parent().resolve(containerId);
        yield Files.isDirectory(dir)
            ? Optional.of(new TaskCgroup(List.of(dir), dir.resolve("memory.events"), true)) : Optional.empty();
      }
    };
  }

  /** One task's cgroup directories (one per v1 hierarchy, one for v2). */
  static final class TaskCgroup {
    private final List<Path> dirs;
    private final Path oomFile;
    private final boolean v2;

    TaskCgroup(List<Path> dirs, Path oomFile, boolean v2) {
      this.dirs = List.copyOf(dirs);
      this.oomFile = oomFile;
      this.v2 = v2;
    }

    List<Path> dirs() {
      return dirs;
    }

    /** The {@code cgroup.procs} files a process must join, in order. */
    List<Path> procsFiles() {
      return dirs.stream().map(d -> d.resolve("cgroup.procs")).toList();
    }

    /** True if the kernel's OOM killer killed a process of this cgroup (or it is under OOM right now). */
    boolean oomKilled() throws IOException {
      for (String line : Files.readAllLines(oomFile)) {
        String[] kv = line.trim().split("\\s+");
        if (kv.length != 2) {
          continue;
        }
        long value = Long.parseLong(kv[1]);
        if (v2 && kv[0].equals("oom_kill") && value > 0) {
          return true;
        }
        if (!v2 && (kv[0].equals("oom_kill") || kv[0].equals("under_oom")) && value > 0) {
          return true;
        }
      }
      return false;
    }

    /** Pids currently in the cgroup(s). */
    List<Long> pids() throws IOException {
      List<Long> pids = new ArrayList<>();
      for (Path procs : procsFiles()) {
        if (Files.exists(procs)) {
          for (String l : Files.readAllLines(procs)) {
            if (!l.isBlank() && !pids.contains(Long.parseLong(l.trim()))) {
              pids.add(Long.parseLong(l.trim()));
            }
          }
        }
      }
      return pids;
    }

    /**
     * SIGKILLs whatever is left in the cgroup and removes the directories, retrying while the kernel still
     * counts exiting processes (bounded: about 5 s). Throws if a directory could not be removed.
     */
    void destroy() throws IOException {
      IOException last = null;
      for (int attempt = 0; attempt < 250; attempt++) {
        for (long pid : pids()) {
          ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        last = null;
        for (Path d : dirs) {
          try {
            Files.deleteIfExists(d);
          } catch (IOException e) {
            last = e;
          }
        }
        if (last == null) {
          return;
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while removing cgroup " + dirs, e);
        }
      }
      throw new IOException("could not remove cgroup " + dirs, last);
    }
  }

  static boolean isRoot() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("Uid:")) {
        return line.split("\\s+")[2].equals("0"); // effective uid
      }
    }
    return false;
  }

  /** The mount point of the cgroup v1 hierarchy that has {@code controller}, from /proc/self/mountinfo. */
  static Optional<Path> v1Mount(String controller) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      int sep = line.indexOf(" - ");
      if (sep < 0) {
        continue;
      }
      String[] pre = line.substring(0, sep).split(" ");
      String[] post = line.substring(sep + 3).split(" ");
      if (post.length >= 3 && post[0].equals("cgroup") && hasWord(post[2].replace(',', ' '), controller)) {
        return Optional.of(Path.of(pre[4]));
      }
    }
    return Optional.empty();
  }

  private static boolean hasWord(String words, String word) {
    for (String w : words.trim().split("\\s+")) {
      if (w.equals(word)) {
        return true;
      }
    }
    return false;
  }

  private static void write(Path file, String value) throws IOException {
    Files.writeString(file, value, StandardCharsets.US_ASCII);
  }
}
