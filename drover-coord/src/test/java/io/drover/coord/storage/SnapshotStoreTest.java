package io.drover.coord.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {
    @TempDir
    Path dir;

    private static byte[] body(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static Path write(SnapshotStore store, long zxid, byte[] body) throws IOException {
        return store.write(zxid, out -> out.write(body));
    }

    private static void flipByte(Path p, long at) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x01);
        }
    }

    private static String[] names(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void emptyStoreHasNoSnapshot() throws IOException {
        SnapshotStore store = new SnapshotStore(dir.resolve("snap"));
        assertThat(Files.isDirectory(dir.resolve("snap"))).isTrue();
        assertThat(store.newestValid()).isEmpty();
        assertThat(store.zxids()).isEmpty();
    }

    @Test
    void writeThenReadStreamedBody() throws IOException {
        SnapshotStore store = new SnapshotStore(dir);
        byte[] big = body(3 * 1024 * 1024 + 5, 1);
        Path p = store.write(0x1_0000_002aL, out -> {
            // Many small and a few large writes, through a wrapper the writer closes itself.
            try (DataOutputStream data = new DataOutputStream(out)) {
                for (int i = 0; i < 1000; i++) {
                    data.write(big[i]);
                }
                data.write(big, 1000, big.length - 1000);
            }
        });
        assertThat(p.getFileName().toString()).isEqualTo("snapshot.10000002a");
        assertThat(Files.size(p)).isEqualTo(16 + big.length + 16);
        assertThat(store.newestValid()).contains(new Snapshot(0x1_0000_002aL, big));
        assertThat(names(dir)).containsExactly("snapshot.10000002a"); // no temp file left
    }

    @Test
    void emptyBodyIsValid() throws IOException {
        SnapshotStore store = new SnapshotStore(dir);
        store.write(7, out -> {});
        assertThat(store.newestValid()).contains(new Snapshot(7, new byte[0]));
    }

    @Test
    void zxidsAreNewestFirstNumerically() throws IOException {
        SnapshotStore store = new SnapshotStore(dir);
        for (long z : new long[] {0x9, 0x100, 0x20, 0xa}) {
            write(store, z, body(10, z));
        }
        assertThat(store.zxids()).containsExactly(0x100L, 0x20L, 0xaL, 0x9L);
        assertThat(store.newestValid().map(Snapshot::zxid)).contains(0x100L);
    }

    @Test
    void corruptNewestIsSkippedForThePreviousValidOne() throws IOException {
        SnapshotStore store = new SnapshotStore(dir);
        byte[] older = body(5000, 1);
        write(store, 0x10, older);
        Path newest = write(store, 0x20, body(5000, 2));
        flipByte(newest, 16 + 2500);
        assertThat(store.newestValid()).contains(new Snapshot(0x10, older));
        assertThat(store.zxids()).containsExactly(0x20L, 0x10L); // still present, just not loaded
    }

    @Test
    void everyStructuralDamageIsSkipped() throws IOException {
        SnapshotStore store = new SnapshotStore(dir);
        byte[] older = body(300, 1);
        write(store, 0x10, older);
        byte[] good = Files.readAllBytes(write(store, 0x20, body(300, 2)));
        Path newest = dir.resolve("snapshot.20");
        int[] damagedOffsets = {0, 5, 9, 16 + 299, good.length - 16, good.length - 8, good.length - 1};
        for (int at : damagedOffsets) {
            byte[] bad = good.clone();
            bad[at] ^= 0x40;
            Files.write(newest, bad);
            assertThat(store.newestValid().map(Snapshot::zxid)).as("damage at %d", at).contains(0x10L);
        }
        for (int len : new int[] {0, 10, 31, good.length - 1, good.length - 16}) {
            Files.write(newest, Arrays.copyOf(good, len));
            assertThat(store.newestValid().map(Snapshot::zxid)).as("truncated to %d", len).contains(0x10L);
        }
        // A snapshot file renamed to another zxid does not pass either.
        Files.write(dir.resolve("snapshot.30"), good);
        assertThat(store.newestValid().map(Snapshot::zxid)).contains(0x10L);
    }

    @Test
    void partiallyWrittenTempSnapshotIsIgnoredAndCleanedUp() throws IOException {
        SnapshotStore store = new SnapshotStore(dir);
        byte[] body = body(100, 3);
        write(store, 0x10, body);
        Path tmp = dir.resolve("snapshot.40.123456.tmp");
        byte[] complete = Files.readAllBytes(dir.resolve("snapshot.10"));
        Files.write(tmp, Arrays.copyOf(complete, 50));
        assertThat(store.zxids()).containsExactly(0x10L);
        assertThat(store.newestValid()).contains(new Snapshot(0x10, body));
        new SnapshotStore(dir); // startup removes the leftover
        assertThat(names(dir)).containsExactly("snapshot.10");
    }

    @Test
    void failingWriterLeavesNoSnapshotAndNoTempFile() throws IOException {
        SnapshotStore store = new SnapshotStore(dir);
        assertThatThrownBy(() -> store.write(0x10, out -> {
            out.write(new byte[100_000]);
            throw new IOException("tree walk failed");
        })).hasMessage("tree walk failed");
        assertThat(names(dir)).isEmpty();
        assertThat(store.newestValid()).isEmpty();
    }

    @Test
    void writingAfterTheWriterClosedItsStreamFails() throws IOException {
        SnapshotStore store = new SnapshotStore(dir);
        assertThatThrownBy(() -> store.write(0x10, out -> {
            out.close();
            out.write(1);
        })).isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThat(names(dir)).isEmpty();
    }

    @Test
    void intactFileWithUnknownVersionIsAnErrorNotASkip() throws IOException {
        SnapshotStore store = new SnapshotStore(dir);
        write(store, 0x8, "older".getBytes(StandardCharsets.UTF_8));
        byte[] body = "x".getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(16 + body.length + 16);
        b.putInt(0x4452534E).putInt(9).putLong(0x10).put(body).putLong(body.length);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue()).putInt(0x44454E44);
        Files.write(dir.resolve("snapshot.10"), b.array());
        assertThatThrownBy(store::newestValid).isInstanceOf(IOException.class)
                .hasMessageContaining("unsupported snapshot format version 9");
    }

    @Test
    void rewritingTheSameZxidReplacesIt() throws IOException {
        SnapshotStore store = new SnapshotStore(dir);
        write(store, 0x10, body(10, 1));
        write(store, 0x10, body(20, 2));
        assertThat(store.newestValid()).isEqualTo(Optional.of(new Snapshot(0x10, body(20, 2))));
    }
}
