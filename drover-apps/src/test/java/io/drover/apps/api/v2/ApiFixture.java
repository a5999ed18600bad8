package io.drover.apps.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.apps.core.AppsCore;
import io.drover.apps.core.CoreCommand;
import io.drover.apps.core.CoreConfig;
import io.drover.apps.core.CoreEffect;
import io.drover.apps.core.CoreViews;
import io.drover.apps.model.AppDefinition;
import io.drover.apps.model.Group;
import io.drover.apps.model.PathId;
import io.drover.apps.model.Timestamp;
import io.drover.apps.service.AppsBackend;
import io.drover.common.json.Json;
import io.drover.common.random.Rng;
import io.drover.common.time.ManualClock;
import io.drover.master.api.v1.ApiJson;
import io.drover.master.api.v1.Offer;
import io.drover.master.api.v1.TaskStatus;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A real Javalin on port 0 with {@link AppsApi} over a real {@link AppsCore}, driven on the calling thread by a
 * tiny {@link AppsBackend}; plus an HTTP client and helpers to launch and run instances through offers.
 */
final class ApiFixture implements AutoCloseable {
  static final long T0 = 1_700_000_000_000L;
  final ManualClock clock = new ManualClock(T0);
  final AppsCore core;
  final CoreBackend backend;
  final AtomicReference<Optional<AppsBackend>> current = new AtomicReference<>(Optional.empty());
  final Javalin app;
  final HttpClient http = HttpClient.newHttpClient();
  /** Every event published: the core's and the API's, in order. */
  final List<JsonNode> events = java.util.Collections.synchronizedList(new ArrayList<>());
  private int offerSeq;

  ApiFixture() { this(CoreConfig.defaults()); }

  ApiFixture(CoreConfig config) {
    core = new AppsCore(config, clock, Rng.seeded(11), Group.emptyRoot(Timestamp.ofEpochMs(T0)));
    backend = new CoreBackend(core, this);
    current.set(Optional.of(backend));
    app = Javalin.create(c -> c.showJavalinBanner = false);
    AppsApi.install(app, current::get, clock, Rng.seeded(5), events::add);
    app.start("127.0.0.1", 0);
    backend.handle(new CoreCommand.Subscribed("fw-1"));
  }

  /** Runs the core on the caller's thread, one call at a time. */
  static final class CoreBackend implements AppsBackend {
    private final AppsCore core;
    private final CoreViews views;
    private final Map<PathId, TreeMap<Timestamp, AppDefinition>> storedApps = new HashMap<>();
    private final TreeMap<Timestamp, Group> storedRoots = new TreeMap<>();
    volatile boolean leading = true;

    private final ApiFixture fixture;

    CoreBackend(AppsCore core, ApiFixture fixture) {
      this.core = core;
      this.fixture = fixture;
      this.views = new CoreViews(core);
    }

    @Override public synchronized CompletableFuture<CoreEffect> submit(Function<CoreViews, Step> decide) {
      if (!leading) return CompletableFuture.failedFuture(new IllegalStateException("not the leader"));
      return switch (decide.apply(views)) {
        case Answer a -> CompletableFuture.completedFuture(a.reply());
        case Run r -> CompletableFuture.completedFuture(handle(r.command()).getLast());
      };
    }

    /** Stored versions as the driver's store would hold them: every persisted app and root, by version. */
    @Override public synchronized Versions versions() {
      if (!leading) throw new IllegalStateException("not the leader");
      Map<PathId, TreeMap<Timestamp, AppDefinition>> apps = new HashMap<>();
      storedApps.forEach((id, byVersion) -> apps.put(id, new TreeMap<>(byVersion)));
      TreeMap<Timestamp, Group> roots = new TreeMap<>(storedRoots);
      return new Versions() {
        @Override public List<Timestamp> appVersions(PathId appId) {
          return List.copyOf(apps.getOrDefault(appId, new TreeMap<>()).descendingKeySet());
        }

        @Override public Optional<AppDefinition> app(PathId appId, Timestamp version) {
          return Optional.ofNullable(apps.getOrDefault(appId, new TreeMap<>()).get(version));
        }

        @Override public List<Timestamp> rootVersions() { return List.copyOf(roots.descendingKeySet()); }

        @Override public Optional<Group> root(Timestamp version) { return Optional.ofNullable(roots.get(version)); }
      };
    }

    @Override public synchronized <T> CompletableFuture<T> read(Function<CoreViews, T> query) {
      if (!leading) return CompletableFuture.failedFuture(new IllegalStateException("not the leader"));
      return CompletableFuture.completedFuture(query.apply(views));
    }

    synchronized List<CoreEffect> handle(CoreCommand c) {
      List<CoreEffect> effects = core.handle(c);
      for (CoreEffect e : effects) {
        if (e instanceof CoreEffect.PersistApp a && a.app().version().isPresent()) {
          storedApps.computeIfAbsent(a.app().id(), k -> new TreeMap<>()).put(a.app().version().get(), a.app());
        } else if (e instanceof CoreEffect.PersistGroup g) {
          storedRoots.put(g.root().version(), g.root());
        } else if (e instanceof CoreEffect.Publish p) {
          fixture.events.add(p.event());
        }
      }
      return effects;
    }
  }

  record Reply(int status, String body, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return Json.camelCase().readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    String header(String name) { return raw.headers().firstValue(name).orElse(null); }
  }

  Reply send(String method, String path, String body, String accept) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    if (accept != null) b.header("Accept", accept);
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  Reply get(String path) { return send("GET", path, null, null); }

  Reply post(String path, String body) { return send("POST", path, body, null); }

  Reply put(String path, String body) { return send("PUT", path, body, null); }

  Reply patch(String path, String body) { return send("PATCH", path, body, null); }

  Reply delete(String path) { return send("DELETE", path, null, null); }

  /** Moves time on, so the next change gets a new version. */
  void tick() { clock.advanceMillis(1000); }

  static Offer offer(String id, String agent) {
    return ApiJson.read("""
        {"id":{"value":"%s"},"framework_id":{"value":"fw-1"},"agent_id":{"value":"%s"},"hostname":"h-%s",
         "allocation_info":{"role":"*"},
         "resources":[
          {"name":"cpus","type":"SCALAR","scalar":{"value":8},"allocation_info":{"role":"*"}},
          {"name":"mem","type":"SCALAR","scalar":{"value":8192},"allocation_info":{"role":"*"}},
          {"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":31099}]},"allocation_info":{"role":"*"}}
         ]}
        """.formatted(id, agent, agent), Offer.class);
  }

  /** Offers until nothing more launches, then reports every launched task RUNNING; returns the task ids. */
  List<String> launchAndRun() {
    List<String> tasks = new ArrayList<>();
    for (int round = 0; round < 10; round++) {
      offerSeq++;
      List<CoreEffect> e = backend.handle(new CoreCommand.Offers(List.of(offer("o" + offerSeq, "a" + offerSeq))));
      List<String> launched = e.stream().filter(CoreEffect.Launch.class::isInstance).map(CoreEffect.Launch.class::cast)
          .flatMap(l -> l.requests().stream()).map(r -> r.instance().taskId().idString()).toList();
      if (launched.isEmpty()) break;
      tasks.addAll(launched);
      for (String t : launched) {
        String agent = "a" + offerSeq;
        backend.handle(new CoreCommand.StatusUpdate(ApiJson.read(
            "{\"task_id\":{\"value\":\"%s\"},\"agent_id\":{\"value\":\"%s\"},\"state\":\"TASK_RUNNING\"}"
                .formatted(t, agent), TaskStatus.class)));
      }
    }
    return tasks;
  }

  @Override public void close() { app.stop(); }
}
