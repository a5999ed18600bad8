package io.drover.coord.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Client requests after the handshake: {@code RequestHeader{int xid; int type}} followed by the body that
 * the type selects (reference §1.4, {@code zookeeper.jute}).
 *
 * <p>Decoding contract:
 * <ul>
 *   <li>Known opcodes decode into their {@link Request} shape; a truncated or inconsistent body (negative
 *       lengths, a length past the end, an op inside a multi that multi does not allow) throws
 *       {@link MalformedFrameException}.</li>
 *   <li>Any other opcode (reconfig 16, sasl 102, internal or unheard-of codes) decodes to
 *       {@link Request.Empty} with the opcode preserved, so the server can answer UNIMPLEMENTED (-6) and keep
 *       the connection, as Apache ZooKeeper does. Its body bytes are not looked at.</li>
 *   <li>Bytes after a complete body are ignored, as Apache ZooKeeper ignores them.</li>
 *   <li>Allocation is bounded by the frame: every length and count is checked against the bytes left
 *       ({@link JuteInput}), and each multi op consumes at least a 9-byte header, so a multi cannot hold more
 *       ops than its frame has bytes.</li>
 * </ul>
 * Semantic checks (create flags, mixing reads and writes in a multi, path syntax) belong to the server.
 */
public final class RequestCodec {
  private RequestCodec() {}

  public static RequestPacket decode(byte[] frame) { return decode(frame, 0, frame.length); }

  /** Decodes the request held in {@code frame[offset, offset + length)} (length prefix already removed). */
  public static RequestPacket decode(byte[] frame, int offset, int length) {
    JuteInput in = new JuteInput(frame, offset, length);
    int xid = in.readInt();
    int opCode = in.readInt();
    return new RequestPacket(xid, opCode, readBody(in, opCode));
  }

  private static Request readBody(JuteInput in, int opCode) {
    return switch (opCode) {
      case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER -> readCreate(in);
      case OpCode.CREATE_TTL -> new Request.CreateTtl(in.readString(), in.readBuffer(), in.readAcls(), in.readInt(), in.readLong());
      case OpCode.DELETE -> new Request.Delete(in.readString(), in.readInt());
      case OpCode.EXISTS -> new Request.Exists(in.readString(), in.readBool());
      case OpCode.GET_DATA -> new Request.GetData(in.readString(), in.readBool());
      case OpCode.SET_DATA -> new Request.SetData(in.readString(), in.readBuffer(), in.readInt());
      case OpCode.GET_ACL -> new Request.GetAcl(in.readString());
      case OpCode.SET_ACL -> new Request.SetAcl(in.readString(), in.readAcls(), in.readInt());
      case OpCode.GET_CHILDREN, OpCode.GET_CHILDREN2 -> new Request.GetChildren(in.readString(), in.readBool());
      case OpCode.SYNC -> new Request.Sync(in.readString());
      case OpCode.CHECK -> new Request.CheckVersion(in.readString(), in.readInt());
      case OpCode.MULTI, OpCode.MULTI_READ -> readMulti(in);
      case OpCode.CHECK_WATCHES, OpCode.REMOVE_WATCHES -> new Request.WatchesOf(in.readString(), in.readInt());
      case OpCode.SET_WATCHES -> new Request.SetWatches(in.readLong(), in.readStrings(), in.readStrings(), in.readStrings(),
          List.of(), List.of());
      case OpCode.SET_WATCHES2 -> new Request.SetWatches(in.readLong(), in.readStrings(), in.readStrings(), in.readStrings(),
          in.readStrings(), in.readStrings());
      case OpCode.GET_EPHEMERALS -> new Request.GetEphemerals(in.readString());
      case OpCode.GET_ALL_CHILDREN_NUMBER -> new Request.GetAllChildrenNumber(in.readString());
      case OpCode.ADD_WATCH -> new Request.AddWatch(in.readString(), in.readInt());
      case OpCode.AUTH -> new Request.Auth(in.readInt(), in.readString(), in.readBuffer());
      // ping, closeSession, whoAmI have no body; every other opcode is unimplemented and its body unread.
      default -> new Request.Empty();
    };
  }

  private static Request.Create readCreate(JuteInput in) {
    return new Request.Create(in.readString(), in.readBuffer(), in.readAcls(), in.readInt());
  }

  /** {@code (MultiHeader{type, done=false, err} op)* MultiHeader{done=true}}; only {@code done} ends the list. */
  private static Request.Multi readMulti(JuteInput in) {
    List<Request.Op> ops = new ArrayList<>();
    while (true) {
      int type = in.readInt();
      boolean done = in.readBool();
      in.readInt(); // err: -1 from every client, meaningless in a request
      if (done) return new Request.Multi(ops);
      Request body = switch (type) {
        case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL, OpCode.DELETE, OpCode.SET_DATA,
             OpCode.CHECK, OpCode.GET_CHILDREN, OpCode.GET_DATA -> readBody(in, type);
        default -> throw new MalformedFrameException("op type " + type + " is not allowed inside a multi");
      };
      ops.add(new Request.Op(type, body));
    }
  }

  /** The payload without length prefix. Throws IllegalArgumentException if the body does not fit the opcode. */
  public static byte[] encode(RequestPacket p) {
    JuteOutput out = new JuteOutput(64);
    out.writeInt(p.xid()).writeInt(p.opCode());
    writeBody(out, p.opCode(), p.body());
    return out.toByteArray();
  }

  private static void writeBody(JuteOutput out, int opCode, Request body) {
    switch (opCode) {
      case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER -> {
        Request.Create b = as(Request.Create.class, opCode, body);
        out.writeString(b.path()).writeBuffer(b.data()).writeAcls(b.acl()).writeInt(b.flags());
      }
      case OpCode.CREATE_TTL -> {
        Request.CreateTtl b = as(Request.CreateTtl.class, opCode, body);
        out.writeString(b.path()).writeBuffer(b.data()).writeAcls(b.acl()).writeInt(b.flags()).writeLong(b.ttl());
      }
      case OpCode.DELETE -> {
        Request.Delete b = as(Request.Delete.class, opCode, body);
        out.writeString(b.path()).writeInt(b.version());
      }
      case OpCode.EXISTS -> {
        Request.Exists b = as(Request.Exists.class, opCode, body);
        out.writeString(b.path()).writeBool(b.watch());
      }
      case OpCode.GET_DATA -> {
        Request.GetData b = as(Request.GetData.class, opCode, body);
        out.writeString(b.path()).writeBool(b.watch());
      }
      case OpCode.SET_DATA -> {
        Request.SetData b = as(Request.SetData.class, opCode, body);
        out.writeString(b.path()).writeBuffer(b.data()).writeInt(b.version());
      }
      case OpCode.GET_ACL -> out.writeString(as(Request.GetAcl.class, opCode, body).path());
      case OpCode.SET_ACL -> {
        Request.SetAcl b = as(Request.SetAcl.class, opCode, body);
        out.writeString(b.path()).writeAcls(b.acl()).writeInt(b.version());
      }
      case OpCode.GET_CHILDREN, OpCode.GET_CHILDREN2 -> {
        Request.GetChildren b = as(Request.GetChildren.class, opCode, body);
        out.writeString(b.path()).writeBool(b.watch());
      }
      case OpCode.SYNC -> out.writeString(as(Request.Sync.class, opCode, body).path());
      case OpCode.CHECK -> {
        Request.CheckVersion b = as(Request.CheckVersion.class, opCode, body);
        out.writeString(b.path()).writeInt(b.version());
      }
      case OpCode.MULTI, OpCode.MULTI_READ -> writeMulti(out, as(Request.Multi.class, opCode, body));
      case OpCode.CHECK_WATCHES, OpCode.REMOVE_WATCHES -> {
        Request.WatchesOf b = as(Request.WatchesOf.class, opCode, body);
        out.writeString(b.path()).writeInt(b.type());
      }
      case OpCode.SET_WATCHES -> {
        Request.SetWatches b = as(Request.SetWatches.class, opCode, body);
        if (!isEmpty(b.persistentWatches()) || !isEmpty(b.persistentRecursiveWatches())) {
          throw new IllegalArgumentException("setWatches (101) cannot carry persistent watches; use setWatches2 (105)");
        }
        out.writeLong(b.relativeZxid()).writeStrings(b.dataWatches()).writeStrings(b.existWatches())
            .writeStrings(b.childWatches());
      }
      case OpCode.SET_WATCHES2 -> {
        Request.SetWatches b = as(Request.SetWatches.class, opCode, body);
        out.writeLong(b.relativeZxid()).writeStrings(b.dataWatches()).writeStrings(b.existWatches())
            .writeStrings(b.childWatches()).writeStrings(b.persistentWatches()).writeStrings(b.persistentRecursiveWatches());
      }
      case OpCode.GET_EPHEMERALS -> out.writeString(as(Request.GetEphemerals.class, opCode, body).prefixPath());
      case OpCode.GET_ALL_CHILDREN_NUMBER -> out.writeString(as(Request.GetAllChildrenNumber.class, opCode, body).path());
      case OpCode.ADD_WATCH -> {
        Request.AddWatch b = as(Request.AddWatch.class, opCode, body);
        out.writeString(b.path()).writeInt(b.mode());
      }
      case OpCode.AUTH -> {
        Request.Auth b = as(Request.Auth.class, opCode, body);
        out.writeInt(b.type()).writeString(b.scheme()).writeBuffer(b.auth());
      }
      default -> as(Request.Empty.class, opCode, body);
    }
  }

  /** As the Java client writes it: each op's header has err -1, the terminator is {@code {-1, true, -1}}. */
  private static void writeMulti(JuteOutput out, Request.Multi multi) {
    for (Request.Op op : multi.ops()) {
      switch (op.type()) {
        case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL, OpCode.DELETE, OpCode.SET_DATA,
             OpCode.CHECK, OpCode.GET_CHILDREN, OpCode.GET_DATA -> {
          out.writeInt(op.type()).writeBool(false).writeInt(-1);
          writeBody(out, op.type(), op.body());
        }
        default -> throw new IllegalArgumentException("op type " + op.type() + " is not allowed inside a multi");
      }
    }
    out.writeInt(-1).writeBool(true).writeInt(-1);
  }

  private static boolean isEmpty(List<String> list) { return list == null || list.isEmpty(); }

  private static <T extends Request> T as(Class<T> shape, int opCode, Request body) {
    if (!shape.isInstance(body)) {
      throw new IllegalArgumentException("opcode " + opCode + " needs a " + shape.getSimpleName() + " body, got " + body);
    }
    return shape.cast(body);
  }
}
