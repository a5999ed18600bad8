package io.drover.scheduler.client;

import io.drover.common.recordio.RecordIo;
import io.drover.master.api.v1.ApiJson;
import io.drover.master.api.v1.Call;
import io.drover.master.api.v1.Event;
import io.drover.master.api.v1.FrameworkID;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scheduler-API master over real HTTP (Javalin) for the client's tests: SUBSCRIBE answers 200 with a chunked
 * RecordIO stream and a {@code Mesos-Stream-Id} (SUBSCRIBED first, split across chunks), other calls need that
 * header (400 if wrong, 403 without a stream) and get 202 unless a reply was queued. Knobs: queued SUBSCRIBE replies
 * (503, 400 ...), a redirect Location, the heartbeat interval announced.
 */
final class FakeMaster implements AutoCloseable {
  static final byte[] END = new byte[0];

  /** A request as received; {@code nanos} is the server's System.nanoTime at arrival. */
  record Received(String body, Call call, String streamId, String contentType, String accept, long nanos) {}

  record Reply(int status, String body) {}

  /** One SUBSCRIBE response stream. */
  final class Stream {
    final String id = UUID.randomUUID().toString();
    final Call subscribe;
    final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    volatile boolean finished;

    Stream(Call subscribe) { this.subscribe = subscribe; }

    /** The event as one RecordIO record, written as one chunk. */
    void send(Event event) { chunks.add(RecordIo.encode(ApiJson.writeBytes(event))); }

    /** The event as one record split into three chunks: inside the length prefix, and inside the data. */
    void sendSplit(Event event) {
      byte[] framed = RecordIo.encode(ApiJson.writeBytes(event));
      int a = 1;
      int b = framed.length / 2;
      chunks.add(Arrays.copyOfRange(framed, 0, a));
      chunks.add(Arrays.copyOfRange(framed, a, b));
      chunks.add(Arrays.copyOfRange(framed, b, framed.length));
    }

    /** Two events in one chunk, the second one's tail in the next chunk. */
    void sendTwoJoined(Event first, Event second) {
      byte[] one = RecordIo.encode(ApiJson.writeBytes(first));
      byte[] two = RecordIo.encode(ApiJson.writeBytes(second));
      byte[] joined = new byte[one.length + two.length - 3];
      System.arraycopy(one, 0, joined, 0, one.length);
      System.arraycopy(two, 0, joined, one.length, two.length - 3);
      chunks.add(joined);
      chunks.add(Arrays.copyOfRange(two, two.length - 3, two.length));
    }

    /** Ends the response normally (the "stream drops" case for the client). */
    void end() { chunks.add(END); }
  }

  final List<Received> subscribes = new CopyOnWriteArrayList<>();
  final List<Received> calls = new CopyOnWriteArrayList<>();
  final List<Stream> streams = new CopyOnWriteArrayList<>();
  final ConcurrentLinkedDeque<Reply> subscribeReplies = new ConcurrentLinkedDeque<>();
  final ConcurrentLinkedDeque<Reply> callReplies = new ConcurrentLinkedDeque<>();
  volatile String redirectLocation;
  volatile double heartbeatSeconds = 15.0;
  private final String name;
  private final AtomicInteger frameworks = new AtomicInteger();
  private final Javalin app;
  private volatile boolean closed;

  FakeMaster(String name) {
    this.name = name;
    this.app = Javalin.create(cfg -> {
      cfg.useVirtualThreads = true;
      cfg.showJavalinBanner = false;
    });
    app.post("/api/v1/scheduler", this::handle);
    app.start("127.0.0.1", 0);
  }

  int port() { return app.port(); }

  String url() { return "http://127.0.0.1:" + port(); }

  Stream stream(int i) { return streams.get(i); }

  Stream lastStream() { return streams.getLast(); }

  List<Received> callsOf(Call.Type type) {
    return calls.stream().filter(r -> r.call().type() == type).toList();
  }

  private void handle(Context ctx) throws Exception {
    String body = ctx.body();
    Call call = ApiJson.read(body, Call.class);
    Received r = new Received(body, call, ctx.header("Mesos-Stream-Id"), ctx.header("Content-Type"),
        ctx.header("Accept"), System.nanoTime());
    if (call.type() == Call.Type.SUBSCRIBE) subscribe(ctx, r);
    else call(ctx, r);
  }

  private void call(Context ctx, Received r) {
    calls.add(r);
    Stream current = streams.isEmpty() ? null : streams.getLast();
    if (current == null || current.finished) {
      ctx.status(403).result("Framework is not subscribed");
    } else if (!current.id.equals(r.streamId())) {
      ctx.status(400).result("The stream ID '" + r.streamId() + "' included in this request didn't match the stream ID"
          + " currently associated with framework ID " + r.call().frameworkId());
    } else {
      Reply reply = callReplies.poll();
      if (reply == null) ctx.status(202);
      else ctx.status(reply.status()).result(reply.body());
    }
  }

  private void subscribe(Context ctx, Received r) throws IOException {
    subscribes.add(r);
    String location = redirectLocation;
    if (location != null) {
      ctx.status(307).header("Location", location);
      return;
    }
    Reply reply = subscribeReplies.poll();
    if (reply != null) {
      ctx.status(reply.status()).result(reply.body());
      return;
    }
    Stream stream = new Stream(r.call());
    streams.forEach(Stream::end); // one stream per framework: the newest SUBSCRIBE wins
    streams.add(stream);
    FrameworkID id = r.call().frameworkId() != null ? r.call().frameworkId()
        : new FrameworkID(name + "-" + String.format("%04d", frameworks.getAndIncrement()));
    stream.sendSplit(Event.subscribed(new Event.Subscribed(id, heartbeatSeconds, null)));
    ctx.status(200);
    ctx.header("Mesos-Stream-Id", stream.id);
    ctx.contentType("application/json");
    OutputStream out = ctx.res().getOutputStream();
    try {
      while (!closed) {
        byte[] chunk = stream.chunks.poll(20, TimeUnit.MILLISECONDS);
        if (chunk == END) break;
        if (chunk == null) continue;
        out.write(chunk);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // The client went away; that ends the stream as it would at a real master.
    } finally {
      stream.finished = true;
    }
  }

  static String utf8(byte[] b) { return new String(b, StandardCharsets.UTF_8); }

  @Override public void close() {
    closed = true;
    streams.forEach(Stream::end);
    app.stop();
  }
}
