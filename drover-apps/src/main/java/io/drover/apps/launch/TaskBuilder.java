package io.drover.apps.launch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.apps.model.AppDefinition;
import io.drover.apps.model.Container;
import io.drover.apps.model.FetchUri;
import io.drover.apps.model.Network;
import io.drover.apps.model.PortMapping;
import io.drover.apps.model.TaskEnv;
import io.drover.apps.model.TaskId;
import io.drover.apps.placement.MatchResult;
import io.drover.common.random.Rng;
import io.drover.master.api.v1.CommandInfo;
import io.drover.master.api.v1.ContainerInfo;
import io.drover.master.api.v1.DurationInfo;
import io.drover.master.api.v1.Environment;
import io.drover.master.api.v1.KillPolicy;
import io.drover.master.api.v1.Labels;
import io.drover.master.api.v1.Parameter;
import io.drover.master.api.v1.TaskID;
import io.drover.master.api.v1.TaskInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the Mesos v1 {@link TaskInfo} of one app task, as Marathon's {@code mesosphere.mesos.TaskBuilder} does for
 * the command executor (1.10), in a form Drover's agent ({@code io.drover.agent.launch.TaskMapper}) runs:
 * <ul>
 *   <li>{@code name} and {@code discovery.name}: the app id's segments reversed and joined by dots
 *       ({@code /prod/web} gives {@code web.prod}, Marathon's {@code PathId.toHostname});
 *   <li>{@code task_id}, {@code agent_id}, and {@code resources} exactly {@link MatchResult.Match#resources()};
 *   <li>{@code command}: {@code cmd} gives a shell command ({@code value}; {@code shell} left absent = true).
 *       {@code args} give {@code shell=false} with {@code arguments} = the whole argv, and {@code value} = args[0]
 *       unless the app is a DOCKER app (there the args are appended to the image's entrypoint). Neither (a Docker
 *       app running its image's default command): {@code shell=false}, no value. The environment is
 *       {@link TaskEnv} (Marathon's task context and port variables, {@code HOST}, then the app's literal
 *       {@code env}; secret references are never inlined). {@code fetch} becomes {@code uris} ({@code value},
 *       {@code executable}, {@code extract}, {@code cache}, {@code output_file} from {@code destPath}, all written
 *       explicitly). {@code user} is the app's user when set (else the agent applies none);
 *   <li>{@code container}: absent for an app without a container on host networking. DOCKER gives
 *       {@code docker{image, network, port_mappings, privileged, parameters, force_pull_image}}: network HOST, BRIDGE
 *       ({@code container/bridge}) or USER ({@code container}); one port mapping per mapping with a host port and per
 *       protocol of a comma list, its host port the match's, and container port 0 replaced by that host port;
 *       Marathon's extra parameter {@code label=MESOS_TASK_ID=<task id>} is appended. MESOS gives
 *       {@code {"type":"MESOS","mesos":{}}} (a plain command task), or with a {@code docker.image} Marathon's
 *       {@code mesos.image} (which Drover's agent rejects with a clear message). {@code tty} gives {@code tty_info {}};
 *   <li>{@code labels}: the app's labels (absent when none); {@code discovery} as Marathon's {@code PortDiscovery}
 *       (see {@link Discovery});
 *   <li>{@code health_check}: the first of the app's health checks, translated by {@link MesosHealthChecks};
 *   <li>{@code kill_policy}: {@code grace_period} = {@code taskKillGracePeriodSeconds} when set.
 * </ul>
 * Not represented: volumes, secrets, {@code check}, {@code resourceLimits}, executors other than the command
 * executor, the {@code --env_vars_prefix} option.
 */
public final class TaskBuilder {
  /** Marathon appends this docker parameter to every Docker task ({@code label MESOS_TASK_ID=<id>}). */
  static final String TASK_ID_LABEL_KEY = "label";
  static final String ENFORCE_GROUP_ROLE = "MARATHON_APP_ENFORCE_GROUP_ROLE";

  private TaskBuilder() {}

  /**
   * The TaskInfo for launching {@code taskId} of {@code app} on the offer {@code match} was made from.
   *
   * @param app the app at the version being launched (it must have a version: {@code MARATHON_APP_VERSION})
   * @param match resources and host ports chosen for this task; {@code hostPorts} in the app's port index order
   * @throws IllegalArgumentException if the app has no version or the match has not one host port per port index
   */
  public static TaskInfo build(AppDefinition app, TaskId taskId, MatchResult.Match match) {
    return build(app, taskId, match, Optional.empty());
  }

  /**
   * As {@link #build(AppDefinition, TaskId, MatchResult.Match)}, plus Marathon 1.10's
   * {@code MARATHON_APP_ENFORCE_GROUP_ROLE} ({@code TRUE}/{@code FALSE}: whether the app's top-level group enforces
   * its role) right after the {@code MARATHON_APP_RESOURCE_*} variables, unless the app's env sets it.
   */
  public static TaskInfo build(AppDefinition app, TaskId taskId, MatchResult.Match match,
      Optional<Boolean> enforceGroupRole) {
    if (match.hostPorts().size() != app.portCount()) {
      throw new IllegalArgumentException("match has " + match.hostPorts().size() + " host ports, app " + app.id()
          + " needs " + app.portCount());
    }
    List<Optional<Integer>> hostPorts = hostPorts(app, match.hostPorts());
    String name = hostname(app);
    List<Integer> boundContainerPorts = containerPorts(app, hostPorts);
    return new TaskInfo(
        name,
        new TaskID(taskId.idString()),
        match.agentId(),
        match.resources(),
        null,
        command(app, taskId, match.hostname(), hostPorts, enforceGroupRole),
        container(app, taskId, hostPorts).orElse(null),
        MesosHealthChecks.first(app, hostPorts, boundContainerPorts).orElse(null),
        null,
        app.taskKillGracePeriodSeconds()
            .map(s -> new KillPolicy(new DurationInfo(Math.multiplyExact(s, 1_000_000_000L)))).orElse(null),
        null,
        app.labels().isEmpty() ? null : labels(app.labels()),
        Discovery.of(app, name, hostPorts),
        null,
        null);
  }

  /** Marathon's {@code PathId.toHostname}: segments reversed, joined by dots. */
  static String hostname(AppDefinition app) {
    List<String> segments = new ArrayList<>(app.id().segments());
    Collections.reverse(segments);
    return String.join(".", segments);
  }

  /**
   * Host ports per port index: the match's port, or empty for a container port mapping that asks for no host port
   * (container networks; the placement reports 0 there).
   */
  static List<Optional<Integer>> hostPorts(AppDefinition app, List<Integer> matched) {
    List<PortMapping> mappings = app.container().map(Container::portMappings).orElse(List.of());
    List<Optional<Integer>> out = new ArrayList<>();
    for (int i = 0; i < matched.size(); i++) {
      boolean none = !mappings.isEmpty() && mappings.get(i).hostPort().isEmpty();
      out.add(none ? Optional.empty() : Optional.of(matched.get(i)));
    }
    return out;
  }

  /**
   * The container port each port index binds to (Marathon's {@code PortAssignment.containerPort}), -1 where there
   * is none (port definitions): a mapping's container port, or its host port when the container port is 0.
   */
  static List<Integer> containerPorts(AppDefinition app, List<Optional<Integer>> hostPorts) {
    List<PortMapping> mappings = app.container().map(Container::portMappings).orElse(List.of());
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < hostPorts.size(); i++) {
      if (mappings.isEmpty()) {
        out.add(-1);
      } else {
        int cp = mappings.get(i).containerPort();
        out.add(cp == 0 ? hostPorts.get(i).orElse(-1) : cp);
      }
    }
    return out;
  }

  static CommandInfo command(AppDefinition app, TaskId taskId, String host, List<Optional<Integer>> hostPorts,
      Optional<Boolean> enforceGroupRole) {
    // Container-only mappings with container port 0 get a random PORTn (Marathon); seeded by the task id so the
    // TaskInfo is a function of its inputs.
    Map<String, String> env = TaskEnv.of(app, hostPorts, host, taskId, Rng.seeded(taskId.idString().hashCode()));
    List<Environment.Variable> vars = new ArrayList<>();
    boolean addRole = enforceGroupRole.isPresent() && !app.env().containsKey(ENFORCE_GROUP_ROLE);
    env.forEach((k, v) -> {
      vars.add(new Environment.Variable(k, Environment.VariableType.VALUE, v, null));
      if (addRole && k.equals("MARATHON_APP_RESOURCE_GPUS")) {
        vars.add(new Environment.Variable(ENFORCE_GROUP_ROLE, Environment.VariableType.VALUE,
            enforceGroupRole.get() ? "TRUE" : "FALSE", null));
      }
    });
    boolean docker = app.container().map(c -> c.type() == Container.Type.DOCKER).orElse(false);
    Boolean shell = null;
    String value = null;
    List<String> arguments = null;
    if (app.cmd().filter(c -> !c.isEmpty()).isPresent()) {
      value = app.cmd().get();
    } else {
      shell = false;
    }
    if (!app.args().isEmpty()) {
      shell = false;
      arguments = app.args();
      // Marathon sets value = args[0] only for apps without a container; Drover also does so for MESOS containers,
      // since the agent (as Mesos' command executor) needs the executable there.
      value = docker ? null : app.args().getFirst();
    }
    List<CommandInfo.URI> uris = app.fetch().isEmpty() ? null : app.fetch().stream().map(TaskBuilder::uri).toList();
    return new CommandInfo(uris, new Environment(vars), shell, value, arguments, app.user().orElse(null));
  }

  static CommandInfo.URI uri(FetchUri f) {
    return new CommandInfo.URI(f.uri(), f.executable(), f.extract(), f.cache(), f.destPath().orElse(null));
  }

  static Optional<ContainerInfo> container(AppDefinition app, TaskId taskId, List<Optional<Integer>> hostPorts) {
    boolean nonHost = !app.hasHostNetworking();
    if (app.container().isEmpty() && !nonHost) return Optional.empty();
    ContainerInfo.Type type = ContainerInfo.Type.MESOS;
    ContainerInfo.DockerInfo docker = null;
    ObjectNode mesos = null;
    if (app.container().isPresent()) {
      Container c = app.container().get();
      switch (c.type()) {
        case DOCKER -> {
          type = ContainerInfo.Type.DOCKER;
          docker = dockerInfo(app, c, taskId, hostPorts);
        }
        case MESOS -> mesos = mesosInfo(c);
      }
    }
    if (type == ContainerInfo.Type.MESOS && mesos == null) {
      mesos = JsonNodeFactory.instance.objectNode();
    }
    ObjectNode tty =
        app.tty().orElse(false) ? JsonNodeFactory.instance.objectNode() : null;
    return Optional.of(new ContainerInfo(type, null, null, docker, mesos, null, null, null, tty));
  }

  private static ContainerInfo.DockerInfo dockerInfo(AppDefinition app, Container c, TaskId taskId,
      List<Optional<Integer>> hostPorts) {
    Container.Docker d = c.docker().orElseThrow(
        () -> new IllegalArgumentException("DOCKER container of " + app.id() + " has no docker.image"));
    List<ContainerInfo.PortMapping> mappings = new ArrayList<>();
    for (int i = 0; i < c.portMappings().size() && i < hostPorts.size(); i++) {
      PortMapping pm = c.portMappings().get(i);
      if (hostPorts.get(i).isEmpty()) continue; // no host port: nothing to forward (Marathon)
      int hp = hostPorts.get(i).get();
      int cp = pm.containerPort() == 0 ? hp : pm.containerPort();
      for (String proto : pm.protocol().split(",")) {
        mappings.add(new ContainerInfo.PortMapping(hp, cp, proto));
      }
    }
    List<Parameter> params = new ArrayList<>();
    d.parameters().forEach(p -> params.add(new Parameter(p.key(), p.value())));
    params.add(new Parameter(TASK_ID_LABEL_KEY, "MESOS_TASK_ID=" + taskId.idString()));
    // Marathon sets the network from each entry of `networks` (the last wins); validation allows one kind.
    ContainerInfo.Network network = ContainerInfo.Network.HOST;
    for (Network n : app.networks()) {
      network = switch (n.mode()) {
        case HOST -> ContainerInfo.Network.HOST;
        case CONTAINER_BRIDGE -> ContainerInfo.Network.BRIDGE;
        case CONTAINER -> ContainerInfo.Network.USER;
      };
    }
    return new ContainerInfo.DockerInfo(d.image(), network, mappings, d.privileged(), params, d.forcePullImage(),
        null);
  }

  /** Marathon's {@code MesosDockerSerializer}: {@code {"image":{"type":"DOCKER","docker":{"name":...}}}}. */
  private static ObjectNode mesosInfo(Container c) {
    var f = JsonNodeFactory.instance;
    var mesos = f.objectNode();
    c.docker().ifPresent(d -> {
      var image = mesos.putObject("image");
      image.put("type", "DOCKER");
      image.putObject("docker").put("name", d.image());
      if (d.forcePullImage()) image.put("cached", false);
    });
    return mesos;
  }

  static Labels labels(Map<String, String> labels) {
    List<Labels.Label> out = new ArrayList<>();
    labels.forEach((k, v) -> out.add(new Labels.Label(k, v)));
    return new Labels(out);
  }
}
