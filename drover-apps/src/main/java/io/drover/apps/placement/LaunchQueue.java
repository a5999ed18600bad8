package io.drover.apps.placement;

import io.drover.common.mesos.TaskState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Apps waiting for instances to launch, their launch delays, and what the framework should tell the master about
 * offers. Pure and single-threaded: every time-dependent call takes {@code nowMs} (wall clock, non-decreasing).
 *
 * <p>Backoff (docs/backoff.md): TASK_FAILED and TASK_FINISHED of an app version start or multiply its delay
 * ({@code backoffSeconds}, then × {@code backoffFactor}, at most {@code maxLaunchDelaySeconds}); TASK_KILLED and
 * other states do not. The delay resets on a new version ({@link #add} with another version), on
 * {@link #resetDelay} ({@code DELETE /v2/queue/{id}/delay}), or when no failure came for delay + maxLaunchDelay.
 *
 * <p>Offers ({@link #offerSignal}): REVIVE when launchable demand appears (so the master drops the long decline
 * filters), SUPPRESS when nothing can launch (waiting apps that are all delayed count as nothing), else nothing.
 * Unused offers are declined with {@link #declineRefuseSeconds()}.
 */
public final class LaunchQueue {
  private final long declineOfferDurationMs;
  private final TreeMap<String, Entry> entries = new TreeMap<>();
  private final Map<String, VersionedDelay> delays = new HashMap<>();
  private Set<String> lastLaunchable = Set.of();
  private boolean reviveRequested;
  private Boolean suppressed; // null: not yet told the master anything

  /** @param declineOfferDurationMs {@code --decline_offer_duration} (120 000 ms) */
  public LaunchQueue(long declineOfferDurationMs) {
    if (declineOfferDurationMs < 0) throw new IllegalArgumentException("negative decline duration");
    this.declineOfferDurationMs = declineOfferDurationMs;
  }

  public static LaunchQueue defaults() { return new LaunchQueue(120_000); }

  /** One app in the queue, as {@code /v2/queue} shows it. */
  public record Entry(String appId, String version, String role, int count, long sinceMs, BackoffPolicy policy) {}

  /** What to send the master about offers. */
  public enum OfferSignal { REVIVE, SUPPRESS, NONE }

  private record VersionedDelay(String version, LaunchDelay delay) {}

  /**
   * {@code count} more instances of {@code appId} at {@code version} should launch. A version different from the
   * queued one (or from the version of a recorded delay) resets the delay; {@code since} is when the app entered the
   * queue.
   */
  public void add(String appId, String version, String role, BackoffPolicy policy, int count, long nowMs) {
    Objects.requireNonNull(appId, "appId");
    if (count < 0) throw new IllegalArgumentException("negative count");
    VersionedDelay d = delays.get(appId);
    if (d != null && !d.version().equals(version)) delays.remove(appId);
    Entry old = entries.get(appId);
    if (count == 0 && old == null) return;
    int total = (old == null ? 0 : old.count()) + count;
    long since = old == null ? nowMs : old.sinceMs();
    entries.put(appId, new Entry(appId, version, role, total, since, policy));
    if (count > 0) reviveRequested = true;
  }

  /**
   * {@code n} instances of the app were launched (or are no longer wanted): the count goes down; at 0 the app
   * leaves the queue. Returns the count left.
   */
  public int launched(String appId, int n) {
    Entry e = entries.get(appId);
    if (e == null) return 0;
    int left = Math.max(0, e.count() - n);
    if (left == 0) entries.remove(appId);
    else entries.put(appId, new Entry(e.appId(), e.version(), e.role(), left, e.sinceMs(), e.policy()));
    return left;
  }

  /** The app is gone or its deployment was cancelled: drop it and its delay. */
  public void remove(String appId) {
    entries.remove(appId);
    delays.remove(appId);
  }

  /**
   * A task of {@code appId} at {@code version} ended in {@code state}. TASK_FAILED and TASK_FINISHED increase that
   * version's delay; anything else is ignored. A failure of an older version than the delay on record is ignored.
   *
   * @return whether the delay changed
   */
  public boolean taskTerminated(String appId, String version, TaskState state, BackoffPolicy policy, long nowMs) {
    if (state != TaskState.TASK_FAILED && state != TaskState.TASK_FINISHED) return false;
    VersionedDelay d = current(appId, nowMs);
    Entry e = entries.get(appId);
    if (e != null && !e.version().equals(version)) return false; // a failure of a version no longer launched
    // Versions are ISO-8601 timestamps of one format, so string order is time order.
    if (d != null && version.compareTo(d.version()) < 0) return false;
    if (d == null || !d.version().equals(version)) {
      delays.put(appId, new VersionedDelay(version, LaunchDelay.first(nowMs, policy)));
    } else {
      delays.put(appId, new VersionedDelay(version, d.delay().increased(nowMs, policy)));
    }
    return true;
  }

  /** {@code DELETE /v2/queue/{id}/delay}: the app may launch at once. Returns whether a delay was in force. */
  public boolean resetDelay(String appId) {
    boolean had = delays.remove(appId) != null;
    if (had && entries.containsKey(appId)) reviveRequested = true;
    return had;
  }

  /** The app's current delay, if one is in force at {@code nowMs}. */
  public Optional<LaunchDelay> delay(String appId, long nowMs) {
    return Optional.ofNullable(current(appId, nowMs)).map(VersionedDelay::delay);
  }

  /** {@code delay} for {@code /v2/queue}. */
  public QueueDelay queueDelay(String appId, long nowMs) {
    return QueueDelay.of(delay(appId, nowMs).orElse(null), nowMs);
  }

  /** Whether the app may launch now (no delay, or its deadline passed). */
  public boolean launchAllowed(String appId, long nowMs) {
    return delay(appId, nowMs).map(d -> nowMs >= d.deadlineMs()).orElse(true);
  }

  /** The queued apps, by id. */
  public List<Entry> entries() { return List.copyOf(entries.values()); }

  public Optional<Entry> entry(String appId) { return Optional.ofNullable(entries.get(appId)); }

  /** The apps with instances waiting and no delay in force: the ones offers are matched for. */
  public List<Entry> launchable(long nowMs) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : entries.values()) if (launchAllowed(e.appId(), nowMs)) out.add(e);
    return out;
  }

  /**
   * What to tell the master now; call after changes and at {@link #nextWakeupMs}. REVIVE when some app became
   * launchable (new instances, a delay elapsed or reset) or offers are suppressed while apps can launch; SUPPRESS
   * once when nothing can launch; NONE otherwise.
   */
  public OfferSignal offerSignal(long nowMs) {
    Set<String> launchable = new HashSet<>();
    for (Entry e : launchable(nowMs)) launchable.add(e.appId());
    boolean newDemand = reviveRequested || !lastLaunchable.containsAll(launchable);
    lastLaunchable = Set.copyOf(launchable);
    reviveRequested = false;
    if (launchable.isEmpty()) {
      if (Boolean.TRUE.equals(suppressed)) return OfferSignal.NONE;
      suppressed = true;
      return OfferSignal.SUPPRESS;
    }
    if (newDemand || !Boolean.FALSE.equals(suppressed)) {
      suppressed = false;
      return OfferSignal.REVIVE;
    }
    return OfferSignal.NONE;
  }

  /** The earliest deadline of a waiting app's delay after {@code nowMs}: when to call {@link #offerSignal} again. */
  public OptionalLong nextWakeupMs(long nowMs) {
    long best = Long.MAX_VALUE;
    for (Entry e : entries.values()) {
      Optional<LaunchDelay> d = delay(e.appId(), nowMs);
      if (d.isPresent() && d.get().deadlineMs() > nowMs) best = Math.min(best, d.get().deadlineMs());
    }
    return best == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(best);
  }

  /** {@code refuse_seconds} for declining an offer nothing could use. */
  public double declineRefuseSeconds() { return declineOfferDurationMs / 1000.0; }

  /** The delay on record, dropped first if it expired (no failure for delay + maxLaunchDelay). */
  private VersionedDelay current(String appId, long nowMs) {
    VersionedDelay d = delays.get(appId);
    if (d != null && d.delay().expired(nowMs)) {
      delays.remove(appId);
      return null;
    }
    return d;
  }
}
