package io.drover.agent.containerizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.drover.agent.containerizer.DockerSpec.Network;
import io.drover.agent.containerizer.DockerSpec.Parameter;
import io.drover.agent.containerizer.DockerSpec.PortMapping;
import io.drover.agent.containerizer.DockerSpec.Protocol;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Translating specs into Docker settings, and refusing what the agent does not allow (no Docker needed). */
final class DockerRunConfigTest {
  private static final Path SANDBOX = Path.of("/var/drover/sandboxes/t1");

  private static ContainerSpec.Builder spec(DockerSpec d) {
    return ContainerSpec.builder("t1", SANDBOX, new Command.Shell("echo hi")).docker(d);
  }

  @Test
  void translatesTheSpec() throws Exception {
    DockerRunConfig c = DockerRunConfig.of(spec(DockerSpec.of("busybox")
        .withPortMappings(List.of(new PortMapping(31001, 80, Protocol.TCP), new PortMapping(31002, 53, Protocol.UDP)))
        .withParameters(List.of(new Parameter("label", "a=b=c"), new Parameter("env", "X=1"),
            new Parameter("cap-add", "net_admin"), new Parameter("hostname", "h1"), new Parameter("shm-size", "64m"))))
        .offeredPorts(new PortRange(31000, 31010)).env("FOO", "bar").label("app", "web").user("nobody")
        .cpuMillis(1500).memMb(128).build(), false);
    assertThat(c.name()).isEqualTo("drover-t1");
    assertThat(c.image()).isEqualTo("busybox:latest");
    assertThat(c.entrypoint()).contains(List.of("/bin/sh", "-c"));
    assertThat(c.cmd()).containsExactly("echo hi");
    assertThat(c.env()).containsExactly("FOO=bar", "MESOS_SANDBOX=/mnt/mesos/sandbox",
        "MESOS_CONTAINER_NAME=drover-t1", "X=1");
    assertThat(c.labels()).containsEntry("app", "web").containsEntry("a", "b=c")
        .containsEntry("io.drover.container-id", "t1").hasSize(3);
    assertThat(c.user()).contains("nobody");
    assertThat(c.hostname()).contains("h1");
    assertThat(c.workingDir()).isEqualTo("/mnt/mesos/sandbox");
    assertThat(c.exposedPorts()).containsExactly(ExposedPort.tcp(80), ExposedPort.udp(53));
    var host = c.hostConfig();
    assertThat(host.getNetworkMode()).isEqualTo("bridge");
    assertThat(host.getPortBindings().getBindings())
        .containsEntry(ExposedPort.tcp(80), new Ports.Binding[] {Ports.Binding.bindPort(31001)});
    assertThat(host.getBinds()[0].getPath()).isEqualTo(SANDBOX.toString());
    assertThat(host.getBinds()[0].getVolume().getPath()).isEqualTo("/mnt/mesos/sandbox");
    assertThat(host.getCpuShares()).isEqualTo(1536);
    assertThat(host.getCpuPeriod()).isEqualTo(100_000L);
    assertThat(host.getCpuQuota()).isEqualTo(150_000L);
    assertThat(host.getMemory()).isEqualTo(128L << 20);
    assertThat(host.getMemorySwap()).isEqualTo(128L << 20);
    assertThat(host.getCapAdd()).containsExactly(Capability.NET_ADMIN);
    assertThat(host.getShmSize()).isEqualTo(64L << 20);
    assertThat(host.getPrivileged()).isFalse();
  }

  @Test
  void argvKeepsTheImagesEntrypointAndNetworksMap() throws Exception {
    DockerRunConfig c = DockerRunConfig.of(ContainerSpec.builder("t2", SANDBOX,
        new Command.Argv(List.of("httpd", "-f"))).docker(DockerSpec.of("reg:5000/x/y:1.2").withNetwork(Network.HOST))
        .build(), false);
    assertThat(c.entrypoint()).isEmpty();
    assertThat(c.cmd()).containsExactly("httpd", "-f");
    assertThat(c.image()).isEqualTo("reg:5000/x/y:1.2");
    assertThat(c.hostConfig().getNetworkMode()).isEqualTo("host");
    assertThat(DockerRunConfig.normalizeImage("reg:5000/x/y")).isEqualTo("reg:5000/x/y:latest");
    assertThat(DockerRunConfig.normalizeImage("x@sha256:ab")).isEqualTo("x@sha256:ab");
  }

  @Test
  void privilegedOnlyWhenAllowed() throws Exception {
    ContainerSpec s = spec(DockerSpec.of("busybox").withPrivileged(true)).build();
    assertThatThrownBy(() -> DockerRunConfig.of(s, false)).isInstanceOf(DockerRunConfig.Invalid.class)
        .hasMessage("privileged containers are not allowed on this agent");
    assertThat(DockerRunConfig.of(s, true).hostConfig().getPrivileged()).isTrue();
  }

  @Test
  void refusesWhatTheAgentCannotHonour() {
    assertThatThrownBy(() -> DockerRunConfig.of(spec(DockerSpec.of("busybox")
        .withPortMappings(List.of(new PortMapping(8080, 80, Protocol.TCP)))).offeredPorts(new PortRange(31000, 31001))
        .offeredPorts(PortRange.single(32000)).build(), false))
        .hasMessage("host port 8080 is not among the task's offered ports [[31000-31001], [32000-32000]]");
    assertThatThrownBy(() -> DockerRunConfig.of(spec(DockerSpec.of("busybox").withNetwork(Network.HOST)
        .withPortMappings(List.of(new PortMapping(31000, 80, Protocol.TCP)))).offeredPorts(PortRange.single(31000))
        .build(), false)).hasMessage("port mappings need the BRIDGE network, not HOST");
    assertThatThrownBy(() -> DockerRunConfig.of(spec(DockerSpec.of("busybox")
        .withParameters(List.of(new Parameter("volume", "/:/host")))).build(), false))
        .hasMessage("unsupported docker parameter 'volume' (supported: add-host, cap-add, cap-drop, dns, env, "
            + "hostname, label, shm-size, user, workdir)");
    assertThatThrownBy(() -> DockerRunConfig.of(spec(DockerSpec.of("busybox")
        .withParameters(List.of(new Parameter("label", "novalue")))).build(), false))
        .hasMessage("docker parameter 'label' needs KEY=VALUE, got 'novalue'");
    assertThatThrownBy(() -> DockerRunConfig.of(spec(DockerSpec.of("busybox")
        .withParameters(List.of(new Parameter("cap-add", "FLY")))).build(), false))
        .hasMessage("docker parameter 'cap-add': unknown capability 'FLY'");
  }

  @Test
  void containerIdsAreRestrictedToSafeNames() {
    assertThatThrownBy(() -> ContainerSpec.builder("../x", SANDBOX, new Command.Shell("true")).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ContainerSpec.builder("a b", SANDBOX, new Command.Shell("true")).build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
