/**
 * The {@code drover apps} process (an edge: threads, sockets, ZooKeeper): {@link io.drover.apps.service.AppsService}
 * wires the election ({@code io.drover.apps.ha}), the state store ({@code io.drover.apps.store}), the event bus and
 * {@code /v2/events} ({@code io.drover.apps.api.events}), the process endpoints ({@code /ping}, {@code /v2/info},
 * {@code /v2/leader}, {@code /metrics}) and, while leading, a {@code SchedulerClient} subscribed as the framework.
 *
 * <p>Seams: the REST API registers its routes through {@link io.drover.apps.service.AppsConfig.RouteInstaller}; the
 * scheduling core receives the master's events through a {@link io.drover.apps.service.SchedulerListener} made per
 * leadership term; both reach the process through {@link io.drover.apps.service.AppsRuntime}.
 *
 * <p>The scheduling core of a term is {@link io.drover.apps.service.AppsDriver} (install it with
 * {@code AppsConfig.Builder.schedulerListeners(AppsDriver.listeners(CoreConfig.defaults()))}): it runs
 * {@code io.drover.apps.core.AppsCore} on one loop thread, stores its state ({@code StateCodec}) and is the
 * {@link io.drover.apps.service.AppsBackend} the API reaches through {@link io.drover.apps.service.AppsRuntime#backend()}.
 */
package io.drover.apps.service;
