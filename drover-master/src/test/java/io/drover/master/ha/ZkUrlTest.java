package io.drover.master.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZkUrlTest {
  @Test void singleHost() {
    ZkUrl url = ZkUrl.parse("zk://127.0.0.1:2181/mesos");
    assertThat(url.connectString()).isEqualTo("127.0.0.1:2181");
    assertThat(url.path()).isEqualTo("/mesos");
    assertThat(url.credentials()).isEmpty();
  }

  @Test void severalHostsNestedPathTrailingSlash() {
    ZkUrl url = ZkUrl.parse("zk://zk1:2181,zk2:2182,zk3/drover/mesos/");
    assertThat(url.connectString()).isEqualTo("zk1:2181,zk2:2182,zk3");
    assertThat(url.path()).isEqualTo("/drover/mesos");
  }

  @Test void digestCredentials() {
    ZkUrl url = ZkUrl.parse("zk://alice:s3cr:et@zk1:2181,zk2:2181/mesos");
    assertThat(url.connectString()).isEqualTo("zk1:2181,zk2:2181");
    assertThat(url.credentials()).hasValueSatisfying(c -> {
      assertThat(c.user()).isEqualTo("alice");
      assertThat(c.password()).isEqualTo("s3cr:et");
      assertThat(c.authString()).isEqualTo("alice:s3cr:et");
    });
    assertThat(url.toString()).isEqualTo("zk://alice:***@zk1:2181,zk2:2181/mesos").doesNotContain("s3cr");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http://zk1:2181/mesos      | must start with 'zk://'",
      "zk1:2181/mesos             | must start with 'zk://'",
      "zk://zk1:2181              | has no path",
      "zk://zk1:2181/             | has an empty path",
      "zk:///mesos                | has no hosts",
      "zk://zk1:2181,,zk2/mesos   | has an empty host",
      "zk://:2181/mesos           | has an empty host",
      "zk://zk1:abc/mesos         | bad port 'abc'",
      "zk://zk1:0/mesos           | bad port '0'",
      "zk://zk1:65536/mesos       | bad port '65536'",
      "zk://zk1:/mesos            | bad port ''",
      "zk://zk1/a//b              | empty segment",
      "zk://alice@zk1/mesos       | credentials must be 'user:password@'",
  })
  void rejectsBadUrlsClearly(String url, String message) {
    assertThatThrownBy(() -> ZkUrl.parse(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message)
        .hasMessageContaining(url);
  }
}
