package io.drover.agent.node;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.agent.containerizer.DockerContainerizer;
import io.drover.agent.containerizer.ProcessContainerizer;
import io.drover.common.random.Rng;
import io.drover.common.time.Clock;
import io.drover.master.api.agent.AgentCall;
import io.drover.master.api.agent.AgentEvent;
import io.drover.master.api.v1.ApiJson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A task engine on a work dir with a recording UpdateSender. */
final class EngineHarness implements AutoCloseable {
  final Path workDir;
  final List<AgentCall.Update> sent = new CopyOnWriteArrayList<>();
  final TaskEngine engine;

  EngineHarness(Path workDir, boolean docker, ProcessContainerizer.CgroupMode cgroups) {
    this.workDir = workDir;
    this.engine = TaskEngine.start(new TaskEngineConfig(workDir, "localhost",
        new ProcessContainerizer(cgroups, "drover-test"),
        docker ? Optional.of(new DockerContainerizer(DockerContainerizer.Options.defaults()
            .withOwner(workDir.toAbsolutePath().normalize().toString()))) : Optional.empty(),
        Clock.system(), Rng.seeded(System.nanoTime()), 3000), sent::add);
  }

  static JsonNode json(String s) {
    return ApiJson.read(s, JsonNode.class);
  }

  static JsonNode framework(String fid, boolean checkpoint, String... capabilities) {
    StringBuilder caps = new StringBuilder();
    for (String c : capabilities) {
      caps.append(caps.isEmpty() ? "" : ",").append("{\"type\":\"").append(c).append("\"}");
    }
    return json("{\"user\":\"root\",\"name\":\"test\",\"id\":{\"value\":\"" + fid + "\"},\"checkpoint\":" + checkpoint
        + ",\"capabilities\":[" + caps + "]}");
  }

  void launch(String fid, JsonNode frameworkInfo, String taskJson) {
    engine.launch(new AgentEvent.Launch(fid, frameworkInfo, json(taskJson), "*"));
  }

  /** Updates sent for {@code taskId}, first sends only (retries are the same uuid). */
  List<AgentCall.Update> updatesOf(String taskId) {
    List<String> seen = new java.util.ArrayList<>();
    return sent.stream().filter(u -> u.taskId().equals(taskId)).filter(u -> {
      if (seen.contains(u.uuid())) {
        return false;
      }
      seen.add(u.uuid());
      return true;
    }).toList();
  }

  List<String> statesOf(String taskId) {
    return updatesOf(taskId).stream().map(AgentCall.Update::state).toList();
  }

  /** Acknowledges every update of {@code taskId} in order, waiting for each to be sent, until {@code count}. */
  void ackUntil(String taskId, int count) {
    for (int i = 0; i < count; i++) {
      int idx = i;
      await().atMost(Duration.ofSeconds(30)).until(() -> updatesOf(taskId).size() > idx);
      AgentCall.Update u = updatesOf(taskId).get(idx);
      engine.acknowledged(new AgentEvent.Acknowledged(u.frameworkId(), u.taskId(), u.uuid()));
    }
  }

  @Override public void close() {
    engine.close();
  }
}
