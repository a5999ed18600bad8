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

  /** Adds the driver (with Marathon's default core settings) and the {@code /v2} routes to {@code builder}. */
  public static AppsConfig.Builder configure(AppsConfig.Builder builder) {
    return configure(builder, CoreConfig.defaults());
  }

  /** Adds the driver with {@code core} settings and the {@code /v2} routes to {@code builder}. */
  public static AppsConfig.Builder configure(AppsConfig.Builder builder, CoreConfig core) {
    return builder.schedulerListeners(AppsDriver.listeners(core))
        .routes((http, runtime) -> AppsApi.install(http, runtime::backend, runtime.clock(), Rng.fromEntropy(),
            event -> runtime.eventBus().publish(event)));
  }
}
