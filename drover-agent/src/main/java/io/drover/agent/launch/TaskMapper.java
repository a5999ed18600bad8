package io.drover.agent.launch;

import io.drover.agent.containerizer.Command;
import io.drover.agent.containerizer.DockerSpec;
import io.drover.agent.containerizer.PortRange;
import io.drover.agent.fetcher.FetchUri;
import io.drover.agent.health.HealthCheckSpec;
import io.drover.agent.health.ProbeSpec;
import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.common.resources.Ranges;
import io.drover.common.resources.Resources;
import io.drover.master.api.v1.CommandInfo;
import io.drover.master.api.v1.ContainerInfo;
import io.drover.master.api.v1.Environment;
import io.drover.master.api.v1.HealthCheck;
import io.drover.master.api.v1.Labels;
import io.drover.master.api.v1.ResourceJson;
import io.drover.master.api.v1.TaskInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Maps a Mesos v1 {@code TaskInfo} of a command task to a {@link TaskPlan}, as Mesos' command executor and Docker
 * containerizer read it. Anything this agent cannot run is a {@link MappingResult.Rejected} with a message saying
 * what and what to do, never an exception:
 * <ul>
 *   <li>a malformed task (no command, bad resources, bad health check, an id unusable as a directory name, a custom
 *       executor, secrets, USER networks, MESOS container images): TASK_ERROR, REASON_TASK_INVALID;
 *   <li>a Docker task on an agent without the Docker containerizer: TASK_FAILED, REASON_CONTAINER_LAUNCH_FAILED.
 * </ul>
 * Commands: {@code shell} (default true) runs {@code value} with {@code /bin/sh -c}; {@code shell=false} runs
 * {@code value} with {@code arguments[1..]} as a process (Mesos passes {@code arguments} as the whole argv, argv[0]
 * included), and for Docker appends {@code value} (if any) and all {@code arguments} to the image's entrypoint.
 * Environment: the command's VALUE variables, then MESOS_TASK_ID, MESOS_FRAMEWORK_ID, MESOS_AGENT_ID,
 * MESOS_EXECUTOR_ID, HOST, PORT0..PORTn and PORTS for the offered ports in ascending order (MESOS_SANDBOX is set by
 * the containerizers). The task's user is {@code command.user} when set; the framework's user is not applied.
 * {@code command.uris} are copied with the proto defaults; the containerizer's fetcher validates and fetches them.
 */
public final class TaskMapper {
  /** At most this many ports get PORTn variables (and appear in PORTS): the environment stays bounded. */
  static final int MAX_PORT_VARIABLES = 1000;
  static final String HEALTH_HOST = "127.0.0.1";

  private TaskMapper() {}

  /**
   * @param dockerEnabled whether this agent runs the Docker containerizer
   */
  public record Context(String frameworkId, String agentId, String hostname, boolean dockerEnabled,
      long defaultKillGraceMs) {}

  public static MappingResult map(TaskInfo task, Context ctx) {
    try {
      return mapOrThrow(task, ctx);
    } catch (Invalid e) {
      return new MappingResult.Rejected(TaskState.TASK_ERROR, TaskStatusReason.REASON_TASK_INVALID, e.getMessage());
    } catch (IllegalArgumentException e) {
      return new MappingResult.Rejected(TaskState.TASK_ERROR, TaskStatusReason.REASON_TASK_INVALID,
          "invalid task: " + e.getMessage());
    }
  }

  private static MappingResult mapOrThrow(TaskInfo task, Context ctx) {
    if (task.taskId() == null || !SandboxLayout.validId(task.taskId().value())) {
      throw new Invalid("task_id must be non-empty, not '.' or '..', and hold no '/'");
    }
    if (!SandboxLayout.validId(ctx.frameworkId())) {
      throw new Invalid("framework id '" + ctx.frameworkId() + "' cannot name a sandbox directory");
    }
    if (task.executor() != null) {
      throw new Invalid("custom executors are not supported by Drover: give the task a command instead");
    }
    CommandInfo cmd = task.command();
    if (cmd == null) {
      throw new Invalid("the task has no command: set command.value (or a DOCKER container with shell=false)");
    }
    String taskId = task.taskId().value();

    Resources resources = task.resources() == null ? Resources.EMPTY : ResourceJson.fromJson(task.resources());
    int cpuMillis = (int) Math.min(Integer.MAX_VALUE, resources.scalarMillis("cpus"));
    long memMb = (resources.scalarMillis("mem") + 999) / 1000;
    List<PortRange> ports = new ArrayList<>();
    Ranges portRanges = resources.ranges("ports");
    for (long[] r : portRanges.intervals()) {
      ports.add(new PortRange((int) r[0], (int) r[1]));
    }

    Optional<DockerSpec> docker = docker(task.container(), ctx);
    if (docker.isEmpty() && task.container() != null && task.container().type() == ContainerInfo.Type.DOCKER) {
      return new MappingResult.Rejected(TaskState.TASK_FAILED, TaskStatusReason.REASON_CONTAINER_LAUNCH_FAILED,
          "this agent runs without the Docker containerizer (start it with --containerizers docker,process and a "
              + "running Docker Engine), so it cannot run Docker task " + taskId);
    }
    Command command = command(cmd, docker.isPresent());

    Map<String, String> env = new LinkedHashMap<>();
    if (cmd.environment() != null && cmd.environment().variables() != null) {
      for (Environment.Variable v : cmd.environment().variables()) {
        if (v.type() == Environment.VariableType.SECRET) {
          throw new Invalid("environment variable '" + v.name() + "' is a secret; Drover supports VALUE variables only");
        }
        if (v.name() == null || v.name().isEmpty() || v.name().indexOf('=') >= 0) {
          throw new Invalid("environment variable name '" + v.name() + "' is empty or holds '='");
        }
        env.put(v.name(), v.value() == null ? "" : v.value());
      }
    }
    env.put("MESOS_TASK_ID", taskId);
    env.put("MESOS_EXECUTOR_ID", taskId);
    env.put("MESOS_FRAMEWORK_ID", ctx.frameworkId());
    env.put("MESOS_AGENT_ID", ctx.agentId());
    env.put("HOST", ctx.hostname());
    StringJoiner all = new StringJoiner(",");
    int n = 0;
    for (long[] r : portRanges.intervals()) {
      for (long p = r[0]; p <= r[1] && n < MAX_PORT_VARIABLES; p++, n++) {
        env.put("PORT" + n, Long.toString(p));
        all.add(Long.toString(p));
      }
    }
    if (n > 0) {
      env.put("PORT", env.get("PORT0"));
      env.put("PORTS", all.toString());
    }

    Map<String, String> labels = new LinkedHashMap<>();
    if (task.labels() != null && task.labels().labels() != null) {
      for (Labels.Label l : task.labels().labels()) {
        if (l.key() != null) {
          labels.put(l.key(), l.value() == null ? "" : l.value());
        }
      }
    }

    Optional<HealthCheckSpec> health = Optional.ofNullable(task.healthCheck()).map(h -> health(h, docker));
    long graceMs = ctx.defaultKillGraceMs();
    if (task.killPolicy() != null && task.killPolicy().gracePeriod() != null) {
      long nanos = task.killPolicy().gracePeriod().nanoseconds();
      if (nanos < 0) {
        throw new Invalid("kill_policy.grace_period must not be negative");
      }
      graceMs = nanos / 1_000_000;
    }
    Optional<String> user = Optional.ofNullable(cmd.user()).filter(u -> !u.isBlank());
    return new MappingResult.Mapped(new TaskPlan(command, env, user, cpuMillis, memMb, ports, labels, docker, health,
        HEALTH_HOST, graceMs, resources.toString(), uris(cmd)));
  }

  /**
   * The command's URIs with the proto defaults filled in (executable false, extract true, cache false); only a
   * missing {@code value} (a required proto field) is rejected here, the fetcher validates the rest at launch.
   */
  private static List<FetchUri> uris(CommandInfo cmd) {
    List<FetchUri> out = new ArrayList<>();
    for (CommandInfo.URI u : cmd.uris() == null ? List.<CommandInfo.URI>of() : cmd.uris()) {
      if (u == null || u.value() == null || u.value().isBlank()) {
        throw new Invalid("command.uris[" + out.size() + "].value is empty");
      }
      out.add(new FetchUri(u.value(), Boolean.TRUE.equals(u.executable()), !Boolean.FALSE.equals(u.extract()),
          Boolean.TRUE.equals(u.cache()), Optional.ofNullable(u.outputFile())));
    }
    return out;
  }

  private static Command command(CommandInfo cmd, boolean docker) {
    List<String> args = cmd.arguments() == null ? List.of() : cmd.arguments();
    if (cmd.shellOrDefault()) {
      if (cmd.value() == null || cmd.value().isBlank()) {
        throw new Invalid("command.value is empty: a shell command (shell=true, the default) needs a value");
      }
      return new Command.Shell(cmd.value());
    }
    List<String> argv = new ArrayList<>();
    if (docker) {
      if (cmd.value() != null && !cmd.value().isEmpty()) {
        argv.add(cmd.value());
      }
      argv.addAll(args);
      return new Command.Argv(argv);
    }
    if (cmd.value() == null || cmd.value().isBlank()) {
      throw new Invalid("command.value is empty: with shell=false it must name the executable");
    }
    argv.add(cmd.value());
    argv.addAll(args.size() > 1 ? args.subList(1, args.size()) : List.of());
    return new Command.Argv(argv);
  }

  private static Optional<DockerSpec> docker(ContainerInfo c, Context ctx) {
    if (c == null || c.type() == null || c.type() == ContainerInfo.Type.MESOS) {
      if (c != null && c.mesos() != null && c.mesos().hasNonNull("image")) {
        throw new Invalid("MESOS container images are not supported by Drover: use a DOCKER container");
      }
      return Optional.empty();
    }
    if (c.type() != ContainerInfo.Type.DOCKER) {
      throw new Invalid("unknown container type: use DOCKER or MESOS");
    }
    if (!ctx.dockerEnabled()) {
      return Optional.empty();
    }
    ContainerInfo.DockerInfo d = c.docker();
    if (d == null || d.image() == null || d.image().isBlank()) {
      throw new Invalid("a DOCKER container needs docker.image");
    }
    DockerSpec.Network network = switch (d.networkOrDefault()) {
      case HOST -> DockerSpec.Network.HOST;
      case BRIDGE -> DockerSpec.Network.BRIDGE;
      case NONE -> DockerSpec.Network.NONE;
      case USER, UNKNOWN -> throw new Invalid("docker network " + d.networkOrDefault()
          + " is not supported: use HOST, BRIDGE or NONE");
    };
    List<DockerSpec.PortMapping> mappings = new ArrayList<>();
    for (ContainerInfo.PortMapping m : d.portMappings() == null ? List.<ContainerInfo.PortMapping>of()
        : d.portMappings()) {
      String proto = m.protocol() == null ? "tcp" : m.protocol().toLowerCase(Locale.ROOT);
      DockerSpec.Protocol p = switch (proto) {
        case "tcp" -> DockerSpec.Protocol.TCP;
        case "udp" -> DockerSpec.Protocol.UDP;
        default -> throw new Invalid("port mapping protocol '" + m.protocol() + "' is not supported: use tcp or udp");
      };
      mappings.add(new DockerSpec.PortMapping(m.hostPort(), m.containerPort(), p));
    }
    List<DockerSpec.Parameter> params = new ArrayList<>();
    for (var p : d.parameters() == null ? List.<io.drover.master.api.v1.Parameter>of() : d.parameters()) {
      if (p.key() == null) {
        throw new Invalid("docker parameter without a key");
      }
      params.add(new DockerSpec.Parameter(p.key(), p.value() == null ? "" : p.value()));
    }
    return Optional.of(new DockerSpec(d.image(), network, mappings, Boolean.TRUE.equals(d.privileged()), params,
        Boolean.TRUE.equals(d.forcePullImage())));
  }

  private static HealthCheckSpec health(HealthCheck h, Optional<DockerSpec> docker) {
    ProbeSpec probe = switch (h.type() == null ? HealthCheck.Type.UNKNOWN : h.type()) {
      case COMMAND -> {
        if (h.command() == null || h.command().value() == null) {
          throw new Invalid("a COMMAND health check needs command.value");
        }
        Map<String, String> env = new LinkedHashMap<>();
        if (h.command().environment() != null && h.command().environment().variables() != null) {
          h.command().environment().variables().forEach(v -> env.put(v.name(), v.value() == null ? "" : v.value()));
        }
        yield new ProbeSpec.Command(h.command().value(), env);
      }
      case HTTP -> {
        if (h.http() == null) {
          throw new Invalid("an HTTP health check needs http.port");
        }
        yield new ProbeSpec.Http(h.http().scheme(), hostPort(h.http().port(), docker), h.http().path(),
            h.http().statuses());
      }
      case TCP -> {
        if (h.tcp() == null) {
          throw new Invalid("a TCP health check needs tcp.port");
        }
        yield new ProbeSpec.Tcp(hostPort(h.tcp().port(), docker));
      }
      case UNKNOWN -> throw new Invalid("health_check.type must be COMMAND, HTTP or TCP");
    };
    return HealthCheckSpec.fromSeconds(probe,
        orDefault(h.delaySeconds(), HealthCheckSpec.DEFAULT_DELAY_MS),
        orDefault(h.intervalSeconds(), HealthCheckSpec.DEFAULT_INTERVAL_MS),
        orDefault(h.timeoutSeconds(), HealthCheckSpec.DEFAULT_TIMEOUT_MS),
        h.consecutiveFailures() == null ? HealthCheckSpec.DEFAULT_CONSECUTIVE_FAILURES : h.consecutiveFailures(),
        orDefault(h.gracePeriodSeconds(), HealthCheckSpec.DEFAULT_GRACE_PERIOD_MS));
  }

  /**
   * Mesos probes a BRIDGE container's port inside its network namespace; Drover probes from the host, so a
   * container port with a mapping is probed at its host port.
   */
  private static int hostPort(int port, Optional<DockerSpec> docker) {
    if (docker.isPresent() && docker.get().network() == DockerSpec.Network.BRIDGE) {
      for (DockerSpec.PortMapping m : docker.get().portMappings()) {
        if (m.containerPort() == port) {
          return m.hostPort();
        }
      }
    }
    return port;
  }

  private static double orDefault(Double seconds, long defaultMs) {
    return seconds == null ? defaultMs / 1000.0 : seconds;
  }

  /** A task this agent cannot run; the message is the status update's. */
  private static final class Invalid extends IllegalArgumentException {
    Invalid(String message) {
      super(message);
    }
  }
}
