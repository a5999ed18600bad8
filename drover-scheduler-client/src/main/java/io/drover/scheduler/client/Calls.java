package io.drover.scheduler.client;

import io.drover.master.api.v1.Call;
import io.drover.master.api.v1.FrameworkID;
import io.drover.master.api.v1.FrameworkInfo;

/** Builds v1 {@link Call}s with exactly one payload set (the record's constructor takes all eighteen). */
final class Calls {
  private Calls() {}

  static Call subscribe(FrameworkID id, Call.Subscribe p) { return Call.subscribe(id, p); }

  static Call teardown(FrameworkID id) { return Call.of(id, Call.Type.TEARDOWN); }

  static Call accept(FrameworkID id, Call.Accept p) { return Call.accept(id, p); }

  static Call decline(FrameworkID id, Call.Decline p) { return Call.decline(id, p); }

  static Call revive(FrameworkID id, Call.Revive p) {
    return new Call(id, Call.Type.REVIVE, null, null, null, null, null, p, null, null, null, null, null, null, null,
        null, null, null);
  }

  static Call kill(FrameworkID id, Call.Kill p) {
    return new Call(id, Call.Type.KILL, null, null, null, null, null, null, p, null, null, null, null, null, null,
        null, null, null);
  }

  static Call shutdown(FrameworkID id, Call.Shutdown p) {
    return new Call(id, Call.Type.SHUTDOWN, null, null, null, null, null, null, null, p, null, null, null, null, null,
        null, null, null);
  }

  static Call acknowledge(FrameworkID id, Call.Acknowledge p) { return Call.acknowledge(id, p); }

  static Call reconcile(FrameworkID id, Call.Reconcile p) {
    return new Call(id, Call.Type.RECONCILE, null, null, null, null, null, null, null, null, null, null, p, null, null,
        null, null, null);
  }

  static Call message(FrameworkID id, Call.Message p) {
    return new Call(id, Call.Type.MESSAGE, null, null, null, null, null, null, null, null, null, null, null, null, p,
        null, null, null);
  }

  static Call suppress(FrameworkID id, Call.Suppress p) {
    return new Call(id, Call.Type.SUPPRESS, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, p, null);
  }

  /** {@code info} with {@code id} set (a resubscription must carry it in {@code framework_info.id}). */
  static FrameworkInfo withId(FrameworkInfo info, FrameworkID id) {
    return new FrameworkInfo(info.user(), info.name(), id, info.failoverTimeout(), info.checkpoint(), info.role(),
        info.roles(), info.hostname(), info.principal(), info.webuiUrl(), info.capabilities(), info.labels(),
        info.offerFilters());
  }
}
