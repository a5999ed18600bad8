package io.drover.apps.service;

import io.drover.apps.api.v2.AppsApi;
import io.drover.apps.core.CoreConfig;
import io.drover.common.random.Rng;

/**
 * The whole apps framework on an {@link AppsService}: {@link AppsDriver} schedules (one per leadership term) and the
 * Marathon {@code /v2} API talks to it. What {@code drover apps} and {@code drover up} run.
 */
public final class AppsFramework {
  private AppsFramework() {}

  /** Adds the driver and the {@code /v2} routes to {@code builder}. */
  public static AppsConfig.Builder configure(AppsConfig.Builder builder) {
    return builder.schedulerListeners(AppsDriver.listeners(CoreConfig.defaults()))
        .routes((http, runtime) -> AppsApi.install(http, runtime::backend, runtime.clock(), Rng.fromEntropy()));
  }
}
