package io.drover.agent.node;

import static io.drover.agent.fetcher.TestArchives.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.agent.containerizer.ProcessContainerizer.CgroupMode;
import io.drover.agent.fetcher.FetchServer;
import io.drover.agent.fetcher.TestArchives;
import io.drover.master.api.agent.AgentCall;
import io.drover.master.api.agent.AgentEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching CommandInfo.uris through the real engine and process containerizer, from a real loopback server. */
final class TaskEngineFetchTest {
  private static final String FID = "fw-fetch";
  @TempDir Path workDir;
  private EngineHarness h;
  private FetchServer server;

  @BeforeEach
  void setUp() throws Exception {
    server = new FetchServer();
    h = new EngineHarness(workDir, false, CgroupMode.OFF);
    h.engine.registered("agent-S1");
  }

  @AfterEach
  void tearDown() {
    server.close();
    h.close();
  }

  private static String task(String id, String cmd, String uris) {
    return "{\"name\":\"" + id + "\",\"task_id\":{\"value\":\"" + id + "\"},\"agent_id\":{\"value\":\"agent-S1\"},"
        + "\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":0.1}}],"
        + "\"command\":{\"value\":\"" + cmd + "\",\"uris\":[" + uris + "]}}";
  }

  private AgentTasksView.Task completed(String taskId) {
    return h.engine.view().frameworks().get(0).completedTasks().stream().filter(t -> t.taskId().equals(taskId))
        .findFirst().orElseThrow();
  }

  @Test
  void aFetchedExecutableScriptRunsToFinished() throws Exception {
    server.file("/app.tar.gz", TestArchives.tar(TestArchives.Compression.GZIP,
        file("bin/run.sh", 0755, "#!/bin/sh\necho \"ran with $(cat conf/greeting)\"\n")));
    server.file("/greeting.txt", "hello".getBytes());
    h.launch(FID, EngineHarness.framework(FID, false), task("fetched", "./bin/run.sh",
        "{\"value\":\"" + server.url("/app.tar.gz") + "\"},"
            + "{\"value\":\"" + server.url("/greeting.txt") + "\",\"output_file\":\"conf/greeting\"}"));
    h.ackUntil("fetched", 3);
    assertThat(h.statesOf("fetched")).containsExactly("TASK_STARTING", "TASK_RUNNING", "TASK_FINISHED");
    Path sandbox = completed("fetched").sandbox();
    assertThat(Files.readString(sandbox.resolve("stdout"))).contains("ran with hello");
    assertThat(Files.readString(sandbox.resolve("stderr")))
        .contains("Fetching URI '" + server.url("/app.tar.gz") + "'")
        .contains("Successfully fetched all URIs into '" + sandbox + "'");
  }

  @Test
  void aMissingUriFailsTheTaskWithoutRunningIt() throws Exception {
    String url = server.url("/missing.tgz");
    h.launch(FID, EngineHarness.framework(FID, false), task("missing", "touch ran", "{\"value\":\"" + url + "\"}"));
    h.ackUntil("missing", 1);
    AgentCall.Update u = h.updatesOf("missing").get(0);
    assertThat(u.state()).isEqualTo("TASK_FAILED");
    assertThat(u.source()).isEqualTo("SOURCE_AGENT");
    assertThat(u.reason()).contains("REASON_CONTAINER_LAUNCH_FAILED");
    String containerId = completed("missing").containerId();
    assertThat(u.message()).contains("Failed to fetch all URIs for container '" + containerId + "': Failed to fetch '"
        + url + "': Error downloading resource, received HTTP return code 404");
    Path sandbox = completed("missing").sandbox();
    assertThat(sandbox.resolve("ran")).doesNotExist();
    assertThat(Files.readString(sandbox.resolve("stderr"))).contains("Failed to fetch '" + url + "'");
  }

  @Test
  void aKillWhileFetchingEndsKilledAndNeverRunsTheCommand() throws Exception {
    h.launch(FID, EngineHarness.framework(FID, false), task("slow", "touch ran",
        "{\"value\":\"" + server.url("/hanging") + "\"}"));
    await().atMost(Duration.ofSeconds(10)).until(() -> server.hangingRequests.get() == 1);
    h.engine.kill(new AgentEvent.Kill(FID, "slow", 1000));
    h.ackUntil("slow", 1);
    AgentCall.Update u = h.updatesOf("slow").get(0);
    assertThat(u.state()).isEqualTo("TASK_KILLED");
    assertThat(u.source()).isEqualTo("SOURCE_AGENT");
    Path sandbox = completed("slow").sandbox();
    await().during(Duration.ofMillis(300)).until(() -> !Files.exists(sandbox.resolve("ran")));
    assertThat(h.statesOf("slow")).containsExactly("TASK_KILLED");
  }
}
