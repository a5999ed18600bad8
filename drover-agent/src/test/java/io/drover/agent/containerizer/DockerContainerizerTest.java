package io.drover.agent.containerizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.drover.agent.containerizer.ContainerExit.Reason;
import io.drover.agent.containerizer.ContainerExit.Termination;
import io.drover.agent.containerizer.DockerSpec.Network;
import io.drover.agent.containerizer.DockerSpec.Parameter;
import io.drover.agent.containerizer.DockerSpec.PortMapping;
import io.drover.agent.containerizer.DockerSpec.Protocol;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Docker containerizer against the real Docker Engine with the offline busybox image. */
final class DockerContainerizerTest {
  private static final String PREFIX = "dct-";
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static DockerClient docker;
  private static String image;

  @TempDir Path sandbox;
  private DockerContainerizer containerizer;

  @BeforeAll
  static void requireDocker() throws Exception {
    image = DockerTests.requireDockerAndImage();
    docker = DockerTests.client();
  }

  @AfterAll
  static void closeClient() throws Exception {
    if (docker != null) {
      docker.close();
    }
  }

  @BeforeEach
  void setUp() {
    containerizer = new DockerContainerizer(DockerContainerizer.Options.defaults().withAllowPrivileged(false));
  }

  @AfterEach
  void tearDown() {
    ContainerizerCleanup.killAll(containerizer);
    containerizer.close();
    // Belt and braces: nothing of ours may outlive a test, even when it failed half-way.
    for (Container c : docker.listContainersCmd().withShowAll(true).withNameFilter(List.of("drover-" + PREFIX)).exec()) {
      docker.removeContainerCmd(c.getId()).withForce(true).exec();
    }
  }

  private static String newId() {
    return PREFIX + SEQ.incrementAndGet() + "-" + ProcessHandle.current().pid();
  }

  private ContainerSpec.Builder spec(String id, String script, DockerSpec d) {
    return ContainerSpec.builder(id, sandbox, new Command.Shell(script)).docker(d);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void assertRemoved(String id) {
    assertThatThrownBy(() -> docker.inspectContainerCmd(DockerContainerizer.dockerName(id)).exec())
        .isInstanceOf(NotFoundException.class);
  }

  private static String httpGet(int port) throws Exception {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/index.html"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() + " " + r.body();
    }
  }

  /** Two agents on one Docker Engine: recovery of one never sees (adopts or removes) the other's containers. */
  @Test
  void recoveryOnlySeesTheContainersOfItsOwnAgent() throws Exception {
    String id = newId();
    try (DockerContainerizer mine = new DockerContainerizer(DockerContainerizer.Options.defaults().withOwner("/agent/a"));
         DockerContainerizer theirs = new DockerContainerizer(DockerContainerizer.Options.defaults().withOwner("/agent/b"))) {
      ContainerHandle h = mine.launch(spec(id, "sleep 30", DockerSpec.of(image)).build());
      h.started().get(30, TimeUnit.SECONDS);
      try {
        assertThat(mine.droverContainers()).containsKey(id);
        assertThat(theirs.droverContainers()).doesNotContainKey(id);
        assertThat(docker.inspectContainerCmd(DockerContainerizer.dockerName(id)).exec().getConfig().getLabels())
            .containsEntry(DockerContainerizer.LABEL_OWNER, "/agent/a");
      } finally {
        mine.kill(id, 0);
        h.exit().get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Each running container holds two Engine connections (logs, wait): far more than 32 containers must run. */
  @Test
  void runsMoreContainersThanTheOldConnectionPoolAllowed() throws Exception {
    List<String> ids = new ArrayList<>();
    List<ContainerHandle> handles = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String id = newId();
      ids.add(id);
      Files.createDirectories(sandbox.resolve(id));
      handles.add(containerizer.launch(ContainerSpec.builder(id, sandbox.resolve(id),
          new Command.Shell("trap 'exit 0' TERM; sleep 600 & wait")).docker(DockerSpec.of(image)).build()));
    }
    // With a pool of 64 connections the 33rd container never started: its calls waited for a connection forever.
    for (ContainerHandle h : handles) h.started().get(120, TimeUnit.SECONDS);
    assertThat(containerizer.droverContainers().keySet()).containsAll(ids);
    assertThat(docker.inspectContainerCmd(DockerContainerizer.dockerName(ids.getLast())).exec().getState().getRunning())
        .isTrue();
    for (String id : ids) containerizer.kill(id, 0);
    for (ContainerHandle h : handles) assertThat(h.exit().get(120, TimeUnit.SECONDS).killed()).isTrue();
  }

  @Test
  void runsACommandAndCopiesItsLogsIntoTheSandbox() throws Exception {
    String id = newId();
    ContainerHandle h = containerizer.launch(spec(id, "echo out; echo err >&2; echo $(pwd) > where; exit 7",
        DockerSpec.of(image)).build());
    ContainerExit exit = h.exit().get(30, TimeUnit.SECONDS);
    assertThat(h.started()).isCompleted();
    assertThat(h.started().get().dockerId()).isPresent();
    assertThat(exit.termination()).isEqualTo(new Termination.Exited(7));
    assertThat(exit.reason()).contains(Reason.REASON_COMMAND_EXECUTOR_FAILED);
    assertThat(Files.readString(sandbox.resolve("stdout"))).isEqualTo("out\n");
    assertThat(Files.readString(sandbox.resolve("stderr"))).isEqualTo("err\n");
    assertThat(Files.readString(sandbox.resolve("where"))).isEqualTo("/mnt/mesos/sandbox\n");
    assertRemoved(id);
  }

  @Test
  void envLabelsAndLimitsAreApplied() throws Exception {
    String id = newId();
    ContainerHandle h = containerizer.launch(spec(id,
        "echo \"$FOO|$X|$MESOS_SANDBOX\"; touch ready; while true; do sleep 1 & wait $!; done",
        DockerSpec.of(image).withParameters(List.of(new Parameter("env", "X=from-param"),
            new Parameter("label", "team=infra"))))
        .env("FOO", "bar baz").label("app", "web").cpuMillis(250).memMb(64).build());
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(sandbox.resolve("ready")));
    InspectContainerResponse info = docker.inspectContainerCmd(DockerContainerizer.dockerName(id)).exec();
    assertThat(info.getConfig().getLabels()).containsEntry("app", "web").containsEntry("team", "infra")
        .containsEntry("io.drover.container-id", id);
    assertThat(info.getHostConfig().getCpuShares()).isEqualTo(256);
    assertThat(info.getHostConfig().getCpuQuota()).isEqualTo(25_000L);
    assertThat(info.getHostConfig().getCpuPeriod()).isEqualTo(100_000L);
    assertThat(info.getHostConfig().getMemory()).isEqualTo(64L << 20);
    assertThat(info.getHostConfig().getPrivileged()).isFalse();
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(Files.readString(sandbox.resolve("stdout"))).isEqualTo("bar baz|from-param|/mnt/mesos/sandbox\n"));
    assertThat(containerizer.list()).contains(id);
    assertThat(containerizer.droverContainers()).containsEntry(id, info.getId());

    containerizer.kill(id, 0);
    ContainerExit exit = h.exit().get(30, TimeUnit.SECONDS);
    assertThat(exit.killed()).isTrue();
    assertThat(exit.reason()).isEmpty();
    assertRemoved(id);
  }

  @Test
  void bridgePortMappingIsReachableOnLocalhost() throws Exception {
    int port = freePort();
    Files.writeString(sandbox.resolve("index.html"), "hello from bridge");
    String id = newId();
    ContainerHandle h = containerizer.launch(spec(id, "exec httpd -f -p 80 -h /mnt/mesos/sandbox",
        DockerSpec.of(image).withNetwork(Network.BRIDGE)
            .withPortMappings(List.of(new PortMapping(port, 80, Protocol.TCP))))
        .offeredPorts(PortRange.single(port)).build());
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
        .untilAsserted(() -> assertThat(httpGet(port)).isEqualTo("200 hello from bridge"));
    containerizer.kill(id, 0);
    assertThat(h.exit().get(30, TimeUnit.SECONDS).killed()).isTrue();
  }

  @Test
  void hostNetworkSharesTheHostsPorts() throws Exception {
    int port = freePort();
    Files.writeString(sandbox.resolve("index.html"), "hello from host");
    String id = newId();
    ContainerHandle h = containerizer.launch(spec(id, "exec httpd -f -p " + port + " -h /mnt/mesos/sandbox",
        DockerSpec.of(image).withNetwork(Network.HOST)).offeredPorts(PortRange.single(port)).build());
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
        .untilAsserted(() -> assertThat(httpGet(port)).isEqualTo("200 hello from host"));
    containerizer.kill(id, 0);
    assertThat(h.exit().get(30, TimeUnit.SECONDS).killed()).isTrue();
  }

  @Test
  void exceedingTheMemoryLimitEndsWithTheMemoryReason() throws Exception {
    String id = newId();
    ContainerExit exit = containerizer.launch(spec(id, "tail /dev/zero", DockerSpec.of(image)).memMb(32).build())
        .exit().get(60, TimeUnit.SECONDS);
    assertThat(exit.reason()).contains(Reason.REASON_CONTAINER_LIMITATION_MEMORY);
    assertThat(exit.killed()).isFalse();
    assertRemoved(id);
  }

  @Test
  void killGivesATermTrapItsGrace() throws Exception {
    String id = newId();
    ContainerHandle h = containerizer.launch(spec(id,
        "trap 'echo bye > marker; exit 0' TERM; touch ready; while true; do sleep 1 & wait $!; done",
        DockerSpec.of(image)).build());
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(sandbox.resolve("ready")));
    containerizer.kill(id, 10_000);
    ContainerExit exit = h.exit().get(8, TimeUnit.SECONDS); // well before the 10 s grace
    assertThat(Files.readString(sandbox.resolve("marker"))).isEqualTo("bye\n");
    assertThat(exit.killed()).isTrue();
    assertThat(exit.termination()).isEqualTo(new Termination.Exited(0));
    assertRemoved(id);
  }

  @Test
  void aContainerIgnoringTermIsKilledAfterTheGrace() throws Exception {
    String id = newId();
    ContainerHandle h = containerizer.launch(spec(id, "trap '' TERM; touch ready; while true; do sleep 1; done",
        DockerSpec.of(image)).build());
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(sandbox.resolve("ready")));
    long t0 = System.nanoTime();
    containerizer.kill(id, 1000);
    ContainerExit exit = h.exit().get(30, TimeUnit.SECONDS);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isGreaterThanOrEqualTo(1000);
    assertThat(exit.termination()).isEqualTo(new Termination.Signaled(9));
    assertThat(exit.killed()).isTrue();
  }

  @Test
  void aMissingImageFailsTheLaunchClearly() throws Exception {
    ContainerHandle h = containerizer.launch(spec(newId(), "true", DockerSpec.of("drover-test/nope")).build());
    ContainerExit exit = h.exit().get(60, TimeUnit.SECONDS);
    assertThat(exit.termination()).isEqualTo(new Termination.NotStarted());
    assertThat(exit.reason()).contains(Reason.REASON_CONTAINER_LAUNCH_FAILED);
    assertThat(exit.message()).startsWith("image drover-test/nope:latest not found locally and pull failed: ");
    assertThat(h.started()).isCompletedExceptionally();

    ContainerExit forced = containerizer.launch(spec(newId(), "true", DockerSpec.of(image).withForcePullImage(true))
        .build()).exit().get(60, TimeUnit.SECONDS);
    assertThat(forced.reason()).contains(Reason.REASON_CONTAINER_LAUNCH_FAILED);
    assertThat(forced.message()).startsWith("image " + image + ": forced pull failed: ");
  }

  @Test
  void refusedSpecsEndAsInvalidWithoutAContainer() throws Exception {
    String id = newId();
    ContainerExit privileged = containerizer.launch(spec(id, "true", DockerSpec.of(image).withPrivileged(true))
        .build()).exit().get(10, TimeUnit.SECONDS);
    assertThat(privileged.reason()).contains(Reason.REASON_TASK_INVALID);
    assertThat(privileged.message()).isEqualTo("privileged containers are not allowed on this agent");
    assertRemoved(id);

    ContainerExit ports = containerizer.launch(spec(newId(), "true", DockerSpec.of(image)
        .withPortMappings(List.of(new PortMapping(31999, 80, Protocol.TCP))))
        .offeredPorts(new PortRange(31000, 31005)).build()).exit().get(10, TimeUnit.SECONDS);
    assertThat(ports.reason()).contains(Reason.REASON_TASK_INVALID);
    assertThat(ports.message()).isEqualTo("host port 31999 is not among the task's offered ports [[31000-31005]]");
  }

  /**
   * With privileged allowed the request reaches the Engine (never refused as invalid). Where the Engine itself
   * runs without full capabilities (a container without CAP_SYS_ADMIN's peers, as on some CI machines) runc
   * cannot start privileged containers; then the launch fails with the runtime's message instead.
   */
  @Test
  void privilegedIsPassedOnWhenTheAgentAllowsIt() throws Exception {
    try (DockerContainerizer allowing =
        new DockerContainerizer(DockerContainerizer.Options.defaults().withAllowPrivileged(true))) {
      String id = newId();
      ContainerExit exit = allowing.launch(spec(id, "echo ok", DockerSpec.of(image).withPrivileged(true)
          .withNetwork(Network.NONE)).build()).exit().get(30, TimeUnit.SECONDS);
      if (exit.succeeded()) {
        assertThat(Files.readString(sandbox.resolve("stdout"))).isEqualTo("ok\n");
      } else {
        assertThat(exit.reason()).contains(Reason.REASON_CONTAINER_LAUNCH_FAILED);
        assertThat(exit.message()).startsWith("starting container drover-" + id + " from " + image + " failed: ")
            .doesNotContain("not allowed");
      }
      assertRemoved(id);
    }
  }
}
