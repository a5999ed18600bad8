package io.drover.agent.node;

import io.drover.agent.resources.MachineProbe;
import io.drover.agent.resources.ResourceDetection;
import io.drover.common.random.Rng;
import io.drover.common.resources.Resources;
import io.drover.master.api.agent.AgentCall;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent role as an object: the task engine, the HTTP endpoints ({@link AgentHttp}) and the link to the leading
 * master ({@link MasterLink}). {@code drover agent} and {@code drover up} start it; tests start it in-process.
 *
 * <p>Start order: work dir and sandbox root, resources (explicit plus detected), the engine (it recovers), the HTTP
 * server (its port goes into SUBSCRIBE), then the link. {@link #close()} stops them in reverse; running containers
 * are left running for the next start to recover.
 */
public final class Agent implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Agent.class);
  /** The version the agent reports to the master and in {@code /state}. */
  public static final String VERSION = versionOf();

  private final AgentConfig config;
  private final Resources resources;
  private final AgentTasks tasks;
  private final CompletableFuture<Optional<String>> termination = new CompletableFuture<>();
  // Set once during start(); read by the HTTP handlers and the link's exit action, which may run before then.
  private volatile AgentHttp http;
  private volatile MasterLink link;
  private boolean closed; // guarded by this

  private Agent(AgentConfig config, Resources resources, AgentTasks tasks) {
    this.config = config;
    this.resources = resources;
    this.tasks = tasks;
  }

  /**
   * Starts an agent. The engine comes from {@code engine} so that callers (and tests) choose it.
   *
   * @throws IllegalArgumentException if the resources cannot be used (message says why)
   * @throws Exception if the engine, the HTTP server or the master detection cannot start
   */
  public static Agent start(AgentConfig config, AgentTasksFactory engine) throws Exception {
    Files.createDirectories(config.sandboxRoot());
    Resources resources = ResourceDetection.detect(new MachineProbe().probe(config.workDir()),
        config.resources().orElse(null));
    String hostname = config.hostname().orElseGet(Agent::localHostname);
    Relay relay = new Relay();
    Agent agent = new Agent(config, resources, engine.create(config, resources, relay));
    try {
      agent.http = AgentHttp.start(config, resources, hostname, agent.tasks, agent::agentId,
          () -> agent.master().map(URI::getHost));
      MasterLinkSettings settings = MasterLinkSettings.of(hostname, agent.http.port(), resources.toString(),
              config.parsedAttributes().toString(), VERSION)
          .withBackoffMs(config.initialBackoffMs(), config.maxBackoffMs());
      agent.link = MasterLink.start(MasterLocator.parse(config.master()), agent.tasks, settings, Rng.fromEntropy(),
          (status, reason) -> agent.terminate(reason));
      relay.target = agent.link;
    } catch (Exception | Error e) {
      agent.close();
      throw e;
    }
    log.info("agent on {}:{} (work dir {}) with resources {}{}; master {}", hostname, agent.http.port(),
        config.workDir(), resources, config.attributes().map(a -> " and attributes " + a).orElse(""),
        config.master());
    return agent;
  }

  /** The HTTP port the agent listens on. */
  public int port() { return http.port(); }

  /** The id the master assigned, once registered (or the recovered one). */
  public Optional<String> agentId() {
    MasterLink l = link;
    return l == null ? tasks.recoveredAgentId() : l.agentId();
  }

  /** The master the agent is subscribed to, if any ({@code http://host:port}). */
  public Optional<URI> master() {
    MasterLink l = link;
    return l == null ? Optional.empty() : l.master();
  }

  /** The agent's total resources (explicit plus detected). */
  public Resources resources() { return resources; }

  public AgentConfig config() { return config; }

  /**
   * Blocks until the agent stopped: empty after {@link #close()}, or why it had to stop (e.g. the master ordered a
   * shutdown), in which case the process should exit non-zero.
   */
  public Optional<String> awaitTermination() throws InterruptedException {
    try {
      return termination.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("termination never fails", e);
    }
  }

  /** Stops because of {@code reason}; runs the shutdown off the caller's thread (the link's). */
  private void terminate(String reason) {
    log.error("agent stopping: {}", reason);
    Thread.ofVirtual().name("agent-terminate").start(() -> stop(Optional.of(reason)));
  }

  @Override public void close() { stop(Optional.empty()); }

  private synchronized void stop(Optional<String> reason) {
    if (closed) return;
    closed = true;
    try {
      if (link != null) link.close();
    } finally {
      try {
        if (http != null) http.close();
      } finally {
        try {
          tasks.close();
        } finally {
          termination.complete(reason);
        }
      }
    }
  }

  static String localHostname() {
    try {
      return InetAddress.getLocalHost().getCanonicalHostName();
    } catch (UnknownHostException e) {
      log.warn("cannot resolve this machine's hostname ({}); advertising localhost; set --hostname", e.getMessage());
      return "localhost";
    }
  }

  private static String versionOf() {
    String v = Agent.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** The engine's sender until the link exists, then the link. */
  private static final class Relay implements AgentTasks.UpdateSender {
    private volatile MasterLink target;

    @Override public void send(AgentCall.Update update) {
      MasterLink link = target;
      if (link != null) link.send(update);
      else log.debug("master link not started yet; update {} waits for the engine's retry", update.uuid());
    }
  }
}
