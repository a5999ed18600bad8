package io.drover.coord.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The Netty frame decoder on literal bytes, and fuzzed: it never throws, never over-allocates, never invents bytes. */
class FrameDecoderTest {
  private static final int MAX = 1024;

  private static List<Inbound> feed(byte[]... chunks) {
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX));
    for (byte[] c : chunks) ch.writeInbound(Unpooled.wrappedBuffer(c));
    List<Inbound> out = new ArrayList<>();
    Object m;
    while ((m = ch.readInbound()) != null) out.add((Inbound) m);
    ch.finishAndReleaseAll();
    return out;
  }

  @Test
  void framesSplitAcrossReadsAreReassembled() {
    List<Inbound> out = feed(new byte[] {0, 0, 0, 3, 'a'}, new byte[] {'b', 'c', 0, 0}, new byte[] {0, 1, 'd'});
    assertThat(out).hasSize(2);
    assertThat(((Inbound.Frame) out.get(0)).payload()).containsExactly('a', 'b', 'c');
    assertThat(((Inbound.Frame) out.get(1)).payload()).containsExactly('d');
  }

  @Test
  void aFourLetterWordIsRecognisedOnlyAsTheFirstBytes() {
    assertThat(feed("ruok".getBytes())).containsExactly(new Inbound.FourLetterWord("ruok"));
    // After a first frame, the same bytes are a (too large) length and close the connection.
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX));
    ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 1, 'x'}));
    ch.writeInbound(Unpooled.wrappedBuffer("ruok".getBytes()));
    assertThat(((Inbound.Frame) ch.readInbound()).payload()).containsExactly('x');
    assertThat((Object) ch.readInbound()).isNull();
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void oversizedAndNegativeLengthsCloseTheChannel() {
    for (byte[] header : new byte[][] {{0, 0, 4, 1}, {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}}) {
      EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX));
      ch.writeInbound(Unpooled.wrappedBuffer(header));
      assertThat((Object) ch.readInbound()).isNull();
      assertThat(ch.isOpen()).isFalse();
    }
  }

  @Property(tries = 2000)
  void arbitraryBytesNeverBreakTheDecoder(@ForAll @Size(max = 4096) byte[] bytes, @ForAll @IntRange(min = 1, max = 64) int chunk) {
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX));
    for (int i = 0; i < bytes.length && ch.isOpen(); i += chunk) {
      ch.writeInbound(Unpooled.wrappedBuffer(bytes, i, Math.min(chunk, bytes.length - i)));
    }
    long payloadBytes = 0;
    Object m;
    while ((m = ch.readInbound()) != null) {
      if (m instanceof Inbound.Frame f) {
        assertThat(f.payload().length).isLessThanOrEqualTo(MAX);
        payloadBytes += 4 + f.payload().length;
      }
    }
    assertThat(payloadBytes).isLessThanOrEqualTo(bytes.length);
    ch.finishAndReleaseAll();
  }
}
