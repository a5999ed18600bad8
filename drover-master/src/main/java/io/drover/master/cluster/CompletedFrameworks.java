package io.drover.master.cluster;

import io.drover.master.cluster.Records.FrameworkRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.OptionalLong;

/** The core's bounded memory of removed frameworks, for the operator views only (no decision reads it). */
final class CompletedFrameworks {
  /** Mesos' {@code --max_completed_frameworks} default. */
  static final int MAX = 50;

  private final LinkedHashMap<String, CompletedFramework> byId = new LinkedHashMap<>();

  void remember(FrameworkRecord fw, long nowMs) {
    if (fw.info == null) return;
    byId.remove(fw.id);
    byId.put(fw.id, new CompletedFramework(fw.id, fw.info, fw.registeredMs, fw.reregisteredMs, disconnectedMs(fw),
        nowMs));
    if (byId.size() > MAX) byId.remove(byId.keySet().iterator().next());
  }

  List<CompletedFramework> list() { return List.copyOf(byId.values()); }

  /** When a subscribed framework lost its stream, from its failover deadline; -1 while connected or unknown. */
  static long disconnectedMs(FrameworkRecord fw) {
    if (fw.info == null || fw.connected() || fw.failoverDeadlineMs == Long.MAX_VALUE) return -1;
    return fw.failoverDeadlineMs - fw.info.failoverTimeoutMs();
  }

  /** A time field where -1 means "none". */
  static OptionalLong time(long ms) { return ms < 0 ? OptionalLong.empty() : OptionalLong.of(ms); }
}
