package io.drover.coord.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two servers must never share a data directory: the second is refused with a clear message; the first serves on. */
class DataDirLockTest {
  @TempDir Path tmp;

  @Test
  void aSecondServerOnTheSameDataDirIsRefused() throws Exception {
    Path data = tmp.resolve("data");
    try (CoordTestServer first = CoordTestServer.start(data)) {
      assertThatThrownBy(() -> CoordTestServer.start(data))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("is in use by another coord server")
          .hasMessageContaining("pid " + ProcessHandle.current().pid())
          .hasMessageContaining("--data-dir");
      try (ZooKeeper zk = first.client()) {
        assertThat(zk.exists("/", false)).isNotNull();
      }
    }
    // Released on close: the directory can be used again.
    try (CoordTestServer again = CoordTestServer.start(data)) {
      assertThat(again.port()).isPositive();
    }
  }
}
