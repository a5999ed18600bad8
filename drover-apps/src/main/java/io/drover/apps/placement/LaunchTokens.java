package io.drover.apps.placement;

/**
 * Throttles unconfirmed launches ({@code --launch_tokens} 100 per {@code --launch_token_refresh_interval} 30 s), as
 * Marathon's {@code OfferMatcherLaunchTokensActor} does: the bucket is set to full at each interval boundary (not
 * topped up gradually), and every launch confirmed by its instance turning running and healthy gives one token back
 * ({@link #confirmed}). So at most {@code tokensPerInterval} launches are in flight per interval, while a cluster
 * that starts tasks quickly is not held back by the interval. Time is an argument and must not go backwards.
 */
public final class LaunchTokens {
  private final int tokensPerInterval;
  private final long intervalMs;
  private long windowStartMs;
  private int tokens;

  public LaunchTokens(int tokensPerInterval, long intervalMs, long nowMs) {
    if (tokensPerInterval < 0 || intervalMs <= 0) throw new IllegalArgumentException("bad launch token settings");
    this.tokensPerInterval = tokensPerInterval;
    this.intervalMs = intervalMs;
    this.windowStartMs = nowMs;
    this.tokens = tokensPerInterval;
  }

  public static LaunchTokens defaults(long nowMs) { return new LaunchTokens(100, 30_000, nowMs); }

  /** Tokens left in the current interval. */
  public int available(long nowMs) {
    refill(nowMs);
    return tokens;
  }

  /** Takes up to {@code wanted} tokens; returns how many were taken (0 when the interval's tokens are gone). */
  public int take(int wanted, long nowMs) {
    if (wanted < 0) throw new IllegalArgumentException("negative token request");
    refill(nowMs);
    int taken = Math.min(wanted, tokens);
    tokens -= taken;
    return taken;
  }

  /** A launch was confirmed (its instance is running, and healthy if checked): one token back. */
  public void confirmed(long nowMs) {
    refill(nowMs);
    tokens++;
  }

  /** When the next refill happens (for the driver's timer). */
  public long nextRefillMs() { return windowStartMs + intervalMs; }

  private void refill(long nowMs) {
    if (nowMs < windowStartMs) throw new IllegalArgumentException("time went backwards");
    if (nowMs >= windowStartMs + intervalMs) {
      windowStartMs += ((nowMs - windowStartMs) / intervalMs) * intervalMs;
      tokens = tokensPerInterval;
    }
  }
}
