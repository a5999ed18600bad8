package io.drover.apps.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The stored byte layout, without ZooKeeper. */
final class ValueFormatTest {
  @Property(tries = 300)
  void everyValueDecodesToItself(@ForAll @Size(max = 5000) byte[] value, @ForAll boolean repetitive,
      @ForAll @IntRange(min = 64, max = 2048) int nodeBytes, @ForAll @IntRange(min = 0, max = 3000) int threshold,
      @ForAll boolean compression) throws Exception {
    if (repetitive) Arrays.fill(value, (byte) 7);
    StoreLimits limits = new StoreLimits(nodeBytes, 16, compression, threshold, 1 << 20, 50);
    byte[] decoded = switch (ValueFormat.encode(value, limits)) {
      case ValueFormat.Inline in -> {
        assertThat(in.data().length).isLessThanOrEqualTo(limits.chunkBytes());
        assertThat(in.data()[0]).isEqualTo(compression && value.length > threshold ? ValueFormat.GZIP : ValueFormat.RAW);
        yield ValueFormat.decodeInline("/n", in.data(), limits);
      }
      case ValueFormat.Split split -> {
        int count = (split.payload().length + limits.chunkBytes() - 1) / limits.chunkBytes();
        byte[] manifest = ValueFormat.manifest(new ValueFormat.Manifest(split.gzip(), 42, count,
            split.payload().length, ValueFormat.crc32(split.payload())));
        assertThat(ValueFormat.isChunked(manifest)).isTrue();
        ValueFormat.Manifest m = ValueFormat.parseManifest("/n", manifest, limits);
        assertThat(m.chunkCount()).isLessThanOrEqualTo(limits.maxChunks());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.writeBytes(split.payload());
        yield ValueFormat.decodePayload("/n", m, joined.toByteArray(), limits);
      }
    };
    assertThat(decoded).isEqualTo(value);
  }

  @Property(tries = 100)
  void aDamagedPayloadIsDetected(@ForAll @Size(min = 1, max = 3000) byte[] payload, @ForAll @IntRange(min = 0) int at) {
    StoreLimits limits = StoreLimits.DEFAULTS;
    ValueFormat.Manifest m = new ValueFormat.Manifest(false, 1, 1, payload.length, ValueFormat.crc32(payload));
    byte[] damaged = payload.clone();
    damaged[at % damaged.length] ^= 0x01;
    assertThatThrownBy(() -> ValueFormat.decodePayload("/state/apps/3/x", m, damaged, limits))
        .isInstanceOf(StoreException.class).hasMessageContaining("/state/apps/3/x");
    assertThatThrownBy(() -> ValueFormat.decodePayload("/x", m, Arrays.copyOf(payload, payload.length - 1), limits))
        .isInstanceOf(StoreException.class);
  }

  @Property(tries = 20)
  void aCompressedValueBeyondTheLimitIsRefusedOnRead(@ForAll @IntRange(min = 1, max = 1000) int limit) {
    StoreLimits small = new StoreLimits(StoreLimits.MIB, 1024, true, 0, limit, 50);
    byte[] bomb = ValueFormat.gzip(new byte[limit + 1]);
    assertThatThrownBy(() -> ValueFormat.gunzip("/n", bomb, small)).isInstanceOf(StoreException.class)
        .hasMessageContaining("decompresses beyond");
  }
}
