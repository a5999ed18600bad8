package io.drover.master.allocator;

import io.drover.common.resources.Resources;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The allocator's view of one framework: roles, suppressed roles and refusal filters. */
final class FrameworkState {
  /** A refusal: offers on this agent in this role whose resources the refused ones contain are skipped. */
  record Filter(Resources refused, long expiresAtMs) {}

  record FilterKey(String role, String agentId) {}

  final String id;
  Set<String> roles;
  Set<String> suppressed;
  EnumSet<FrameworkCapability> capabilities;
  boolean active = true;
  final Map<FilterKey, Filter> filters = new HashMap<>();

  FrameworkState(String id, Set<String> roles, Set<String> suppressed, Set<FrameworkCapability> capabilities) {
    this.id = id;
    this.roles = new LinkedHashSet<>(roles);
    this.suppressed = new LinkedHashSet<>(suppressed);
    this.capabilities = capabilities.isEmpty() ? EnumSet.noneOf(FrameworkCapability.class)
        : EnumSet.copyOf(capabilities);
  }

  /** Whether an unexpired filter refuses {@code candidate}; expired filters are dropped on the way. */
  boolean filtered(String role, String agentId, Resources candidate, long nowMs) {
    if (filters.isEmpty()) return false;
    FilterKey key = new FilterKey(role, agentId);
    Filter f = filters.get(key);
    if (f == null) return false;
    if (nowMs >= f.expiresAtMs()) {
      filters.remove(key);
      return false;
    }
    return f.refused().contains(candidate);
  }
}
