package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.agent.node.AgentConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drover agent}'s validation: bad flags exit 64 with one clear line, never a stack trace. */
final class AgentCommandTest {
  @TempDir Path dir;

  @Test void badResourcesAreRejectedWithTheFlagName() {
    Cli.Result r = Cli.run("agent", "--master", "http://127.0.0.1:5050", "--work-dir", dir.toString(), "--resources",
        "cpus:lots");
    assertThat(r.code()).isEqualTo(Roles.USAGE);
    assertThat(r.err()).contains("drover agent: --resources").contains("cpus:lots").doesNotContain("Exception");
  }

  @Test void badAttributesMasterAndContainerizersAreRejected() {
    assertThat(Cli.run("agent", "--master", "http://127.0.0.1:5050", "--work-dir", dir.toString(), "--attributes",
        "rack").err()).contains("--attributes");
    Cli.Result master = Cli.run("agent", "--master", "127.0.0.1:5050", "--work-dir", dir.toString());
    assertThat(master.code()).isEqualTo(Roles.USAGE);
    assertThat(master.err()).contains("--master must be zk://");
    Cli.Result containerizers = Cli.run("agent", "--master", "http://127.0.0.1:5050", "--work-dir", dir.toString(),
        "--containerizers", "mesos");
    assertThat(containerizers.code()).isEqualTo(Roles.USAGE);
    assertThat(containerizers.err()).contains("unknown containerizer 'mesos'");
  }

  @Test void masterAndWorkDirAreRequired() {
    Cli.Result r = Cli.run("agent", "--work-dir", dir.toString());
    assertThat(r.code()).isEqualTo(Roles.USAGE);
    assertThat(r.err()).contains("--master");
  }

  @Test void dockerWithoutAnEngineIsExplained() {
    assertThat(AgentCommand.containerizerProblem(Set.of(AgentConfig.ContainerizerType.DOCKER),
        URI.create("unix://" + dir.resolve("no-docker.sock"))))
        .hasValueSatisfying(m -> assertThat(m).contains("--containerizers includes docker")
            .contains("--containerizers process"));
    assertThat(AgentCommand.containerizerProblem(Set.of(AgentConfig.ContainerizerType.PROCESS),
        URI.create("unix://" + dir.resolve("no-docker.sock")))).isEmpty();
  }

  @Test void helpListsTheFlags() {
    Cli.Result r = Cli.run("agent", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("--master", "--work-dir", "--resources", "--attributes", "--containerizers",
        "--allow-privileged", "--hostname", "--port");
  }
}
