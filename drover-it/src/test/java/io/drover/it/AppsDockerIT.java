package io.drover.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.agent.containerizer.DockerContainerizer;
import io.drover.common.testing.Requirements;
import io.drover.common.testing.TestImages;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Marathon API of {@code drover up} on real Docker: an app of busybox httpd containers in bridge mode with port
 * mappings and an HTTP health check answers on every instance, scales, restarts rolling while a client routed by the
 * task list sees no failed request, replaces a container killed behind its back, and leaves no container once deleted.
 */
final class AppsDockerIT {
  @TempDir Path dir;

  @Test void busyboxHttpdAppScalesRestartsHealsAndIsDeleted() throws Exception {
    Optional<String> noDocker = DockerContainerizer.unavailableReason(DockerContainerizer.DEFAULT_HOST);
    Requirements.require(noDocker.isEmpty(), noDocker.orElse(""));
    String image = TestImages.busybox();
    int appsPort = RoleProcess.freePort();
    Path data = dir.resolve("drover-data");
    String owner = data.resolve("agent").toAbsolutePath().normalize().toString();
    AppsApi api = new AppsApi("http://127.0.0.1:" + appsPort);
    try (RoleProcess up = RoleProcess.start("drover up", dir.resolve("up.log"),
        () -> Cluster.status(URI.create(api.base() + "/v2/apps")) == 200, // 503 until the driver has subscribed
        "up", "--data-dir", data.toString(), "--coord-port", String.valueOf(RoleProcess.freePort()),
        "--metrics-port", "0", "--master-port", String.valueOf(RoleProcess.freePort()),
        "--agent-port", String.valueOf(RoleProcess.freePort()), "--apps-port", String.valueOf(appsPort),
        "--agent-resources", "cpus:4;mem:2048;disk:1000;ports:[31000-31199]")) {
      String cmd = "mkdir -p /www && echo ok > /www/index.html && "
          + RollingRestartCheck.draining("httpd -f -p 8080 -h /www");
      String app = """
          {"id":"/web","instances":3,"cpus":0.1,"mem":32,
           "container":{"type":"DOCKER","docker":{"image":"%s"},"portMappings":[{"containerPort":8080,"hostPort":0}]},
           "networks":[{"mode":"container/bridge"}],
           "cmd":%s, "taskKillGracePeriodSeconds":10,
           "healthChecks":[{"protocol":"MESOS_HTTP","path":"/index.html","portIndex":0,"gracePeriodSeconds":5,
                            "intervalSeconds":1,"timeoutSeconds":2,"maxConsecutiveFailures":3,"delaySeconds":1}]}"""
          .formatted(image, AppsApi.JSON.writeValueAsString(cmd));
      api.call("POST", "/v2/apps", app, 201);
      api.awaitSettled("web", 3);
      for (int port : api.hostPorts("web")) {
        assertThat(Cluster.get("http://127.0.0.1:" + port + "/index.html")).isEqualTo("ok\n");
      }

      api.call("PUT", "/v2/apps/web", "{\"instances\":5}", 200);
      api.awaitSettled("web", 5);

      RollingRestartCheck.restartWithoutFailedRequests(api, "web", 5, "/index.html", "ok\n");

      String victim = containers(owner).getFirst();
      docker("kill", victim);
      Awaitility.await("the killed container is replaced").atMost(AppsApi.WAIT).pollInterval(Duration.ofMillis(500))
          .until(() -> !containers(owner).contains(victim) && api.app("web").path("tasksHealthy").asInt() == 5
              && api.app("web").has("lastTaskFailure"));

      api.call("DELETE", "/v2/apps/web", null, 200);
      Awaitility.await("no container left").atMost(AppsApi.WAIT).pollInterval(Duration.ofMillis(500))
          .until(() -> containers(owner).isEmpty());
      assertThat(api.get("/v2/apps").path("apps")).isEmpty();
    } finally {
      for (String c : containers(owner)) docker("rm", "-f", c);
    }
  }

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
