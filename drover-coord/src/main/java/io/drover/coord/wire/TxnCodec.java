package io.drover.coord.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Logged transactions: {@link TxnHeader} followed by the txn record its {@code type} selects, laid out as
 * in {@code zookeeper.jute} ({@code org.apache.zookeeper.txn}). A multi is
 * {@code MultiTxn{vector<Txn{int type; buffer data}>}} where each {@code data} is the sub-txn's record
 * without header.
 *
 * <p>{@link #decode(byte[])} is strict (the bytes must hold exactly one header and txn), because the txn log
 * and the peer protocol frame each txn themselves and leftover bytes mean corruption. {@link #read} decodes
 * one txn from a longer input and leaves the rest (e.g. a trailing digest) to the caller. Unknown txn types
 * and truncated records throw {@link MalformedFrameException}; allocation is bounded by the input.
 */
public final class TxnCodec {
  private TxnCodec() {}

  public record Decoded(TxnHeader header, Txn txn) {}

  /** Throws IllegalArgumentException if {@code h.type() != t.type()} or a multi holds a txn that cannot be in one. */
  public static byte[] encode(TxnHeader h, Txn t) {
    JuteOutput out = new JuteOutput(128);
    write(out, h, t);
    return out.toByteArray();
  }

  public static void write(JuteOutput out, TxnHeader h, Txn t) {
    if (h.type() != t.type()) throw new IllegalArgumentException("header type " + h.type() + " but txn type " + t.type());
    h.write(out);
    writeBody(out, t);
  }

  public static Decoded decode(byte[] bytes) {
    JuteInput in = new JuteInput(bytes);
    Decoded d = read(in);
    if (in.hasRemaining()) throw new MalformedFrameException("txn has " + in.remaining() + " trailing bytes");
    return d;
  }

  public static Decoded read(JuteInput in) {
    TxnHeader h = TxnHeader.read(in);
    return new Decoded(h, readBody(in, h.type()));
  }

  /** The record of {@code t} alone, without header: what a multi's sub-txn {@code data} holds. */
  public static byte[] encodeBody(Txn t) {
    JuteOutput out = new JuteOutput(64);
    writeBody(out, t);
    return out.toByteArray();
  }

  private static void writeBody(JuteOutput out, Txn t) {
    switch (t) {
      case Txn.Create c -> {
        if (c.type() != OpCode.CREATE && c.type() != OpCode.CREATE2) {
          throw new IllegalArgumentException("Txn.Create type must be 1 or 15, not " + c.type());
        }
        out.writeString(c.path()).writeBuffer(c.data()).writeAcls(c.acl()).writeBool(c.ephemeral()).writeInt(c.parentCVersion());
      }
      case Txn.CreateContainer c -> out.writeString(c.path()).writeBuffer(c.data()).writeAcls(c.acl()).writeInt(c.parentCVersion());
      case Txn.CreateTtl c ->
          out.writeString(c.path()).writeBuffer(c.data()).writeAcls(c.acl()).writeInt(c.parentCVersion()).writeLong(c.ttl());
      case Txn.Delete d -> {
        if (d.type() != OpCode.DELETE && d.type() != OpCode.DELETE_CONTAINER) {
          throw new IllegalArgumentException("Txn.Delete type must be 2 or 20, not " + d.type());
        }
        out.writeString(d.path());
      }
      case Txn.SetData s -> out.writeString(s.path()).writeBuffer(s.data()).writeInt(s.version());
      case Txn.SetAcl s -> out.writeString(s.path()).writeAcls(s.acl()).writeInt(s.version());
      case Txn.CheckVersion c -> out.writeString(c.path()).writeInt(c.version());
      case Txn.Error e -> out.writeInt(e.err());
      case Txn.Multi m -> {
        if (m.txns() == null) {
          out.writeInt(-1);
          return;
        }
        out.writeInt(m.txns().size());
        for (Txn sub : m.txns()) {
          if (!allowedInMulti(sub.type())) throw new IllegalArgumentException("txn type " + sub.type() + " cannot be inside a multi");
          out.writeInt(sub.type()).writeBuffer(encodeBody(sub));
        }
      }
      case Txn.CreateSession s -> out.writeInt(s.timeOut());
      case Txn.CloseSession s -> out.writeStrings(s.paths2Delete());
    }
  }

  private static Txn readBody(JuteInput in, int type) {
    return switch (type) {
      case OpCode.CREATE, OpCode.CREATE2 ->
          new Txn.Create(type, in.readString(), in.readBuffer(), in.readAcls(), in.readBool(), in.readInt());
      case OpCode.CREATE_CONTAINER -> new Txn.CreateContainer(in.readString(), in.readBuffer(), in.readAcls(), in.readInt());
      case OpCode.CREATE_TTL -> new Txn.CreateTtl(in.readString(), in.readBuffer(), in.readAcls(), in.readInt(), in.readLong());
      case OpCode.DELETE, OpCode.DELETE_CONTAINER -> new Txn.Delete(type, in.readString());
      case OpCode.SET_DATA -> new Txn.SetData(in.readString(), in.readBuffer(), in.readInt());
      case OpCode.SET_ACL -> new Txn.SetAcl(in.readString(), in.readAcls(), in.readInt());
      case OpCode.CHECK -> new Txn.CheckVersion(in.readString(), in.readInt());
      case OpCode.ERROR -> new Txn.Error(in.readInt());
      case OpCode.MULTI -> readMulti(in);
      case OpCode.CREATE_SESSION -> new Txn.CreateSession(in.readInt());
      case OpCode.CLOSE_SESSION -> new Txn.CloseSession(in.readStrings());
      default -> throw new MalformedFrameException("unknown txn type " + type);
    };
  }

  /** Sub-txns are decoded strictly: each one's {@code data} must be exactly its record. */
  private static Txn.Multi readMulti(JuteInput in) {
    int n = in.readCount();
    if (n == -1) return new Txn.Multi(null);
    List<Txn> txns = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int type = in.readInt();
      if (!allowedInMulti(type)) throw new MalformedFrameException("txn type " + type + " cannot be inside a multi");
      byte[] data = in.readBuffer();
      if (data == null) throw new MalformedFrameException("multi sub-txn " + i + " has null data");
      JuteInput sub = new JuteInput(data);
      txns.add(readBody(sub, type));
      if (sub.hasRemaining()) throw new MalformedFrameException("multi sub-txn " + i + " has " + sub.remaining() + " trailing bytes");
    }
    return new Txn.Multi(txns);
  }

  /** What Apache ZooKeeper's PrepRequestProcessor puts in a MultiTxn: creates, deletes, setData, check, error. */
  private static boolean allowedInMulti(int type) {
    return switch (type) {
      case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL, OpCode.DELETE, OpCode.DELETE_CONTAINER,
           OpCode.SET_DATA, OpCode.CHECK, OpCode.ERROR -> true;
      default -> false;
    };
  }
}
