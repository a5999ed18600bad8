package io.drover.master.api.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.common.recordio.RecordIo;
import io.drover.common.recordio.RecordIoException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class AgentEventStreamTest {
  static final List<AgentEvent> EVENTS = List.of(
      new AgentEvent.Subscribed("a-1", 15000, 75000),
      AgentProtocolTest.LAUNCH,
      new AgentEvent.Ping(),
      new AgentEvent.Kill("fw-1", "web.1", 3000),
      new AgentEvent.Acknowledged("fw-1", "web.1", "AAECAwQFBgcICQoLDA0ODw=="),
      new AgentEvent.ShutdownFramework("fw-1"),
      new AgentEvent.Error("bye \u00e9\u4e2d"));

  private static byte[] stream() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (AgentEvent e : EVENTS) out.writeBytes(AgentProtocol.frame(e));
    return out.toByteArray();
  }

  @Property(tries = 300)
  void roundTripsThroughRecordIoUnderAnyChunking(@ForAll long seed) {
    byte[] all = stream();
    Random random = new Random(seed);
    AgentEventDecoder decoder = new AgentEventDecoder();
    List<AgentEvent> got = new ArrayList<>();
    int i = 0;
    while (i < all.length) {
      int n = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(Math.min(40, all.length - i));
      got.addAll(decoder.feed(Arrays.copyOfRange(all, i, i + n)));
      i += n;
    }
    assertThat(got).isEqualTo(EVENTS);
    assertThat(decoder.isAtRecordBoundary()).isTrue();
  }

  @Test
  void framesAreRecordIoOfTheJson() {
    byte[] framed = AgentProtocol.frame(new AgentEvent.Ping());
    assertThat(new String(framed, StandardCharsets.UTF_8)).isEqualTo("15\n{\"type\":\"PING\"}");
  }

  @Test
  void callsRoundTripToo() {
    for (AgentCall call : List.of(AgentProtocolTest.REREGISTER, AgentProtocolTest.UPDATE, new AgentCall.Heartbeat("a"))) {
      assertThat(AgentProtocol.decodeCall(AgentProtocol.encode(call))).isEqualTo(call);
    }
  }

  @Test
  void aBadRecordOrOversizedFrameFailsTheStream() {
    AgentEventDecoder decoder = new AgentEventDecoder();
    byte[] bad = RecordIo.encode("{\"type\":\"NOPE\"}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> decoder.feed(bad))
        .isInstanceOf(AgentProtocolException.class).hasMessageContaining("'NOPE'");

    AgentEventDecoder small = new AgentEventDecoder(16);
    assertThatThrownBy(() -> small.feed(AgentProtocol.frame(AgentProtocolTest.LAUNCH)))
        .isInstanceOf(RecordIoException.class).hasMessageContaining("exceeds the maximum of 16");
  }
}
