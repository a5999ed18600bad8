package io.drover.agent.containerizer;

import io.drover.agent.containerizer.ContainerExit.Reason;
import io.drover.agent.containerizer.ContainerExit.Termination;
import io.drover.agent.fetcher.FetchException;
import io.drover.agent.fetcher.Fetcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands as plain processes. Each container's command runs in its sandbox with {@code stdout} and
 * {@code stderr} appended to files of those names there, in a session and process group of its own (through
 * {@code setsid} when installed) so that kill reaches the whole tree, and, when cgroups are available (root),
 * in a cgroup of its own under {@code drover} with its cpu and memory limits.
 *
 * <p>When the main process ends, whatever is left of its process group and cgroup is SIGKILLed and the cgroup is
 * removed (the container ends with its command, as with Mesos' command executor). An exit status above 128 is
 * reported as {@link Termination.Signaled} with signal {@code status - 128}: the JVM reports a signal death that
 * way, and so does the shell when its command died of a signal.
 *
 * <p>A spec with URIs launches asynchronously: the {@link Fetcher} runs on a virtual thread first, and the command
 * starts only when every URI was fetched (else the launch fails with the fetcher's message); a kill while fetching
 * stops the fetch and the container ends killed without running.
 */
public final class ProcessContainerizer implements Containerizer {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessContainerizer.class);

  /** Whether to use cgroups. */
  public enum CgroupMode {
    /** Use cgroups when running as root on a machine that has them, else run without. */
    AUTO,
    /** Never use cgroups. */
    OFF
  }

  private final Optional<Cgroups> cgroups;
  private final Optional<Path> setsid;
  private final Optional<Path> setpriv;
  private static final long ADOPTED_POLL_MS = 200;
  private final Map<String, Task> tasks = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer;
  private final ExecutorService reaper = Executors.newVirtualThreadPerTaskExecutor();
  private final Fetcher fetcher;
  private final boolean ownsFetcher;
  private volatile boolean closed;

  /**
   * @param cgroupMode AUTO to enforce limits with cgroups when possible
   * @param cgroupParent the name of the parent cgroup, e.g. {@code drover}
   */
  public ProcessContainerizer(CgroupMode cgroupMode, String cgroupParent) {
    this(cgroupMode, cgroupParent, Fetcher.create(Fetcher.Options.defaults()), true);
  }

  /** As {@link #ProcessContainerizer(CgroupMode, String)}, fetching with {@code fetcher} (the caller closes it). */
  public ProcessContainerizer(CgroupMode cgroupMode, String cgroupParent, Fetcher fetcher) {
    this(cgroupMode, cgroupParent, fetcher, false);
  }

  private ProcessContainerizer(CgroupMode cgroupMode, String cgroupParent, Fetcher fetcher, boolean ownsFetcher) {
    this.fetcher = fetcher;
    this.ownsFetcher = ownsFetcher;
    this.cgroups = switch (cgroupMode) {
      case AUTO -> Cgroups.detect(cgroupParent);
      case OFF -> Optional.empty();
    };
    this.setsid = findExecutable("setsid");
    this.setpriv = findExecutable("setpriv");
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "process-containerizer-timer");
      t.setDaemon(true);
      return t;
    });
    if (setsid.isEmpty()) {
      LOG.warn("setsid not found: a kill reaches the command and its descendants one by one, not as a group");
    }
  }

  /** True when tasks get cgroups with cpu and memory limits. */
  public boolean usesCgroups() {
    return cgroups.isPresent();
  }

  /** The cgroup layout in use, for diagnostics and tests. */
  Optional<Cgroups.Layout> cgroupLayout() {
    return cgroups.map(Cgroups::layout);
  }

  @Override
  public ContainerHandle launch(ContainerSpec spec) {
    if (closed) {
      throw new IllegalStateException("containerizer closed");
    }
    String id = spec.containerId();
    Task task = new Task(id);
    if (tasks.putIfAbsent(id, task) != null) {
      throw new IllegalStateException("container " + id + " already exists");
    }
    if (spec.uris().isEmpty()) {
      startOrFail(spec, task);
    } else {
      reaper.execute(() -> fetchThenStart(spec, task));
    }
    return task.handle;
  }

  private void startOrFail(ContainerSpec spec, Task task) {
    try {
      start(spec, task);
    } catch (LaunchFailure f) {
      task.cleanupQuietly();
      finish(task, ContainerExit.notStarted(task.id, f.reason, f.getMessage()));
    }
  }

  /** Fetches the spec's URIs, then starts the command unless the container was killed meanwhile. */
  private void fetchThenStart(ContainerSpec spec, Task task) {
    try {
      fetcher.fetch(task.id, spec.uris(), spec.sandbox(), () -> task.killed || closed);
    } catch (FetchException e) {
      finish(task, task.killed ? ContainerExit.killedWhileLaunching(task.id)
          : ContainerExit.notStarted(task.id, Reason.REASON_CONTAINER_LAUNCH_FAILED, e.getMessage()));
      return;
    }
    synchronized (task) {
      if (task.killed) {
        finish(task, ContainerExit.killedWhileLaunching(task.id));
        return;
      }
    }
    startOrFail(spec, task);
    synchronized (task) {
      // A kill that came after the check above but before the pid was known: carry it out now.
      if (task.killed && task.escalation == null && !task.reaped && task.pid >= 0) {
        signalGroup(task, "TERM");
        task.escalation = timer.schedule(() -> {
          synchronized (task) {
            signalGroup(task, "KILL");
          }
        }, Math.max(0, task.pendingGraceMs), TimeUnit.MILLISECONDS);
      }
    }
  }

  private void start(ContainerSpec spec, Task task) throws LaunchFailure {
    if (spec.docker().isPresent()) {
      throw new LaunchFailure(Reason.REASON_TASK_INVALID, "the process containerizer cannot run a Docker image");
    }
    if (!Files.isDirectory(spec.sandbox())) {
      throw new LaunchFailure(Reason.REASON_CONTAINER_LAUNCH_FAILED, "sandbox " + spec.sandbox() + " is not a directory");
    }
    List<String> argv = switch (spec.command()) {
      case Command.Shell s -> List.of("/bin/sh", "-c", s.script());
      case Command.Argv a -> a.argv();
    };
    if (argv.isEmpty()) {
      throw new LaunchFailure(Reason.REASON_TASK_INVALID, "empty command");
    }
    List<String> cmd = new ArrayList<>();
    setsid.ifPresent(p -> cmd.add(p.toString()));
    if (cgroups.isPresent()) {
      try {
        task.cgroup = cgroups.get().create(spec.containerId(), spec.cpuMillis(), spec.memMb());
      } catch (IOException e) {
        throw new LaunchFailure(Reason.REASON_CONTAINER_LAUNCH_FAILED, "creating the cgroup failed: " + e);
      }
      // Join the cgroup before exec'ing the command, so that nothing of it ever runs outside its limits.
      StringBuilder join = new StringBuilder();
      for (Path procs : task.cgroup.procsFiles()) {
        join.append("echo $$ > '").append(procs).append("' || exit 127; ");
      }
      cmd.addAll(List.of("/bin/sh", "-c", join + "exec \"$@\"", "drover-launch"));
    }
    spec.user().ifPresent(u -> cmd.addAll(switchUser(u)));
    cmd.addAll(argv);

    ProcessBuilder pb = new ProcessBuilder(cmd).directory(spec.sandbox().toFile())
        .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.sandbox().resolve("stdout").toFile()))
        .redirectError(ProcessBuilder.Redirect.appendTo(spec.sandbox().resolve("stderr").toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    pb.environment().put("MESOS_SANDBOX", spec.sandbox().toString());
    pb.environment().put("MESOS_CONTAINER_NAME", spec.containerId());
    pb.environment().putAll(spec.env());
    try {
      task.process = pb.start();
    } catch (IOException e) {
      throw new LaunchFailure(Reason.REASON_CONTAINER_LAUNCH_FAILED, "starting " + argv + " failed: " + e.getMessage());
    }
    LOG.info("container {} started: pid {}, cgroup {}", spec.containerId(), task.process.pid(),
        task.cgroup == null ? "none" : task.cgroup.dirs());
    task.pid = task.process.pid();
    task.handle.started().complete(new Running(spec.containerId(), OptionalLong.of(task.process.pid()), Optional.empty()));
    task.process.onExit().thenRunAsync(() -> reap(task), reaper);
  }

  /**
   * Re-adopts a container launched by an earlier agent: {@code pid} must still be alive with the checkpointed
   * {@code startTime} (see {@link ProcStat}), else empty (the container ended while the agent was down). The process
   * is not our child, so its end is found by polling /proc and its exit status is unknown: the exit carries
   * {@link Termination.Unknown}, memory when the container's cgroup counted an OOM kill, or killed when
   * {@link #kill} was called. The handle's {@code started} is already complete.
   *
   * @throws IllegalStateException if a container with this id is known, or after close
   */
  public Optional<ContainerHandle> recover(String containerId, long pid, long startTime) {
    if (closed) {
      throw new IllegalStateException("containerizer closed");
    }
    if (!ProcStat.isSameProcess(pid, startTime)) {
      return Optional.empty();
    }
    Task task = new Task(containerId);
    task.pid = pid;
    task.cgroup = cgroups.flatMap(c -> c.existing(containerId)).orElse(null);
    if (tasks.putIfAbsent(containerId, task) != null) {
      throw new IllegalStateException("container " + containerId + " already exists");
    }
    LOG.info("container {} recovered: pid {}, cgroup {}", containerId, pid,
        task.cgroup == null ? "none" : task.cgroup.dirs());
    task.handle.started().complete(new Running(containerId, OptionalLong.of(pid), Optional.empty()));
    task.poll = timer.scheduleWithFixedDelay(() -> {
      if (!ProcStat.isSameProcess(pid, startTime)) {
        task.poll.cancel(false);
        reaper.execute(() -> reapAdopted(task));
      }
    }, ADOPTED_POLL_MS, ADOPTED_POLL_MS, TimeUnit.MILLISECONDS);
    return Optional.of(task.handle);
  }

  /** Runs once a re-adopted process is gone; its exit status is unknown (it was not our child). */
  private void reapAdopted(Task task) {
    reapWith(task, oom -> ContainerExit.recoveredEnded(task.id, oom, task.killed));
  }

  private List<String> switchUser(String user) {
    try {
      if (!Cgroups.isRoot()) {
        throw new LaunchFailure(Reason.REASON_CONTAINER_LAUNCH_FAILED,
            "cannot run as user '" + user + "': the agent does not run as root");
      }
    } catch (IOException e) {
      throw new LaunchFailure(Reason.REASON_CONTAINER_LAUNCH_FAILED, "reading /proc/self/status failed: " + e);
    }
    if (setpriv.isEmpty()) {
      throw new LaunchFailure(Reason.REASON_CONTAINER_LAUNCH_FAILED,
          "cannot run as user '" + user + "': setpriv (util-linux) is not installed");
    }
    String gid = primaryGid(user).orElseThrow(() -> new LaunchFailure(Reason.REASON_CONTAINER_LAUNCH_FAILED,
        "cannot run as user '" + user + "': no such user in /etc/passwd"));
    return List.of(setpriv.get().toString(), "--reuid=" + user, "--regid=" + gid, "--init-groups", "--");
  }

  private static Optional<String> primaryGid(String user) {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
        String[] f = line.split(":");
        if (f.length > 3 && f[0].equals(user)) {
          return Optional.of(f[3]);
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new LaunchFailure(Reason.REASON_CONTAINER_LAUNCH_FAILED, "reading /etc/passwd failed: " + e);
    }
  }

  /** Runs after the main process ended. */
  private void reap(Task task) {
    int status = task.process.exitValue();
    Termination termination = status > 128 && status < 128 + 65
        ? new Termination.Signaled(status - 128) : new Termination.Exited(status);
    reapWith(task, oom -> ContainerExit.ran(task.id, termination, oom, task.killed));
  }

  /** Finishes off the group and cgroup of an ended container, reads whether memory killed it, and reports. */
  private void reapWith(Task task, Function<Boolean, ContainerExit> exitOf) {
    synchronized (task) {
      ScheduledFuture<?> escalation = task.escalation;
      if (escalation != null) {
        escalation.cancel(false);
      }
      // Kill what is left of the group now, before its pgid can be reused; no signal is sent after this.
      signalGroup(task, "KILL");
      task.reaped = true;
    }
    boolean oom = false;
    if (task.cgroup != null) {
      try {
        oom = task.cgroup.oomKilled();
      } catch (IOException | RuntimeException e) {
        LOG.warn("container {}: reading the OOM state failed", task.id, e);
      }
    }
    task.cleanupQuietly();
    finish(task, exitOf.apply(oom));
  }

  private void finish(Task task, ContainerExit exit) {
    tasks.remove(task.id, task);
    LOG.info("container {} ended: {}", task.id, exit);
    if (!task.handle.started().isDone()) {
      task.handle.started().completeExceptionally(new ContainerLaunchException(exit));
    }
    task.handle.exit().complete(exit);
  }

  @Override
  public boolean kill(String containerId, long gracePeriodMs) {
    Task task = tasks.get(containerId);
    if (task == null) {
      return false;
    }
    synchronized (task) {
      if (task.reaped) {
        return false;
      }
      task.killed = true;
      if (task.pid < 0) {
        task.pendingGraceMs = gracePeriodMs; // still fetching: the launch thread honours it
        return true;
      }
      signalGroup(task, "TERM");
      if (task.escalation == null) {
        task.escalation = timer.schedule(() -> {
              synchronized (task) {
                signalGroup(task, "KILL");
              }
            }, Math.max(0, gracePeriodMs),
            TimeUnit.MILLISECONDS);
      }
    }
    return true;
  }

  /** Sends SIGTERM or SIGKILL to the task's process group (or its process tree without setsid) and cgroup. */
  private void signalGroup(Task task, String signal) {
    long pid = task.pid;
    if (task.reaped || pid < 0) {
      return;
    }
    if (setsid.isPresent()) {
      // setsid made the command's pid its process group id.
      try {
        Process k = new ProcessBuilder("/bin/sh", "-c", "kill -s " + signal + " -- -" + pid + " 2>/dev/null")
            .redirectErrorStream(true).start();
        k.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        k.waitFor(5, TimeUnit.SECONDS);
      } catch (IOException e) {
        LOG.warn("container {}: sending SIG{} to process group {} failed", task.id, signal, pid, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      Optional<ProcessHandle> main = ProcessHandle.of(pid);
      List<ProcessHandle> all = new ArrayList<>(main.map(h -> h.descendants().toList()).orElse(List.of()));
      main.ifPresent(all::add);
      for (ProcessHandle h : all) {
        if (signal.equals("KILL")) {
          h.destroyForcibly();
        } else {
          h.destroy();
        }
      }
    }
    if (signal.equals("KILL") && task.cgroup != null) {
      try {
        for (long member : task.cgroup.pids()) {
          ProcessHandle.of(member).ifPresent(ProcessHandle::destroyForcibly);
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("container {}: killing the cgroup's processes failed", task.id, e);
      }
    }
  }

  @Override
  public Optional<ContainerHandle> handle(String containerId) {
    return Optional.ofNullable(tasks.get(containerId)).map(t -> t.handle);
  }

  @Override
  public Set<String> list() {
    return Set.copyOf(tasks.keySet());
  }

  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    reaper.shutdown();
    if (ownsFetcher) {
      fetcher.close();
    }
  }

  private static Optional<Path> findExecutable(String name) {
    for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Mutable state of one container; fields written under the task's monitor or before publication. */
  private static final class Task {
    final String id;
    final ContainerHandle handle;
    volatile Process process;
    /** The main process's pid once started or re-adopted; -1 before. */
    volatile long pid = -1;
    /** Polls a re-adopted process's liveness. */
    volatile ScheduledFuture<?> poll;
    volatile Cgroups.TaskCgroup cgroup;
    volatile boolean killed;
    /** The grace of a kill that came before the command started. */
    volatile long pendingGraceMs;
    volatile boolean reaped;
    volatile ScheduledFuture<?> escalation;

    Task(String id) {
      this.id = id;
      this.handle = new ContainerHandle(id, new CompletableFuture<>(), new CompletableFuture<>());
    }

    void cleanupQuietly() {
      if (cgroup != null) {
        try {
          cgroup.destroy();
        } catch (IOException e) {
          LOG.error("container {}: removing its cgroup failed; it stays behind", id, e);
        }
      }
    }
  }

  /** A launch that cannot go on, with the reason to report. */
  private static final class LaunchFailure extends RuntimeException {
    final Reason reason;

    LaunchFailure(Reason reason, String message) {
      super(message);
      this.reason = reason;
    }
  }
}
