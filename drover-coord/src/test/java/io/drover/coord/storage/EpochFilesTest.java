package io.drover.coord.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpochFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFreshDirectoryStartsAtZeroAndWritesSurviveReopen() throws IOException {
        EpochFiles epochs = EpochFiles.open(dir);
        assertThat(epochs.accepted()).isZero();
        assertThat(epochs.current()).isZero();
        epochs.setAccepted(7);
        epochs.setCurrent(6);
        EpochFiles reopened = EpochFiles.open(dir);
        assertThat(reopened.accepted()).isEqualTo(7);
        assertThat(reopened.current()).isEqualTo(6);
        assertThat(Files.readString(dir.resolve("acceptedEpoch")).trim()).isEqualTo("7");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("acceptedEpoch",
                    "currentEpoch");
        }
    }

    @Test
    void aFileThatHoldsNoNumberFailsTheOpenWithItsName() throws IOException {
        Files.writeString(dir.resolve("currentEpoch"), "garbage");
        assertThatThrownBy(() -> EpochFiles.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("currentEpoch").hasMessageContaining("garbage");
    }

    @Test
    void negativeEpochsAreRefused() throws IOException {
        EpochFiles epochs = EpochFiles.open(dir);
        assertThatThrownBy(() -> epochs.setAccepted(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(epochs.accepted()).isZero();
    }
}
