package io.drover.agent.containerizer;

import java.util.concurrent.TimeUnit;

/** Test cleanup: kills every container a containerizer still knows and waits for their exits. */
final class ContainerizerCleanup {
  private ContainerizerCleanup() {}

  static void killAll(Containerizer containerizer) {
    for (String id : containerizer.list()) {
      containerizer.handle(id).ifPresent(h -> {
        containerizer.kill(id, 0);
        try {
          h.exit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new AssertionError("container " + id + " did not end after kill", e);
        }
      });
    }
  }
}
