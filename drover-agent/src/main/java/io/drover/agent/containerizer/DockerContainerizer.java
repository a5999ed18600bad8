package io.drover.agent.containerizer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.drover.agent.containerizer.ContainerExit.Reason;
import io.drover.agent.containerizer.ContainerExit.Termination;
import io.drover.agent.fetcher.FetchException;
import io.drover.agent.fetcher.Fetcher;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs containers with the Docker Engine API (docker-java over the httpclient5 transport). A container is named
 * {@code drover-<containerId>}, carries the label {@value DockerRunConfig#LABEL_CONTAINER_ID}, has the sandbox
 * mounted at {@value DockerRunConfig#SANDBOX_MOUNT} (also its working directory and {@code MESOS_SANDBOX}), and its
 * log stream is followed into the sandbox's {@code stdout} and {@code stderr} files while it runs. After it ends
 * the container is removed. A missing image is pulled; when that (or a forced pull) fails, the launch fails
 * with the Engine's message. {@code State.OOMKilled} gives {@link Reason#REASON_CONTAINER_LIMITATION_MEMORY}.
 */
public final class DockerContainerizer implements Containerizer {
  private static final Logger LOG = LoggerFactory.getLogger(DockerContainerizer.class);
  public static final URI DEFAULT_HOST = URI.create("unix:///var/run/docker.sock");
  /** {@code docker run} options accepted in {@link DockerSpec#parameters()}. */
  public static final Set<String> SUPPORTED_PARAMETERS = Set.copyOf(DockerRunConfig.SUPPORTED_PARAMETERS);

  /**
   * @param dockerHost the Engine's address, normally {@link #DEFAULT_HOST}
   * @param allowPrivileged whether specs may ask for privileged containers
   * @param pullTimeout how long an image pull may take before the launch fails
   */
  /**
   * @param owner which agent the containers belong to (its work dir): every container gets it as the
   *     {@value #LABEL_OWNER} label, and recovery only looks at containers with the same owner, so several agents on
   *     one Docker Engine (or tests beside a running agent) never adopt or remove each other's containers. Empty means
   *     no label and every {@code drover-*} container counts.
   */
  public record Options(URI dockerHost, boolean allowPrivileged, Duration pullTimeout, String owner) {
    public static Options defaults() {
      return new Options(DEFAULT_HOST, false, Duration.ofMinutes(10), "");
    }

    public Options withAllowPrivileged(boolean allow) {
      return new Options(dockerHost, allow, pullTimeout, owner);
    }

    public Options withOwner(String newOwner) {
      return new Options(dockerHost, allowPrivileged, pullTimeout, newOwner);
    }
  }

  /** The label naming the agent that owns a container (see {@link Options#owner()}). */
  public static final String LABEL_OWNER = "io.drover.agent";

  private final Options options;
  private final DockerClient docker;
  private final Fetcher fetcher;
  private final boolean ownsFetcher;
  private final Map<String, Task> tasks = new ConcurrentHashMap<>();
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private volatile boolean closed;

  /** A Docker containerizer with a fetcher of its own (default options), closed with it. */
  public DockerContainerizer(Options options) {
    this(options, Fetcher.create(Fetcher.Options.defaults()), true);
  }

  /** A Docker containerizer fetching with {@code fetcher}, which the caller keeps owning (and closes). */
  public DockerContainerizer(Options options, Fetcher fetcher) {
    this(options, fetcher, false);
  }

  private DockerContainerizer(Options options, Fetcher fetcher, boolean ownsFetcher) {
    this.options = options;
    this.docker = client(options.dockerHost());
    this.fetcher = fetcher;
    this.ownsFetcher = ownsFetcher;
  }

  /**
   * Connections to the Docker Engine: every running container holds two for its life (its log stream and its wait),
   * so this bounds the containers an agent can run at about half of it. 64 stalled the agent at 32 containers.
   */
  static final int MAX_DOCKER_CONNECTIONS = 4_096;

  /** A docker-java client for {@code host} (no response timeout: log following and wait are long-lived). */
  public static DockerClient client(URI host) {
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host.toString()).build();
    ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .maxConnections(MAX_DOCKER_CONNECTIONS)
        .connectionTimeout(Duration.ofSeconds(5))
        .build();
    return DockerClientImpl.getInstance(config, http);
  }

  /** Empty if a Docker Engine answers a ping at {@code host}, else why not. */
  public static Optional<String> unavailableReason(URI host) {
    try (DockerClient c = client(host)) {
      c.pingCmd().exec();
      return Optional.empty();
    } catch (Exception | LinkageError e) {
      return Optional.of("no Docker Engine answers at " + host + ": " + e);
    }
  }

  /** The name of the Docker container of {@code containerId}. */
  public static String dockerName(String containerId) {
    return DockerRunConfig.NAME_PREFIX + containerId;
  }

  @Override
  public ContainerHandle launch(ContainerSpec spec) {
    if (closed) {
      throw new IllegalStateException("containerizer closed");
    }
    Task task = new Task(spec.containerId());
    if (tasks.putIfAbsent(task.id, task) != null) {
      throw new IllegalStateException("container " + task.id + " already exists");
    }
    workers.execute(() -> run(spec, task));
    return task.handle;
  }

  /** The whole life of one container, on its own virtual thread. */
  private void run(ContainerSpec spec, Task task) {
    DockerRunConfig config;
    try {
      config = DockerRunConfig.of(spec, options.allowPrivileged());
    } catch (DockerRunConfig.Invalid e) {
      finish(task, ContainerExit.notStarted(task.id, Reason.REASON_TASK_INVALID, e.getMessage()));
      return;
    }
    try {
      // Into the host sandbox, which the container sees at /mnt/mesos/sandbox (Mesos fetches before it pulls).
      fetcher.fetch(task.id, spec.uris(), spec.sandbox(), () -> task.killRequested() || closed);
    } catch (FetchException e) {
      finish(task, task.killRequested() ? ContainerExit.killedWhileLaunching(task.id)
          : ContainerExit.notStarted(task.id, Reason.REASON_CONTAINER_LAUNCH_FAILED, e.getMessage()));
      return;
    }
    LogCopier logs = null;
    try {
      ensureImage(config.image(), spec.docker().orElseThrow().forcePullImage());
      if (task.killRequested()) {
        finish(task, ContainerExit.killedWhileLaunching(task.id));
        return;
      }
      logs = new LogCopier(spec.sandbox(), task.id);
      task.dockerId = create(config);
      // Attached before the start, as `docker run` does: every byte the container writes reaches the sandbox. A log
      // follow opened after the start sometimes got nothing from a container that printed and exited at once.
      docker.attachContainerCmd(task.dockerId).withStdOut(true).withStdErr(true).withFollowStream(true)
          .withLogs(true).exec(logs);
      if (!logs.awaitStarted(ATTACH_TIMEOUT_S, TimeUnit.SECONDS)) {
        throw new LaunchFailed("attaching to container " + config.name() + " timed out after " + ATTACH_TIMEOUT_S
            + " s");
      }
      docker.startContainerCmd(task.dockerId).exec();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      launchFailed(task, logs, "interrupted while starting");
      return;
    } catch (LaunchFailed e) {
      launchFailed(task, logs, e.getMessage());
      return;
    } catch (RuntimeException e) {
      launchFailed(task, logs, "starting container " + config.name() + " from " + config.image() + " failed: "
          + message(e));
      return;
    }
    follow(task, logs, config.toString());
  }

  /** A launch that failed once the sandbox log files may be open: closes them, removes the container, reports. */
  private void launchFailed(Task task, LogCopier logs, String message) {
    if (logs != null) {
      logs.close();
    }
    removeQuietly(task);
    finish(task, ContainerExit.notStarted(task.id, Reason.REASON_CONTAINER_LAUNCH_FAILED, message));
  }

  /**
   * From a started container on: complete {@code started}, honour a kill requested meanwhile, wait for the end,
   * read exit code and OOM, let the log copy finish, remove the container and report.
   */
  private void follow(Task task, LogCopier logs, String what) {
    try {
      InspectContainerResponse started = docker.inspectContainerCmd(task.dockerId).exec();
      Long pid = started.getState().getPidLong();
      LOG.info("container {} running: docker {} ({}), pid {}", task.id, task.dockerId, what, pid);
      task.handle.started().complete(new Running(task.id,
          pid == null || pid == 0 ? OptionalLong.empty() : OptionalLong.of(pid), Optional.of(task.dockerId)));
      synchronized (task) {
        if (task.graceMs >= 0 && !task.stopIssued) {
          task.stopIssued = true;
          workers.execute(() -> stop(task, task.graceMs)); // killed while starting
        }
      }
      docker.waitContainerCmd(task.dockerId).exec(new WaitContainerResultCallback()).awaitStatusCode();
      InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(task.dockerId).exec().getState();
      long code = state.getExitCodeLong() == null ? -1 : state.getExitCodeLong();
      Termination termination = code > 128 && code < 128 + 65
          ? new Termination.Signaled((int) (code - 128)) : new Termination.Exited((int) code);
      boolean oom = Boolean.TRUE.equals(state.getOOMKilled());
      logs.awaitEnd();
      removeQuietly(task);
      finish(task, ContainerExit.ran(task.id, termination, oom, task.killRequested()));
    } catch (RuntimeException e) {
      lost(task, logs, e);
    }
  }

  private void lost(Task task, LogCopier logs, RuntimeException e) {
    if (closed) {
      // close() cut the connection: the container runs on, for the next agent to recover.
      LOG.info("container {}: no longer followed (containerizer closed)", task.id);
      logs.close();
      return;
    }
    LOG.error("container {}: lost track of docker container {}", task.id, task.dockerId, e);
    logs.close();
    removeQuietly(task);
    finish(task, new ContainerExit(task.id, new Termination.Signaled(9),
        Optional.of(Reason.REASON_COMMAND_EXECUTOR_FAILED), "Lost the Docker container: " + message(e),
        task.killRequested()));
  }

  /**
   * Reattaches to the container {@code drover-<containerId>} an earlier agent started: its log stream is followed
   * again into {@code sandbox}'s stdout/stderr from the second the sandbox's log files were last written (so lines
   * logged while no agent ran are copied too; Docker's "since" has a resolution of seconds, so a line of that very
   * second may appear twice), its end is awaited and reported as for a launched container,
   * then it is removed. A container that already ended is reported at once with its real exit code. Empty if the
   * Engine has no such container.
   *
   * @throws IllegalStateException if a container with this id is known, or after close
   */
  public Optional<ContainerHandle> recover(String containerId, java.nio.file.Path sandbox) {
    if (closed) {
      throw new IllegalStateException("containerizer closed");
    }
    InspectContainerResponse found;
    try {
      found = docker.inspectContainerCmd(dockerName(containerId)).exec();
    } catch (NotFoundException e) {
      return Optional.empty();
    }
    Task task = new Task(containerId);
    task.dockerId = found.getId();
    if (tasks.putIfAbsent(containerId, task) != null) {
      throw new IllegalStateException("container " + containerId + " already exists");
    }
    LogCopier logs = new LogCopier(sandbox, containerId);
    var logCmd = docker.logContainerCmd(task.dockerId).withStdOut(true).withStdErr(true).withFollowStream(true);
    long lastCopiedMs = Math.max(lastModifiedMs(sandbox.resolve("stdout")), lastModifiedMs(sandbox.resolve("stderr")));
    if (lastCopiedMs > 0) {
      logCmd.withSince((int) (lastCopiedMs / 1000));
    }
    workers.execute(() -> {
      try {
        logCmd.exec(logs);
      } catch (RuntimeException e) {
        lost(task, logs, e);
        return;
      }
      follow(task, logs, "recovered");
    });
    return Optional.of(task.handle);
  }

  private static long lastModifiedMs(java.nio.file.Path file) {
    try {
      return java.nio.file.Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return 0; // no such file: nothing was copied yet
    }
  }

  /**
   * The containers on the Engine named {@code drover-*} (running or not) that belong to this agent's owner, as
   * container id (the name without the prefix) to Docker id: what recovery reattaches or removes.
   */
  public Map<String, String> droverContainers() {
    Map<String, String> out = new java.util.TreeMap<>();
    for (var c : docker.listContainersCmd().withShowAll(true)
        .withNameFilter(java.util.List.of(DockerRunConfig.NAME_PREFIX)).exec()) {
      String owner = c.getLabels() == null ? "" : c.getLabels().getOrDefault(LABEL_OWNER, "");
      if (!options.owner().isEmpty() && !options.owner().equals(owner)) continue; // another agent's container
      for (String name : c.getNames() == null ? new String[0] : c.getNames()) {
        String n = name.startsWith("/") ? name.substring(1) : name;
        if (n.startsWith(DockerRunConfig.NAME_PREFIX)) {
          out.put(n.substring(DockerRunConfig.NAME_PREFIX.length()), c.getId());
        }
      }
    }
    return out;
  }

  /**
   * Force-removes the container {@code drover-<containerId>} that this containerizer does not track (an orphan of
   * an earlier agent). Returns false if there was none.
   *
   * @throws IllegalStateException if the container is tracked (kill it instead)
   */
  public boolean removeOrphan(String containerId) {
    if (tasks.containsKey(containerId)) {
      throw new IllegalStateException("container " + containerId + " is tracked; kill it instead");
    }
    try {
      docker.removeContainerCmd(dockerName(containerId)).withForce(true).withRemoveVolumes(true).exec();
      LOG.info("orphan docker container {} removed", dockerName(containerId));
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  private Map<String, String> withOwner(Map<String, String> labels) {
    if (options.owner().isEmpty()) return labels;
    Map<String, String> out = new java.util.LinkedHashMap<>(labels);
    out.put(LABEL_OWNER, options.owner());
    return out;
  }

  /** Creates the container and returns its Docker id. */
  private String create(DockerRunConfig c) {
    CreateContainerCmd cmd = docker.createContainerCmd(c.image())
        .withName(c.name())
        .withCmd(c.cmd())
        .withEnv(c.env())
        .withLabels(withOwner(c.labels()))
        .withWorkingDir(c.workingDir())
        .withHostConfig(c.hostConfig());
    c.entrypoint().ifPresent(cmd::withEntrypoint);
    c.user().ifPresent(cmd::withUser);
    c.hostname().ifPresent(cmd::withHostName);
    if (!c.exposedPorts().isEmpty()) {
      cmd.withExposedPorts(c.exposedPorts());
    }
    try {
      return cmd.exec().getId();
    } catch (RuntimeException e) {
      throw new LaunchFailed("creating container " + c.name() + " from " + c.image() + " failed: " + message(e));
    }
  }

  /** Makes sure {@code image} is present: pulled when absent or when forced. */
  private void ensureImage(String image, boolean forcePull) {
    boolean present;
    try {
      docker.inspectImageCmd(image).exec();
      present = true;
    } catch (NotFoundException e) {
      present = false;
    } catch (RuntimeException e) {
      throw new LaunchFailed("inspecting image " + image + " failed: " + message(e));
    }
    if (present && !forcePull) {
      return;
    }
    String what = present ? "image " + image + ": forced pull failed: " : "image " + image
        + " not found locally and pull failed: ";
    try {
      PullImageResultCallback pull = docker.pullImageCmd(image).exec(new PullImageResultCallback());
      if (!pull.awaitCompletion(options.pullTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        pull.close();
        throw new LaunchFailed(what + "timed out after " + options.pullTimeout());
      }
      docker.inspectImageCmd(image).exec();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchFailed(what + "interrupted");
    } catch (IOException | RuntimeException e) {
      if (e instanceof LaunchFailed lf) {
        throw lf;
      }
      throw new LaunchFailed(what + message(e));
    }
  }

  @Override
  public boolean kill(String containerId, long gracePeriodMs) {
    Task task = tasks.get(containerId);
    if (task == null) {
      return false;
    }
    synchronized (task) {
      boolean first = task.graceMs < 0;
      task.graceMs = Math.max(0, gracePeriodMs);
      if (first && !task.stopIssued && task.dockerId != null && task.handle.started().isDone()) {
        task.stopIssued = true;
        workers.execute(() -> stop(task, task.graceMs));
      }
    }
    return true;
  }

  /** docker stop with the grace (rounded up to seconds, the API's unit), then docker kill if still running. */
  private void stop(Task task, long graceMs) {
    int seconds = (int) Math.min(Integer.MAX_VALUE, (graceMs + 999) / 1000);
    try {
      docker.stopContainerCmd(task.dockerId).withTimeout(seconds).exec();
    } catch (NotModifiedException | NotFoundException e) {
      return; // already stopped or gone
    } catch (RuntimeException e) {
      LOG.warn("container {}: docker stop failed, killing it", task.id, e);
    }
    try {
      if (Boolean.TRUE.equals(docker.inspectContainerCmd(task.dockerId).exec().getState().getRunning())) {
        docker.killContainerCmd(task.dockerId).withSignal("KILL").exec();
      }
    } catch (NotFoundException e) {
      // gone: nothing left to kill
    } catch (RuntimeException e) {
      LOG.error("container {}: docker kill failed", task.id, e);
    }
  }

  private void removeQuietly(Task task) {
    String ref = task.dockerId;
    if (ref == null) {
      return;
    }
    try {
      docker.removeContainerCmd(ref).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException e) {
      // already removed
    } catch (RuntimeException e) {
      LOG.error("container {}: removing docker container {} failed; it stays behind", task.id, ref, e);
    }
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
    workers.shutdown();
    if (ownsFetcher) {
      fetcher.close();
    }
    try {
      docker.close();
    } catch (IOException e) {
      LOG.warn("closing the Docker client failed", e);
    }
  }

  private static String message(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.strip().replaceAll("\\s+", " ");
  }

  /** How long attaching to a created container's streams may take before the launch fails. */
  private static final long ATTACH_TIMEOUT_S = 30;

  /** Copies a container's attached output streams into the sandbox's stdout and stderr files (appending). */
  private static final class LogCopier extends ResultCallback.Adapter<Frame> {
    private final String id;
    private final OutputStream out;
    private final OutputStream err;

    LogCopier(java.nio.file.Path sandbox, String id) {
      this.id = id;
      try {
        this.out = new FileOutputStream(sandbox.resolve("stdout").toFile(), true);
        this.err = new FileOutputStream(sandbox.resolve("stderr").toFile(), true);
      } catch (IOException e) {
        throw new LaunchFailed("opening the sandbox's stdout/stderr failed: " + e.getMessage());
      }
    }

    @Override
    public synchronized void onNext(Frame frame) {
      try {
        switch (frame.getStreamType()) {
          case STDERR -> err.write(frame.getPayload());
          case STDOUT, RAW -> out.write(frame.getPayload());
          case STDIN -> { }
        }
      } catch (IOException e) {
        LOG.warn("container {}: writing its log to the sandbox failed", id, e);
      }
    }

    /** Waits (bounded) until the stream ended after the container stopped, then closes the files. */
    void awaitEnd() {
      try {
        if (!awaitCompletion(10, TimeUnit.SECONDS)) {
          LOG.warn("container {}: its log stream did not end 10 s after it stopped", id);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      close();
    }

    @Override
    public synchronized void close() {
      try {
        super.close();
      } catch (IOException e) {
        LOG.warn("container {}: closing its log stream failed", id, e);
      }
      try {
        out.close();
        err.close();
      } catch (IOException e) {
        LOG.warn("container {}: closing its sandbox log files failed", id, e);
      }
    }
  }

  /** Per-container state. {@code graceMs} is -1 until a kill is requested. */
  private static final class Task {
    final String id;
    final ContainerHandle handle;
    volatile String dockerId;
    volatile long graceMs = -1;
    volatile boolean stopIssued;

    Task(String id) {
      this.id = id;
      this.handle = new ContainerHandle(id, new CompletableFuture<>(), new CompletableFuture<>());
    }

    boolean killRequested() {
      return graceMs >= 0;
    }
  }

  /** A launch step failed; the message is the status update's. */
  private static final class LaunchFailed extends RuntimeException {
    LaunchFailed(String message) {
      super(message);
    }
  }
}
