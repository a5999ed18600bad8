package io.drover.apps.placement;

/**
 * {@code delay} of a {@code /v2/queue} item, as Marathon computes it ({@code queueDelay}): {@code timeLeftSeconds} is
 * the whole seconds until the deadline, at least 0; {@code overdue} is true when there is no delay or the deadline
 * passed at least one whole second ago (Marathon truncates to seconds before comparing with 0).
 */
public record QueueDelay(long timeLeftSeconds, boolean overdue) {
  public static final QueueDelay NONE = new QueueDelay(0, true);

  public static QueueDelay of(LaunchDelay delay, long nowMs) {
    if (delay == null) return NONE;
    long leftSeconds = (delay.deadlineMs() - nowMs) / 1000; // truncates toward zero, as Duration.toSeconds
    return new QueueDelay(Math.max(0, leftSeconds), leftSeconds < 0);
  }
}
