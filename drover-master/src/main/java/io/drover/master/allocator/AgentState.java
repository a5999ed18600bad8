package io.drover.master.allocator;

import io.drover.common.resources.Attributes;
import io.drover.common.resources.Resources;
import java.util.LinkedHashMap;
import java.util.Map;

/** The allocator's view of one agent. Invariant: {@code free + sum(offered) + sum(used) == total}. */
final class AgentState {
  record Holder(String frameworkId, String role) {}

  final String id;
  String hostname;
  Attributes attributes;
  Resources total;
  Resources free;
  boolean active = true;
  final Map<Holder, Resources> offered = new LinkedHashMap<>();
  final Map<Holder, Resources> used = new LinkedHashMap<>();

  AgentState(String id, String hostname, Resources total, Attributes attributes) {
    this.id = id;
    this.hostname = hostname;
    this.total = total;
    this.free = total;
    this.attributes = attributes;
  }

  boolean hasGpus() { return total.scalarMillis("gpus") > 0; }
}
