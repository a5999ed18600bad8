package io.drover.bench.swarm;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Docker Swarm on this machine's Engine: a single-node swarm (initialised here when none is active, and left again
 * on close only then), one replicated service per workload, driven with the docker CLI as a user would.
 */
final class SwarmSide implements Orchestrator {
  /** Every service the bench creates carries this label, so close() finds leftovers. */
  static final String LABEL = "io.drover.bench=swarm";
  private static final String SERVICE_LABEL = "com.docker.swarm.service.name";
  private static final Duration REMOVE_TIMEOUT = Duration.ofSeconds(180);

  private final Workload workload;
  private final PrintStream log;
  private final boolean initialised;

  private SwarmSide(Workload workload, PrintStream log, boolean initialised) {
    this.workload = workload;
    this.log = log;
    this.initialised = initialised;
  }

  /** Joins the active swarm, or initialises a single-node one on 127.0.0.1. */
  static SwarmSide start(Workload workload, PrintStream log) throws IOException, InterruptedException {
    String state = Cli.docker("info", "--format", "{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}").trim();
    boolean init = false;
    if (state.startsWith("inactive")) {
      log.println("swarm: no swarm is active; docker swarm init --advertise-addr 127.0.0.1");
      Cli.docker("swarm", "init", "--advertise-addr", "127.0.0.1");
      init = true;
    } else if (!state.equals("active true")) {
      throw new IOException("this Docker Engine is in a swarm but not as an available manager (" + state
          + "); the bench needs a manager to create services");
    } else {
      log.println("swarm: using the active swarm (it stays active afterwards)");
    }
    return new SwarmSide(workload, log, init);
  }

  @Override public String name() { return "Swarm"; }

  @Override public void create(String id, int instances) throws IOException, InterruptedException {
    Cli.docker("service", "create", "--detach", "--no-resolve-image", "--quiet", "--name", id, "--label", LABEL,
        "--replicas", Integer.toString(instances), "--network", "host",
        "--limit-cpu", String.format(Locale.ROOT, "%.3f", workload.cpus()),
        "--limit-memory", workload.memMb() + "m",
        "--restart-delay", workload.restartDelayS() + "s", "--stop-grace-period", workload.stopGraceS() + "s",
        "--update-parallelism", Integer.toString(workload.parallelism()), "--update-delay", "0s",
        "--update-order", "start-first", "--update-failure-action", "pause",
        workload.image(), "/bin/sh", "-c", workload.command());
  }

  @Override public void scale(String id, int instances) throws IOException, InterruptedException {
    Cli.docker("service", "update", "--detach", "--quiet", "--replicas", Integer.toString(instances), id);
  }

  @Override public void restart(String id) throws IOException, InterruptedException {
    Cli.docker("service", "update", "--detach", "--quiet", "--force", id);
  }

  @Override public Observation observe(String id) throws IOException, InterruptedException {
    Set<String> running = runningTasks(Cli.docker("service", "ps", id, "--filter", "desired-state=running",
        "--no-trunc", "--format", "{{.ID}} {{.CurrentState}}"));
    return new Observation(running, containers(id, false));
  }

  /**
   * The ids of the tasks {@code docker service ps --format '{{.ID}} {{.CurrentState}}'} shows in state Running
   * ("abc Running 2 seconds ago"; not Pending, Assigned, Preparing, Starting, ...).
   */
  static Set<String> runningTasks(String servicePsOutput) {
    Set<String> ids = new HashSet<>();
    for (String line : Cli.lines(servicePsOutput)) {
      String[] f = line.split("\\s+", 3);
      if (f.length >= 2 && f[1].equals("Running")) ids.add(f[0]);
    }
    return ids;
  }

  private List<String> containers(String id, boolean all) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("ps", "-q", "--no-trunc", "--filter", "label=" + SERVICE_LABEL + "=" + id));
    if (all) args.add("-a");
    return Cli.lines(Cli.docker(args.toArray(String[]::new)));
  }

  @Override public void remove(String id) throws IOException, InterruptedException {
    Cli.docker("service", "rm", id);
    Poll.until("Swarm removes the containers of service " + id, REMOVE_TIMEOUT, () -> containers(id, true).isEmpty());
  }

  /** Removes the bench's services still there, and leaves the swarm if this bench initialised it. */
  @Override public void close() throws IOException, InterruptedException {
    IOException failure = null;
    try {
      for (String service : Cli.lines(Cli.docker("service", "ls", "-q", "--filter", "label=" + LABEL))) {
        Cli.docker("service", "rm", service);
      }
    } catch (IOException e) {
      failure = e;
    }
    if (initialised) {
      log.println("swarm: leaving the swarm this bench initialised");
      try {
        Cli.docker("swarm", "leave", "--force");
      } catch (IOException e) {
        if (failure == null) failure = e; else failure.addSuppressed(e);
      }
    }
    if (failure != null) throw failure;
  }
}
