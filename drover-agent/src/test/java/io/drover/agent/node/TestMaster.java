package io.drover.agent.node;

import io.drover.master.api.agent.AgentCall;
import io.drover.master.api.agent.AgentEvent;
import io.drover.master.api.agent.AgentProtocol;
import io.drover.master.api.agent.AgentProtocolException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny master speaking the agent protocol over real HTTP: SUBSCRIBE streams (every record written in two chunks,
 * so the agent must reassemble records split across chunks), PINGs, scripted 307 and 503 answers, and recorded
 * SUBSCRIBE, UPDATE and HEARTBEAT calls.
 */
final class TestMaster implements AutoCloseable {
  /** A scripted answer to the next SUBSCRIBE. */
  sealed interface Answer {}

  record Redirect(String location) implements Answer {}

  record Unavailable() implements Answer {}

  /** A SUBSCRIBE as received, with when it arrived. */
  record Subscription(AgentCall.Subscribe call, long atNanos) {}

  final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  final List<AgentCall.Update> updates = new CopyOnWriteArrayList<>();
  final List<AgentCall.Heartbeat> heartbeats = new CopyOnWriteArrayList<>();
  final AtomicInteger openStreams = new AtomicInteger();
  final AtomicInteger endedStreams = new AtomicInteger();

  private final String name;
  private final Javalin app;
  private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
  private final BlockingQueue<AgentEvent> outbox = new LinkedBlockingQueue<>(1_000);
  private final AtomicInteger assigned = new AtomicInteger();
  private final AtomicInteger generation = new AtomicInteger();
  volatile long heartbeatIntervalMs = 50;
  volatile long pingTimeoutMs = 2_000;
  volatile long pingEveryMs = 50;
  volatile boolean pinging = true;
  private volatile boolean closed;

  private TestMaster(String name) {
    this.name = name;
    this.app = Javalin.create(c -> {
      c.showJavalinBanner = false;
      c.useVirtualThreads = true;
    });
    app.post("/api/v1/agent", this::handle);
    app.start("127.0.0.1", 0);
  }

  static TestMaster start(String name) { return new TestMaster(name); }

  URI base() { return URI.create("http://127.0.0.1:" + app.port()); }

  int port() { return app.port(); }

  void answerNext(Answer answer) { answers.add(answer); }

  /** Queues an event for the open stream (or the next one). */
  void send(AgentEvent event) { outbox.add(event); }

  /** Ends the open stream cleanly, as a master that drops the agent would. */
  void endStream() { generation.incrementAndGet(); }

  List<AgentCall.Subscribe> subscribeCalls() { return subscriptions.stream().map(Subscription::call).toList(); }

  private void handle(Context ctx) throws Exception {
    AgentCall call;
    try {
      call = AgentProtocol.decodeCall(ctx.bodyAsBytes());
    } catch (AgentProtocolException e) {
      ctx.status(400).result(e.getMessage());
      return;
    }
    switch (call) {
      case AgentCall.Subscribe s -> subscribe(ctx, s);
      case AgentCall.Update u -> {
        updates.add(u);
        ctx.status(202);
      }
      case AgentCall.Heartbeat h -> {
        heartbeats.add(h);
        ctx.status(202);
      }
    }
  }

  private void subscribe(Context ctx, AgentCall.Subscribe s) throws InterruptedException {
    subscriptions.add(new Subscription(s, System.nanoTime()));
    Answer answer = answers.poll();
    if (answer instanceof Redirect r) {
      ctx.status(307).header("Location", r.location());
      return;
    }
    if (answer instanceof Unavailable) {
      ctx.status(503).result("No leader elected");
      return;
    }
    String id = s.agentId().orElseGet(() -> name + "-S" + assigned.getAndIncrement());
    int myGeneration = generation.get();
    ctx.res().setStatus(200);
    ctx.res().setContentType("application/recordio");
    openStreams.incrementAndGet();
    try {
      OutputStream out = ctx.res().getOutputStream();
      write(out, new AgentEvent.Subscribed(id, heartbeatIntervalMs, pingTimeoutMs));
      long lastPing = System.nanoTime();
      while (!closed && generation.get() == myGeneration) {
        AgentEvent event = outbox.poll(10, TimeUnit.MILLISECONDS);
        if (event != null) write(out, event);
        if (pinging && System.nanoTime() - lastPing >= TimeUnit.MILLISECONDS.toNanos(pingEveryMs)) {
          write(out, new AgentEvent.Ping());
          lastPing = System.nanoTime();
        }
      }
    } catch (IOException e) {
      // The agent dropped the stream: expected in several tests.
    } finally {
      openStreams.decrementAndGet();
      endedStreams.incrementAndGet();
    }
  }

  /** Writes one record in two chunks. */
  private static void write(OutputStream out, AgentEvent event) throws IOException {
    byte[] frame = AgentProtocol.frame(event);
    int half = frame.length / 2;
    out.write(frame, 0, half);
    out.flush();
    out.write(frame, half, frame.length - half);
    out.flush();
  }

  @Override public void close() {
    closed = true;
    app.stop();
  }
}
