package io.drover.common.recordio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

final class RecordIoTest {
  private static final String HEARTBEAT = "{\"type\":\"HEARTBEAT\"}";

  private static byte[] ascii(String s) { return s.getBytes(StandardCharsets.UTF_8); }

  private static List<String> strings(List<byte[]> records) {
    return records.stream().map(r -> new String(r, StandardCharsets.UTF_8)).toList();
  }

  @Test
  void encodesTheReferenceExample() {
    assertThat(new String(RecordIo.encode(ascii(HEARTBEAT)), StandardCharsets.UTF_8)).isEqualTo("20\n" + HEARTBEAT);
  }

  @Test
  void encodeRejectsEmptyRecords() {
    assertThatThrownBy(() -> RecordIo.encode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decodesTheReferenceExampleSplitAtEveryBoundary() {
    byte[] stream = ascii("20\n" + HEARTBEAT + "20\n" + HEARTBEAT);
    for (int cut = 0; cut <= stream.length; cut++) {
      RecordIoDecoder d = new RecordIoDecoder(1024);
      List<byte[]> out = new ArrayList<>(d.feed(Arrays.copyOfRange(stream, 0, cut)));
      out.addAll(d.feed(Arrays.copyOfRange(stream, cut, stream.length)));
      assertThat(strings(out)).as("cut at %d", cut).containsExactly(HEARTBEAT, HEARTBEAT);
      assertThat(d.isAtRecordBoundary()).isTrue();
    }
  }

  @Test
  void decodesByteByByte() {
    RecordIoDecoder d = new RecordIoDecoder(1024);
    List<byte[]> out = new ArrayList<>();
    for (byte b : ascii("20\n" + HEARTBEAT + "3\nabc")) out.addAll(d.feed(new byte[] {b}));
    assertThat(strings(out)).containsExactly(HEARTBEAT, "abc");
  }

  @Test
  void partialRecordIsNotReturned() {
    RecordIoDecoder d = new RecordIoDecoder(1024);
    assertThat(d.feed(ascii("20\n{\"type\""))).isEmpty();
    assertThat(d.isAtRecordBoundary()).isFalse();
  }

  @Test
  void rejectsNonDigitPrefix() {
    RecordIoDecoder d = new RecordIoDecoder(1024);
    assertThatThrownBy(() -> d.feed(ascii("2x\nab"))).isInstanceOf(RecordIoException.class)
        .hasMessageContaining("non-digit");
    assertThatThrownBy(() -> d.feed(ascii("1\na"))).isInstanceOf(RecordIoException.class)
        .hasMessageContaining("already failed");
  }

  @Test
  void rejectsNegativeAndSpacedPrefixes() {
    assertThatThrownBy(() -> new RecordIoDecoder(1024).feed(ascii("-1\na"))).isInstanceOf(RecordIoException.class);
    assertThatThrownBy(() -> new RecordIoDecoder(1024).feed(ascii(" 1\na"))).isInstanceOf(RecordIoException.class);
  }

  @Test
  void rejectsEmptyAndZeroLengths() {
    assertThatThrownBy(() -> new RecordIoDecoder(1024).feed(ascii("\n"))).isInstanceOf(RecordIoException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> new RecordIoDecoder(1024).feed(ascii("0\n"))).isInstanceOf(RecordIoException.class)
        .hasMessageContaining("0");
  }

  @Test
  void rejectsOversizedRecordBeforeAllocating() {
    RecordIoDecoder d = new RecordIoDecoder(100);
    // A 2^62-ish length would be an OutOfMemoryError if allocated; it must fail on the prefix alone.
    assertThatThrownBy(() -> d.feed(ascii("4611686018427387904\n"))).isInstanceOf(RecordIoException.class)
        .hasMessageContaining("exceeds the maximum of 100 bytes");
    assertThat(new RecordIoDecoder(100).feed(ascii("100\n" + "x".repeat(100)))).hasSize(1);
    assertThatThrownBy(() -> new RecordIoDecoder(100).feed(ascii("101"))).isInstanceOf(RecordIoException.class);
  }

  @Test
  void rejectsOverlongDigitRuns() {
    RecordIoDecoder d = new RecordIoDecoder(Integer.MAX_VALUE);
    assertThatThrownBy(() -> d.feed(ascii("0".repeat(20) + "1\na"))).isInstanceOf(RecordIoException.class)
        .hasMessageContaining("digits");
  }

  @Property(tries = 300)
  void randomRecordsSurviveRandomChunking(
      @ForAll @Size(max = 8) List<@Size(min = 1, max = 300) byte[]> records,
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 64) Integer> cuts) throws Exception {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (byte[] r : records) stream.write(RecordIo.encode(r));
    byte[] all = stream.toByteArray();
    RecordIoDecoder d = new RecordIoDecoder(300);
    List<byte[]> out = new ArrayList<>();
    int pos = 0;
    for (int cut : cuts) {
      int end = Math.min(all.length, pos + cut);
      out.addAll(d.feed(Arrays.copyOfRange(all, pos, end)));
      pos = end;
    }
    out.addAll(d.feed(Arrays.copyOfRange(all, pos, all.length)));
    assertThat(out).hasSize(records.size());
    for (int i = 0; i < records.size(); i++) assertThat(out.get(i)).isEqualTo(records.get(i));
    assertThat(d.isAtRecordBoundary()).isTrue();
  }
}
