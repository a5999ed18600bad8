package io.drover.agent.health;

/**
 * A health change to report in a status update ({@code TaskStatus.healthy}, reason
 * {@code REASON_TASK_HEALTH_CHECK_STATUS_UPDATED}); the equivalent of Mesos' {@code TaskHealthStatus}.
 *
 * @param consecutiveFailures failures in a row so far (0 when healthy)
 * @param killTask the failures reached {@code consecutive_failures}: the task should be killed (Mesos' command
 *     executor kills it; the checker keeps probing until it is stopped)
 * @param message why: the probe's detail or failure reason
 */
public record HealthReport(boolean healthy, int consecutiveFailures, boolean killTask, String message) {}
