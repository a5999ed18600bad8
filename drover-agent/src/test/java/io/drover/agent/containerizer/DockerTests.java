package io.drover.agent.containerizer;

import com.github.dockerjava.api.DockerClient;
import io.drover.common.testing.Requirements;
import io.drover.common.testing.TestImages;
import java.io.IOException;
import java.util.Optional;

/** What Docker tests need: an Engine that answers (skip locally, fail on CI), the offline test image, a client. */
public final class DockerTests {
  private DockerTests() {}

  /** Requires a Docker Engine, then makes sure the busybox test image exists; returns its name. */
  public static String requireDockerAndImage() throws IOException, InterruptedException {
    Optional<String> reason = DockerContainerizer.unavailableReason(DockerContainerizer.DEFAULT_HOST);
    Requirements.require(reason.isEmpty(), reason.orElse(""));
    return TestImages.busybox();
  }

  /** A client for inspecting what the tests started; close it after the tests. */
  public static DockerClient client() { return DockerContainerizer.client(DockerContainerizer.DEFAULT_HOST); }
}
