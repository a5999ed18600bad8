package io.drover.master.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.master.api.agent.AgentCall;
import io.drover.master.api.agent.AgentEvent;
import io.drover.master.api.agent.AgentProtocol;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Test side: an agent speaking the agent protocol over HTTP (no tasks really run). */
final class TestAgent implements AutoCloseable {
  private final HttpClient http;
  private final int port;
  StreamReader<AgentEvent> events;
  String agentId;

  TestAgent(HttpClient http, int port) {
    this.http = http;
    this.port = port;
  }

  /** SUBSCRIBE; asserts 200 and reads SUBSCRIBED. */
  AgentEvent.Subscribed subscribe(String id, List<AgentCall.RunningTask> tasks) throws Exception {
    var call = new AgentCall.Subscribe(Optional.ofNullable(id), "127.0.0.1", 5051,
        "cpus:4;mem:4096;disk:10000;ports:[31000-32000]", "rack:r1", tasks, "test");
    HttpResponse<InputStream> r = http.send(request(AgentProtocol.encode(call)),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).as("agent SUBSCRIBE status").isEqualTo(200);
    events = new StreamReader<>(r, AgentProtocol::decodeEvent);
    AgentEvent.Subscribed s = next(AgentEvent.Subscribed.class);
    agentId = s.agentId();
    return s;
  }

  <T extends AgentEvent> T next(Class<T> type) throws InterruptedException { return next(type, e -> true); }

  @SuppressWarnings("unchecked")
  <T extends AgentEvent> T next(Class<T> type, Predicate<T> p) throws InterruptedException {
    return (T) events.next(e -> type.isInstance(e) && p.test((T) e), TestScheduler.WAIT);
  }

  int post(AgentCall call) throws Exception {
    return http.send(request(AgentProtocol.encode(call)), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  int update(String frameworkId, String taskId, String state, String uuidBase64) throws Exception {
    return post(new AgentCall.Update(agentId, frameworkId, taskId, state, "SOURCE_EXECUTOR", Optional.empty(),
        Optional.empty(), uuidBase64, Optional.empty(), System.currentTimeMillis(), Optional.empty()));
  }

  private HttpRequest request(byte[] body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/agent"))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  @Override public void close() throws Exception {
    if (events != null) events.close();
  }
}
