package io.drover.agent.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.agent.status.Outgoing;
import io.drover.agent.status.StatusUpdate;
import io.drover.master.api.agent.AgentCall;
import java.util.Base64;
import java.util.Optional;

/** Status updates in their wire forms: the agent protocol's UPDATE call and v1 TaskStatus JSON for /state. */
final class StatusJson {
  private StatusJson() {}

  static String uuidBase64(StatusUpdate u) {
    return Base64.getEncoder().encodeToString(u.uuidBytes());
  }

  /** The UPDATE call for {@code out}; {@code latest_state} is always set (the newest state the stream holds). */
  static AgentCall.Update call(Outgoing out) {
    StatusUpdate u = out.update();
    return new AgentCall.Update(u.agentId(), u.frameworkId(), u.taskId(), u.state().name(), u.source().name(),
        u.reason().map(Enum::name), u.message(), uuidBase64(u), Optional.ofNullable(u.healthy()), u.timestampMs(),
        Optional.of(out.latestState().name()));
  }

  /** {@code mesos.v1.TaskStatus} JSON. */
  static JsonNode taskStatus(StatusUpdate u) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode s = f.objectNode();
    s.putObject("task_id").put("value", u.taskId());
    s.put("state", u.state().name());
    s.put("source", u.source().name());
    u.reason().ifPresent(r -> s.put("reason", r.name()));
    u.message().ifPresent(m -> s.put("message", m));
    s.putObject("agent_id").put("value", u.agentId());
    u.executorId().ifPresent(e -> s.putObject("executor_id").put("value", e));
    if (u.healthy() != null) {
      s.put("healthy", u.healthy());
    }
    s.put("uuid", uuidBase64(u));
    s.put("timestamp", u.timestampMs() / 1000.0);
    u.containerStatus().ifPresent(c -> {
      ObjectNode cs = s.putObject("container_status");
      c.containerId().ifPresent(id -> cs.putObject("container_id").put("value", id));
      c.executorPid().ifPresent(p -> cs.put("executor_pid", p));
    });
    return s;
  }
}
