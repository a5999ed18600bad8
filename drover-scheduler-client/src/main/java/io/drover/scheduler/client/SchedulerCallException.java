package io.drover.scheduler.client;

import io.drover.master.api.v1.Call;
import java.util.Objects;

/** Why a call's future failed, short of a transport error (those fail it with the {@code IOException}). */
public abstract sealed class SchedulerCallException extends RuntimeException
    permits SchedulerCallException.Rejected, SchedulerCallException.NotSubscribed,
    SchedulerCallException.TooManyCalls {
  private final Call.Type callType;

  private SchedulerCallException(Call.Type callType, String message) {
    super(message);
    this.callType = Objects.requireNonNull(callType, "callType");
  }

  public Call.Type callType() { return callType; }

  /** The master answered with a status other than 202 (e.g. 400 with its validation message, 403, 307, 503). */
  public static final class Rejected extends SchedulerCallException {
    private final int status;
    private final String body;

    public Rejected(Call.Type callType, int status, String body) {
      super(callType, callType + " was rejected by the master with HTTP " + status
          + (body.isBlank() ? "" : ": " + body.strip()));
      this.status = status;
      this.body = body;
    }

    public int status() { return status; }

    /** The response body as text (at most the client's error-body limit). */
    public String body() { return body; }
  }

  /** No subscription is active (not yet subscribed, reconnecting, or closed): the call was not sent. */
  public static final class NotSubscribed extends SchedulerCallException {
    public NotSubscribed(Call.Type callType) {
      super(callType, callType + " not sent: the client is not subscribed to a master (wait for Scheduler.subscribed)");
    }
  }

  /** The bounds on calls in flight and queued were reached: the call was not sent. Wait for earlier calls. */
  public static final class TooManyCalls extends SchedulerCallException {
    public TooManyCalls(Call.Type callType, int limit) {
      super(callType, callType + " not sent: " + limit + " calls are already in flight or queued; wait for some to "
          + "complete");
    }
  }
}
