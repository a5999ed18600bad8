package io.drover.agent.node;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Environment requirements of engine tests: skip with the reason locally, fail with it when {@code CI=true}. */
final class NodeRequirements {
  private NodeRequirements() {}

  static void require(boolean met, String reason) {
    if (!met && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI=true and a test requirement is missing: " + reason);
    }
    assumeTrue(met, reason);
  }
}
