package io.drover.coord.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Server replies: {@code ReplyHeader{int xid; long zxid; int err}} followed by the body only when
 * {@code err == 0} (the Java client reads a body only then); watch notifications are
 * {@code ReplyHeader{-1, zxid, 0}} + {@link WatcherEvent}.
 *
 * <p>Framing: {@code encode*} return the payload without the 4-byte length prefix; the server should use
 * {@code write*Frame(JuteOutput, …)}, which write prefix and payload in place (see {@link Frames}).
 *
 * <p>The body's shape is chosen by its {@link Response} variant, not by the opcode: the server picks the
 * variant that matches the request (e.g. {@link Response.Create} for create (1), {@link Response.Create2} for
 * create2/createTTL/createContainer, {@link Response.Error} with err 0 for addWatch).
 */
public final class ResponseCodec {
  private ResponseCodec() {}

  /** A decoded reply; {@code body} is {@link Response.Empty} whenever {@code err != 0}. */
  public record Reply(int xid, long zxid, int err, Response body) {}

  /** A decoded watch notification. */
  public record Notification(long zxid, WatcherEvent event) {}

  public static byte[] encodeReply(int xid, long zxid, int err, Response body) {
    JuteOutput out = new JuteOutput(64);
    writeReply(out, xid, zxid, err, body);
    return out.toByteArray();
  }

  /** Appends a complete reply frame (length prefix included) to {@code out}. */
  public static void writeReplyFrame(JuteOutput out, int xid, long zxid, int err, Response body) {
    int mark = Frames.begin(out);
    writeReply(out, xid, zxid, err, body);
    Frames.end(out, mark);
  }

  public static byte[] encodeNotification(long zxid, WatcherEvent event) {
    JuteOutput out = new JuteOutput(64);
    writeNotification(out, zxid, event);
    return out.toByteArray();
  }

  /** Appends a complete notification frame (length prefix included) to {@code out}. */
  public static void writeNotificationFrame(JuteOutput out, long zxid, WatcherEvent event) {
    int mark = Frames.begin(out);
    writeNotification(out, zxid, event);
    Frames.end(out, mark);
  }

  private static void writeNotification(JuteOutput out, long zxid, WatcherEvent event) {
    out.writeInt(OpCode.XID_NOTIFICATION).writeLong(zxid).writeInt(0);
    event.write(out);
  }

  private static void writeReply(JuteOutput out, int xid, long zxid, int err, Response body) {
    out.writeInt(xid).writeLong(zxid).writeInt(err);
    if (err == 0) writeBody(out, body);
  }

  private static void writeBody(JuteOutput out, Response body) {
    switch (body) {
      case Response.Empty e -> { }
      case Response.Create b -> out.writeString(b.path());
      case Response.Create2 b -> {
        out.writeString(b.path());
        b.stat().write(out);
      }
      case Response.StatOnly b -> b.stat().write(out);
      case Response.GetData b -> {
        out.writeBuffer(b.data());
        b.stat().write(out);
      }
      case Response.GetAcl b -> {
        out.writeAcls(b.acl());
        b.stat().write(out);
      }
      case Response.GetChildren b -> out.writeStrings(b.children());
      case Response.GetChildren2 b -> {
        out.writeStrings(b.children());
        b.stat().write(out);
      }
      case Response.Sync b -> out.writeString(b.path());
      case Response.Multi b -> writeMulti(out, b);
      case Response.Error b -> out.writeInt(b.err());
      case Response.Ephemerals b -> out.writeStrings(b.paths());
      case Response.AllChildrenNumber b -> out.writeInt(b.totalNumber());
      case Response.WhoAmI b -> {
        List<Response.ClientInfo> infos = b.clientInfo();
        if (infos == null) {
          out.writeInt(-1);
        } else {
          out.writeInt(infos.size());
          for (Response.ClientInfo ci : infos) out.writeString(ci.authScheme()).writeString(ci.user());
        }
      }
    }
  }

  /**
   * Each result is {@code MultiHeader{type, false, err}} + its body, then {@code {-1, true, -1}} (reference
   * §1.6). The Java client's {@code MultiResponse} knows only the result types create (1) and create2 (15) for
   * creates, so a result typed createContainer (19) or createTTL (21) is written as create2, as Apache
   * ZooKeeper does; likewise deleteContainer (20) is written as delete (2). A result's body must fit its type (IllegalArgumentException otherwise).
   */
  private static void writeMulti(JuteOutput out, Response.Multi multi) {
    for (Response.OpResult r : multi.results()) {
      int type = wireResultType(r.type());
      Class<? extends Response> shape = resultShape(type);
      if (shape == null) throw new IllegalArgumentException("result type " + r.type() + " is not allowed in a multi");
      if (!shape.isInstance(r.body())) {
        throw new IllegalArgumentException("multi result type " + r.type() + " needs a " + shape.getSimpleName() + ", got " + r.body());
      }
      out.writeInt(type).writeBool(false).writeInt(r.err());
      writeBody(out, r.body());
    }
    out.writeInt(-1).writeBool(true).writeInt(-1);
  }

  private static int wireResultType(int type) {
    return switch (type) {
      case OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL -> OpCode.CREATE2;
      case OpCode.DELETE_CONTAINER -> OpCode.DELETE;
      default -> type;
    };
  }

  /** The body variant a multi result of this wire type carries, or null if the type cannot appear in a multi. */
  private static Class<? extends Response> resultShape(int type) {
    return switch (type) {
      case OpCode.CREATE -> Response.Create.class;
      case OpCode.CREATE2 -> Response.Create2.class;
      case OpCode.DELETE, OpCode.CHECK -> Response.Empty.class;
      case OpCode.SET_DATA -> Response.StatOnly.class;
      case OpCode.GET_DATA -> Response.GetData.class;
      case OpCode.GET_CHILDREN -> Response.GetChildren.class;
      case OpCode.ERROR -> Response.Error.class;
      default -> null;
    };
  }

  /**
   * Decodes a reply to a request of {@code opCode} (for tests and tools: the body shape depends on the
   * request). Opcodes without a reply body, and unknown opcodes, decode to {@link Response.Empty}.
   */
  public static Reply decodeReply(byte[] frame, int opCode) {
    JuteInput in = new JuteInput(frame);
    int xid = in.readInt();
    long zxid = in.readLong();
    int err = in.readInt();
    Response body = err == 0 ? readBody(in, opCode) : new Response.Empty();
    if (in.hasRemaining()) throw new MalformedFrameException("reply has " + in.remaining() + " trailing bytes");
    return new Reply(xid, zxid, err, body);
  }

  public static Notification decodeNotification(byte[] frame) {
    JuteInput in = new JuteInput(frame);
    int xid = in.readInt();
    if (xid != OpCode.XID_NOTIFICATION) throw new MalformedFrameException("notification xid is " + xid + ", not -1");
    long zxid = in.readLong();
    in.readInt();
    WatcherEvent event = WatcherEvent.read(in);
    if (in.hasRemaining()) throw new MalformedFrameException("notification has " + in.remaining() + " trailing bytes");
    return new Notification(zxid, event);
  }

  private static Response readBody(JuteInput in, int opCode) {
    return switch (opCode) {
      case OpCode.CREATE -> new Response.Create(in.readString());
      case OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL -> new Response.Create2(in.readString(), Stat.read(in));
      case OpCode.EXISTS, OpCode.SET_DATA, OpCode.SET_ACL, OpCode.CHECK -> new Response.StatOnly(Stat.read(in));
      case OpCode.GET_DATA, OpCode.RECONFIG -> new Response.GetData(in.readBuffer(), Stat.read(in));
      case OpCode.GET_ACL -> new Response.GetAcl(in.readAcls(), Stat.read(in));
      case OpCode.GET_CHILDREN -> new Response.GetChildren(in.readStrings());
      case OpCode.GET_CHILDREN2 -> new Response.GetChildren2(in.readStrings(), Stat.read(in));
      case OpCode.SYNC -> new Response.Sync(in.readString());
      case OpCode.MULTI, OpCode.MULTI_READ -> readMulti(in);
      case OpCode.GET_EPHEMERALS -> new Response.Ephemerals(in.readStrings());
      case OpCode.GET_ALL_CHILDREN_NUMBER -> new Response.AllChildrenNumber(in.readInt());
      case OpCode.ADD_WATCH -> new Response.Error(in.readInt());
      case OpCode.WHO_AM_I -> readWhoAmI(in);
      default -> new Response.Empty();
    };
  }

  private static Response.WhoAmI readWhoAmI(JuteInput in) {
    int n = in.readCount();
    if (n == -1) return new Response.WhoAmI(null);
    List<Response.ClientInfo> infos = new ArrayList<>(n);
    for (int i = 0; i < n; i++) infos.add(new Response.ClientInfo(in.readString(), in.readString()));
    return new Response.WhoAmI(infos);
  }

  private static Response.Multi readMulti(JuteInput in) {
    List<Response.OpResult> results = new ArrayList<>();
    while (true) {
      int type = in.readInt();
      boolean done = in.readBool();
      int err = in.readInt();
      if (done) return new Response.Multi(results);
      Response body = switch (type) {
        case OpCode.CREATE -> new Response.Create(in.readString());
        case OpCode.CREATE2 -> new Response.Create2(in.readString(), Stat.read(in));
        case OpCode.DELETE, OpCode.CHECK -> new Response.Empty();
        case OpCode.SET_DATA -> new Response.StatOnly(Stat.read(in));
        case OpCode.GET_DATA -> new Response.GetData(in.readBuffer(), Stat.read(in));
        case OpCode.GET_CHILDREN -> new Response.GetChildren(in.readStrings());
        case OpCode.ERROR -> new Response.Error(in.readInt());
        default -> throw new MalformedFrameException("result type " + type + " is not allowed in a multi");
      };
      results.add(new Response.OpResult(type, err, body));
    }
  }
}
