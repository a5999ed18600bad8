package io.drover.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.agent.containerizer.DockerContainerizer;
import io.drover.common.testing.Requirements;
import io.drover.common.testing.TestImages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Marathon API of {@code drover up} on real Docker: an app of busybox httpd containers in bridge mode with port
 * mappings and an HTTP health check answers on every instance, scales, restarts rolling without dropping below the
 * healthy minimum, replaces a container killed behind its back, and leaves no container once deleted.
 */
final class AppsDockerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test void busyboxHttpdAppScalesRestartsHealsAndIsDeleted() throws Exception {
    Optional<String> noDocker = DockerContainerizer.unavailableReason(DockerContainerizer.DEFAULT_HOST);
    Requirements.require(noDocker.isEmpty(), noDocker.orElse(""));
    String image = TestImages.busybox();
    int appsPort = RoleProcess.freePort();
    Path data = dir.resolve("drover-data");
    String owner = data.resolve("agent").toAbsolutePath().normalize().toString();
    String apps = "http://127.0.0.1:" + appsPort;
    try (RoleProcess up = RoleProcess.start("drover up", dir.resolve("up.log"),
        () -> Cluster.status(URI.create(apps + "/v2/apps")) == 200, // 503 until the driver has subscribed
        "up", "--data-dir", data.toString(), "--coord-port", String.valueOf(RoleProcess.freePort()),
        "--metrics-port", "0", "--master-port", String.valueOf(RoleProcess.freePort()),
        "--agent-port", String.valueOf(RoleProcess.freePort()), "--apps-port", String.valueOf(appsPort),
        "--agent-resources", "cpus:4;mem:2048;disk:1000;ports:[31000-31199]")) {
      String app = """
          {"id":"/web","instances":3,"cpus":0.1,"mem":32,
           "container":{"type":"DOCKER","docker":{"image":"%s"},"portMappings":[{"containerPort":8080,"hostPort":0}]},
           "networks":[{"mode":"container/bridge"}],
           "cmd":"mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www",
           "healthChecks":[{"protocol":"MESOS_HTTP","path":"/index.html","portIndex":0,"gracePeriodSeconds":5,
                            "intervalSeconds":1,"timeoutSeconds":2,"maxConsecutiveFailures":3}]}""".formatted(image);
      assertThat(send("POST", apps + "/v2/apps", app).statusCode()).isEqualTo(201);
      awaitSettled(apps, 3);
      for (int port : hostPorts(apps)) assertThat(body("http://127.0.0.1:" + port + "/index.html")).isEqualTo("ok\n");

      assertThat(send("PUT", apps + "/v2/apps/web", "{\"instances\":5}").statusCode()).isEqualTo(200);
      awaitSettled(apps, 5);

      assertThat(send("POST", apps + "/v2/apps/web/restart", "").statusCode()).isEqualTo(200);
      AtomicInteger minHealthy = new AtomicInteger(Integer.MAX_VALUE);
      Awaitility.await("rolling restart done").atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
        JsonNode a = app(apps);
        minHealthy.accumulateAndGet(a.path("tasksHealthy").asInt(), Math::min);
        return a.path("deployments").isEmpty() && a.path("tasksHealthy").asInt() == 5;
      });
      assertThat(minHealthy.get()).as("minimumHealthCapacity 1 keeps all 5 healthy during the restart").isEqualTo(5);

      String victim = containers(owner).getFirst();
      docker("kill", victim);
      Awaitility.await("the killed container is replaced").atMost(WAIT).pollInterval(Duration.ofMillis(500))
          .until(() -> !containers(owner).contains(victim) && app(apps).path("tasksHealthy").asInt() == 5
              && app(apps).has("lastTaskFailure"));

      assertThat(send("DELETE", apps + "/v2/apps/web", null).statusCode()).isEqualTo(200);
      Awaitility.await("no container left").atMost(WAIT).pollInterval(Duration.ofMillis(500))
          .until(() -> containers(owner).isEmpty());
      assertThat(JSON.readTree(send("GET", apps + "/v2/apps", null).body()).path("apps")).isEmpty();
    } finally {
      for (String c : containers(owner)) docker("rm", "-f", c);
    }
  }

  private static void awaitSettled(String apps, int n) {
    Awaitility.await(n + " healthy instances, no deployment").atMost(WAIT).pollInterval(Duration.ofMillis(500))
        .until(() -> {
          JsonNode a = app(apps);
          return a.path("tasksHealthy").asInt() == n && a.path("tasksRunning").asInt() == n
              && a.path("deployments").isEmpty();
        });
  }

  private static JsonNode app(String apps) throws Exception {
    return JSON.readTree(send("GET", apps + "/v2/apps/web", null).body()).path("app");
  }

  private static List<Integer> hostPorts(String apps) throws Exception {
    List<Integer> out = new ArrayList<>();
    for (JsonNode t : app(apps).path("tasks")) out.add(t.path("ports").get(0).asInt());
    return out;
  }

  private static HttpResponse<String> send(String method, String url, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String body(String url) throws Exception { return send("GET", url, null).body(); }

  /** The Docker names of this agent's containers (its owner label). */
  private static List<String> containers(String owner) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("docker", "ps", "-a", "--filter", "label=" + DockerContainerizer.LABEL_OWNER + "=" + owner,
        "--format", "{{.Names}}").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    p.waitFor();
    return out.isEmpty() ? List.of() : out.lines().toList();
  }

  private static void docker(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("docker"));
    cmd.addAll(List.of(args));
    new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
  }
}
