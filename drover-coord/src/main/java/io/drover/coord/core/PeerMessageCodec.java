package io.drover.coord.core;

import io.drover.coord.core.PeerMessage.*;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Our own peer wire format: one type byte, then the fields in order, big-endian; a byte array is an int length and
 * its bytes. Decoding rejects unknown types, bad lengths, bad enum ordinals and trailing bytes with
 * {@link MalformedMessageException}.
 */
public final class PeerMessageCodec {
  /** Larger byte arrays are refused (a SNAP of a big tree must stay under this). */
  public static final int MAX_BYTES = 256 * 1024 * 1024;

  private PeerMessageCodec() {}

  public static final class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message) { super(message); }

    public MalformedMessageException(String message, Throwable cause) { super(message, cause); }
  }

  public static byte[] encode(PeerMessage m) {
    return switch (m) {
      case Notification n -> buf(1, 1 + 8 * 4).put((byte) n.state().ordinal()).putLong(n.leader()).putLong(n.zxid())
          .putLong(n.electionEpoch()).putLong(n.peerEpoch()).array();
      case FollowerInfo f -> buf(2, 8).putLong(f.acceptedEpoch()).array();
      case ObserverInfo o -> buf(3, 8).putLong(o.acceptedEpoch()).array();
      case LeaderInfo l -> buf(4, 8).putLong(l.newEpoch()).array();
      case AckEpoch a -> buf(5, 24).putLong(a.lastLoggedZxid()).putLong(a.currentEpoch()).putLong(a.lastAppliedZxid())
          .array();
      case Diff d -> buf(6, 8).putLong(d.zxid()).array();
      case Trunc t -> buf(7, 8).putLong(t.zxid()).array();
      case Snap s -> bytes(buf(8, 8 + 4 + s.snapshot().length).putLong(s.zxid()), s.snapshot()).array();
      case Proposal p -> bytes(buf(9, 8 + 4 + p.txn().length).putLong(p.zxid()), p.txn()).array();
      case Ack a -> buf(10, 8).putLong(a.zxid()).array();
      case Commit c -> buf(11, 8).putLong(c.zxid()).array();
      case Inform i -> bytes(buf(12, 8 + 4 + i.txn().length).putLong(i.zxid()), i.txn()).array();
      case NewLeader n -> buf(13, 8).putLong(n.zxid()).array();
      case UpToDate u -> buf(14, 8).putLong(u.committedZxid()).array();
      case Ping p -> bytes(buf(15, 4 + p.touches().length), p.touches()).array();
      case Request r -> bytes(buf(16, 4 + r.request().length), r.request()).array();
      case Sync s -> buf(17, 8).putLong(s.token()).array();
      case SyncReply s -> buf(18, 16).putLong(s.token()).putLong(s.committedZxid()).array();
    };
  }

  public static PeerMessage decode(byte[] frame) {
    if (frame == null || frame.length == 0) throw new MalformedMessageException("empty peer message");
    ByteBuffer b = ByteBuffer.wrap(frame);
    int type = b.get();
    try {
      PeerMessage m = switch (type) {
        case 1 -> new Notification(state(b.get()), b.getLong(), b.getLong(), b.getLong(), b.getLong());
        case 2 -> new FollowerInfo(b.getLong());
        case 3 -> new ObserverInfo(b.getLong());
        case 4 -> new LeaderInfo(b.getLong());
        case 5 -> new AckEpoch(b.getLong(), b.getLong(), b.getLong());
        case 6 -> new Diff(b.getLong());
        case 7 -> new Trunc(b.getLong());
        case 8 -> new Snap(b.getLong(), bytes(b));
        case 9 -> new Proposal(b.getLong(), bytes(b));
        case 10 -> new Ack(b.getLong());
        case 11 -> new Commit(b.getLong());
        case 12 -> new Inform(b.getLong(), bytes(b));
        case 13 -> new NewLeader(b.getLong());
        case 14 -> new UpToDate(b.getLong());
        case 15 -> new Ping(bytes(b));
        case 16 -> new Request(bytes(b));
        case 17 -> new Sync(b.getLong());
        case 18 -> new SyncReply(b.getLong(), b.getLong());
        default -> throw new MalformedMessageException("unknown peer message type " + type);
      };
      if (b.hasRemaining()) {
        throw new MalformedMessageException(b.remaining() + " trailing bytes after peer message type " + type);
      }
      return m;
    } catch (BufferUnderflowException e) {
      throw new MalformedMessageException("truncated peer message type " + type + " (" + frame.length + " bytes)", e);
    }
  }

  private static ByteBuffer buf(int type, int bodyBytes) {
    return ByteBuffer.allocate(1 + bodyBytes).put((byte) type);
  }

  private static ByteBuffer bytes(ByteBuffer b, byte[] value) { return b.putInt(value.length).put(value); }

  private static byte[] bytes(ByteBuffer b) {
    int n = b.getInt();
    if (n < 0 || n > MAX_BYTES || n > b.remaining()) {
      throw new MalformedMessageException("bad byte-array length " + n + " with " + b.remaining() + " bytes left");
    }
    byte[] out = new byte[n];
    b.get(out);
    return out;
  }

  private static ServerState state(byte ordinal) {
    ServerState[] all = ServerState.values();
    if (ordinal < 0 || ordinal >= all.length) throw new MalformedMessageException("bad server state " + ordinal);
    return all[ordinal];
  }
}
