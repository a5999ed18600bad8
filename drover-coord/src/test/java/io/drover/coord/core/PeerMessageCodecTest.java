package io.drover.coord.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.coord.core.PeerMessage.*;
import io.drover.coord.core.PeerMessageCodec.MalformedMessageException;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

final class PeerMessageCodecTest {
  private static final byte[] B = {1, 2, 3};

  static List<PeerMessage> oneOfEach() {
    return List.of(new Notification(ServerState.OBSERVING, 3, 0x100000007L, 9, 1), new FollowerInfo(4),
        new ObserverInfo(5), new LeaderInfo(6), new AckEpoch(0x200000001L, -1, 0x100000005L), new Diff(7),
        new Trunc(8), new Snap(9, B), new Proposal(10, B), new Ack(11), new Commit(12), new Inform(13, B),
        new NewLeader(0x300000000L), new UpToDate(14), new Ping(new byte[0]), new Request(B), new Sync(15),
        new SyncReply(16, 17));
  }

  @Test
  void everyMessageRoundTrips() {
    for (PeerMessage m : oneOfEach()) {
      PeerMessage back = PeerMessageCodec.decode(PeerMessageCodec.encode(m));
      // records with byte[] compare arrays by identity: compare the re-encoding instead
      assertThat(back.getClass()).isEqualTo(m.getClass());
      assertThat(PeerMessageCodec.encode(back)).isEqualTo(PeerMessageCodec.encode(m));
    }
    assertThat(PeerMessageCodec.decode(PeerMessageCodec.encode(new Commit(12)))).isEqualTo(new Commit(12));
  }

  @Property
  void proposalsRoundTrip(@ForAll long zxid, @ForAll byte[] txn) {
    Proposal back = (Proposal) PeerMessageCodec.decode(PeerMessageCodec.encode(new Proposal(zxid, txn)));
    assertThat(back.zxid()).isEqualTo(zxid);
    assertThat(back.txn()).isEqualTo(txn);
  }

  @Test
  void everyTruncationIsRejected() {
    for (PeerMessage m : oneOfEach()) {
      byte[] frame = PeerMessageCodec.encode(m);
      for (int len = 0; len < frame.length; len++) {
        byte[] cut = java.util.Arrays.copyOf(frame, len);
        assertThatThrownBy(() -> PeerMessageCodec.decode(cut)).as("%s cut to %d", m, len)
            .isInstanceOf(MalformedMessageException.class);
      }
    }
  }

  @Test
  void trailingBytesUnknownTypesBadLengthsAndStatesAreRejected() {
    byte[] commit = PeerMessageCodec.encode(new Commit(1));
    byte[] longer = java.util.Arrays.copyOf(commit, commit.length + 1);
    assertThatThrownBy(() -> PeerMessageCodec.decode(longer)).hasMessageContaining("trailing");
    assertThatThrownBy(() -> PeerMessageCodec.decode(new byte[] {99})).hasMessageContaining("unknown");
    assertThatThrownBy(() -> PeerMessageCodec.decode(null)).isInstanceOf(MalformedMessageException.class);
    assertThatThrownBy(() -> PeerMessageCodec.decode(new byte[] {16, -1, -1, -1, -1}))
        .hasMessageContaining("bad byte-array length");
    byte[] note = PeerMessageCodec.encode(new Notification(ServerState.LOOKING, 1, 2, 3, 4));
    note[1] = 9;
    assertThatThrownBy(() -> PeerMessageCodec.decode(note)).hasMessageContaining("bad server state");
  }
}
