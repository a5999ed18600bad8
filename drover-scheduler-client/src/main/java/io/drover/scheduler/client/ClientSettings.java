package io.drover.scheduler.client;

import io.drover.common.random.Rng;
import io.drover.common.time.Clock;
import io.drover.master.api.v1.FrameworkInfo;
import java.time.Duration;
import java.util.List;

/** A {@link SchedulerClient}'s validated configuration; see {@link SchedulerClientBuilder} for meanings and defaults. */
record ClientSettings(
    String master,
    FrameworkInfo frameworkInfo,
    Scheduler scheduler,
    Clock clock,
    Rng rng,
    Backoff backoff,
    boolean autoAcknowledge,
    int heartbeatMisses,
    List<String> suppressedRoles,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration zkSessionTimeout,
    int maxRecordBytes,
    int eventQueueCapacity,
    int maxCallsInFlight,
    int maxCallsQueued,
    int maxRedirects,
    int maxErrorBodyBytes) {}
