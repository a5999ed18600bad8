package io.drover.master.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

/** The bounded per-subscriber stream: overflow cuts the subscriber off, close delivers what was queued first. */
class EventStreamTest {
  private static final byte[] BEAT = {'h'};

  @Test void closeDeliversQueuedRecordsThenEnds() throws Exception {
    EventStream s = new EventStream("s", 4);
    assertThat(s.offer(new byte[] {'a'})).isTrue();
    assertThat(s.offer(new byte[] {'b'})).isTrue();
    s.close();
    assertThat(s.offer(new byte[] {'c'})).isFalse();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(s.pump(out, 60_000, () -> BEAT)).isEqualTo(EventStream.End.CLOSED);
    assertThat(out.toString()).isEqualTo("ab");
  }

  @Test void aSlowSubscriberOverflowsAndIsCutOff() throws Exception {
    EventStream s = new EventStream("s", 3);
    int accepted = 0;
    while (s.offer(new byte[] {'x'})) accepted++;
    assertThat(accepted).isEqualTo(3);
    assertThat(s.isOpen()).isFalse();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(s.pump(out, 60_000, () -> BEAT)).isEqualTo(EventStream.End.OVERFLOW);
    assertThat(out.size()).isZero(); // the backlog is dropped, not replayed
  }

  @Test void heartbeatWhenIdleAndBrokenOnWriteFailure() throws Exception {
    EventStream s = new EventStream("s", 4);
    OutputStream failing = new OutputStream() {
      int writes;

      @Override public void write(int b) throws IOException {
        if (++writes > 1) throw new IOException("peer gone");
      }
    };
    assertThat(s.pump(failing, 1, () -> BEAT)).isEqualTo(EventStream.End.BROKEN);
    assertThat(s.isOpen()).isFalse();
  }
}
