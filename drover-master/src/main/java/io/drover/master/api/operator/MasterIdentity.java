package io.drover.master.api.operator;

import io.drover.master.api.v1.MasterInfo;
import java.util.Map;
import java.util.Optional;

/**
 * Who this master is, for GET_MASTER, GET_VERSION, GET_FLAGS and {@code /master/state}.
 *
 * @param leader the leading master as last detected (this one when leading)
 * @param electedTimeMs when this master was elected; 0 when it is not leading
 * @param flags the master's settings by Mesos flag name (e.g. {@code agent_ping_timeout} = {@code 15secs})
 */
public record MasterIdentity(MasterInfo self, Optional<MasterInfo> leader, long startTimeMs, long electedTimeMs,
    String version, Map<String, String> flags) {
  public MasterIdentity { flags = Map.copyOf(flags); }
}
