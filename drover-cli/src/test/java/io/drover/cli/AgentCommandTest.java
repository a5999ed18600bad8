package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.agent.node.AgentConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drover agent}'s validation: bad flags exit 64 with one clear line, never a stack trace. */
final class AgentCommandTest {
  @TempDir Path dir;

  private record Result(int exit, String out, String err) {}

  private Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(exit, out.toString(), err.toString());
  }

  @Test void badResourcesAreRejectedWithTheFlagName() {
    Result r = run("agent", "--master", "http://127.0.0.1:5050", "--work-dir", dir.toString(), "--resources",
        "cpus:lots");
    assertThat(r.exit()).isEqualTo(Roles.USAGE);
    assertThat(r.err()).contains("drover agent: --resources").contains("cpus:lots").doesNotContain("Exception");
  }

  @Test void badAttributesMasterAndContainerizersAreRejected() {
    assertThat(run("agent", "--master", "http://127.0.0.1:5050", "--work-dir", dir.toString(), "--attributes",
        "rack").err()).contains("--attributes");
    Result master = run("agent", "--master", "127.0.0.1:5050", "--work-dir", dir.toString());
    assertThat(master.exit()).isEqualTo(Roles.USAGE);
    assertThat(master.err()).contains("--master must be zk://");
    Result containerizers = run("agent", "--master", "http://127.0.0.1:5050", "--work-dir", dir.toString(),
        "--containerizers", "mesos");
    assertThat(containerizers.exit()).isEqualTo(Roles.USAGE);
    assertThat(containerizers.err()).contains("unknown containerizer 'mesos'");
  }

  @Test void masterAndWorkDirAreRequired() {
    Result r = run("agent", "--work-dir", dir.toString());
    assertThat(r.exit()).isEqualTo(Roles.USAGE);
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
    Result r = run("agent", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("--master", "--work-dir", "--resources", "--attributes", "--containerizers",
        "--allow-privileged", "--hostname", "--port");
  }
}
