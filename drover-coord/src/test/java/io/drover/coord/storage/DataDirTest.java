package io.drover.coord.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataDirTest {
    @Test
    void layoutIsLogAndSnapUnderTheRoot() {
        DataDir d = new DataDir(Path.of("/var/lib/drover"));
        assertThat(d.logDir()).isEqualTo(Path.of("/var/lib/drover/log"));
        assertThat(d.snapDir()).isEqualTo(Path.of("/var/lib/drover/snap"));
        assertThatThrownBy(() -> new DataDir(null)).isInstanceOf(NullPointerException.class);
    }
}
