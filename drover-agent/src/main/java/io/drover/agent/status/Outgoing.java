package io.drover.agent.status;

import io.drover.common.mesos.TaskState;

/**
 * An update to (re)send to the master now.
 *
 * @param latestState the state of the newest update the stream holds, sent alongside (the {@code latest_state} of
 *     Mesos' StatusUpdate message) so the master learns a terminal state early and frees resources before the
 *     framework has acknowledged the older updates in front of it
 * @param attempt 1 for the first send of this head, then 2, 3, ... for retries
 */
public record Outgoing(StatusUpdate update, TaskState latestState, int attempt) {}
