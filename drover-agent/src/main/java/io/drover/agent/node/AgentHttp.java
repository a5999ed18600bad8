package io.drover.agent.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.common.json.Json;
import io.drover.common.resources.Resources;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's HTTP endpoints (Javalin, virtual threads), as Mesos' agent serves them:
 * <ul>
 *   <li>{@code GET /state} (and {@code /slave(1)/state}, {@code /state.json}): see {@link AgentStateJson}.
 *   <li>{@code GET /health}: 200, empty body.
 *   <li>{@code GET /files/browse?path=}, {@code /files/read?path=&offset=&length=}, {@code /files/download?path=}
 *       over the sandbox root only: see {@link SandboxFiles} for the status codes.
 * </ul>
 * Bad input gets 400 with a plain-text message; an unexpected failure is logged and answered 500 without a stack
 * trace.
 */
public final class AgentHttp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AgentHttp.class);
  private static final ObjectMapper JSON = Json.snakeCase();

  private final Javalin app;

  private AgentHttp(Javalin app) { this.app = app; }

  /**
   * Starts serving on {@link AgentConfig#bindAddress()}:{@link AgentConfig#port()} (0: any free port).
   *
   * @param agentId the id the master assigned, once known
   * @param masterHostname the host of the master the agent is subscribed to, if any
   * @throws IOException if the sandbox root does not exist
   */
  public static AgentHttp start(AgentConfig config, Resources resources, String hostname, AgentTasks tasks,
      Supplier<Optional<String>> agentId, Supplier<Optional<String>> masterHostname) throws IOException {
    SandboxFiles files = new SandboxFiles(config.sandboxRoot());
    double startTimeSecs = System.currentTimeMillis() / 1000.0;
    Javalin app = Javalin.create(c -> {
      c.showJavalinBanner = false;
      c.useVirtualThreads = true;
    });
    int[] port = new int[1];
    String ip = advertisedIp(config.bindAddress(), hostname);
    app.get("/health", ctx -> ctx.status(200).result(""));
    for (String path : new String[] {"/state", "/state.json", "/slave(1)/state", "/slave(1)/state.json"}) {
      app.get(path, ctx -> {
        AgentStateJson.Identity identity = new AgentStateJson.Identity(Agent.VERSION, startTimeSecs, agentId.get(),
            "slave(1)@" + ip + ":" + port[0], hostname, resources, config.parsedAttributes(), masterHostname.get(),
            config.flags());
        json(ctx, AgentStateJson.state(identity, tasks.view()));
      });
    }
    app.get("/files/browse", ctx -> respond(ctx, files.browse(ctx.queryParam("path"))));
    app.get("/files/read", ctx -> respond(ctx,
        files.read(ctx.queryParam("path"), ctx.queryParam("offset"), ctx.queryParam("length"))));
    app.get("/files/download", ctx -> respond(ctx, files.download(ctx.queryParam("path"))));
    app.exception(Exception.class, (e, ctx) -> {
      log.error("{} {} failed", ctx.method(), ctx.path(), e);
      ctx.status(500).contentType("text/plain").result("Internal error: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "\n");
    });
    app.start(config.bindAddress(), config.port());
    port[0] = app.port();
    log.info("agent HTTP endpoints on {}:{}", config.bindAddress(), app.port());
    return new AgentHttp(app);
  }

  public int port() { return app.port(); }

  private static void respond(Context ctx, SandboxFiles.Result result) throws IOException {
    switch (result) {
      case SandboxFiles.Ok ok -> json(ctx, ok.json());
      case SandboxFiles.File file -> {
        InputStream in = SandboxFiles.open(file.path());
        ctx.status(200).contentType("application/octet-stream")
            .header("Content-Disposition", "attachment; filename=" + file.path().getFileName())
            .result(in);
      }
      case SandboxFiles.BadRequest bad -> ctx.status(400).contentType("text/plain").result(bad.message());
      case SandboxFiles.NotFound nf -> ctx.status(404).contentType("text/plain").result(nf.message() + "\n");
    }
  }

  private static void json(Context ctx, Object body) throws JsonProcessingException {
    ctx.status(200).contentType("application/json").result(JSON.writeValueAsString(body));
  }

  /** The IP in the agent's pid: the bind address, or what the hostname resolves to when bound to all addresses. */
  private static String advertisedIp(String bind, String hostname) {
    if (!bind.equals("0.0.0.0") && !bind.equals("::")) return bind;
    try {
      return InetAddress.getByName(hostname).getHostAddress();
    } catch (UnknownHostException e) {
      log.warn("cannot resolve hostname {} ({}); the agent pid names 127.0.0.1", hostname, e.getMessage());
      return "127.0.0.1";
    }
  }

  @Override public void close() { app.stop(); }
}
