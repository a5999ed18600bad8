package io.drover.agent.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class AgentConfigTest {
  private static final Path WORK = Path.of("/var/lib/drover");

  @Test void defaults() {
    AgentConfig c = AgentConfig.builder("zk://127.0.0.1:2181/drover/master", WORK).build();
    assertThat(c.port()).isEqualTo(5051);
    assertThat(c.containerizers()).containsExactly(AgentConfig.ContainerizerType.PROCESS);
    assertThat(c.resources()).isEmpty();
    assertThat(c.sandboxRoot()).isEqualTo(WORK.resolve("slaves"));
    assertThat(c.initialBackoffMs()).isEqualTo(1_000);
    assertThat(c.maxBackoffMs()).isEqualTo(60_000);
    assertThat(c.flags()).containsEntry("work_dir", "/var/lib/drover").containsEntry("containerizers", "process");
  }

  @Test void badResourcesNameTheFlagAndAnExample() {
    assertThatThrownBy(() -> AgentConfig.builder("http://m:5050", WORK).resources("cpus:four").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--resources").hasMessageContaining("cpus:four").hasMessageContaining("e.g.");
  }

  @Test void badAttributesNameTheFlag() {
    assertThatThrownBy(() -> AgentConfig.builder("http://m:5050", WORK).attributes("rack").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--attributes")
        .hasMessageContaining("rack");
  }

  @Test void badMasters() {
    assertThatThrownBy(() -> AgentConfig.builder("m:5050", WORK).build())
        .hasMessageContaining("--master must be zk://");
    assertThatThrownBy(() -> AgentConfig.builder("http://m", WORK).build()).hasMessageContaining("host and a port");
    assertThatThrownBy(() -> AgentConfig.builder("zk://h:2181", WORK).build()).hasMessageContaining("no path");
    assertThatThrownBy(() -> AgentConfig.builder("", WORK).build()).hasMessageContaining("--master is required");
  }

  @Test void containerizerList() {
    assertThat(AgentConfig.parseContainerizers("docker, process"))
        .containsExactlyInAnyOrder(AgentConfig.ContainerizerType.DOCKER, AgentConfig.ContainerizerType.PROCESS);
    assertThatThrownBy(() -> AgentConfig.parseContainerizers("docker,mesos"))
        .hasMessageContaining("unknown containerizer 'mesos'");
    assertThatThrownBy(() -> AgentConfig.parseContainerizers(",")).hasMessageContaining("empty");
  }

  @Test void badPort() {
    assertThatThrownBy(() -> AgentConfig.builder("http://m:5050", WORK).port(70000).build())
        .hasMessageContaining("--port");
  }

  @Test void locatorParsing() {
    assertThat(MasterLocator.parse("http://10.0.0.1:5050/some/path"))
        .isEqualTo(new MasterLocator.Fixed(URI.create("http://10.0.0.1:5050")));
    MasterLocator zk = MasterLocator.parse("zk://a:2181,b:2181/drover/master");
    assertThat(zk).isInstanceOf(MasterLocator.Detected.class);
    assertThat(((MasterLocator.Detected) zk).url().connectString()).isEqualTo("a:2181,b:2181");
    assertThat(zk.leader()).isEmpty();
    zk.close();
  }

  @Test void containerizersAreCopied() {
    AgentConfig c = AgentConfig.builder("http://m:5050", WORK)
        .containerizers(Set.of(AgentConfig.ContainerizerType.DOCKER)).allowPrivileged(true).build();
    assertThat(c.containerizers()).containsExactly(AgentConfig.ContainerizerType.DOCKER);
    assertThat(c.flags()).containsEntry("docker_allow_privileged", "true");
  }
}
