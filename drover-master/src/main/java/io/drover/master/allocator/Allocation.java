package io.drover.master.allocator;

import io.drover.common.resources.Attributes;
import io.drover.common.resources.Resources;

/**
 * Resources of one agent allocated to one framework in one role: one offer to make (allocate) or to rescind
 * (removeAgent / removeFramework). {@code hostname} and {@code attributes} are the agent's, for the offer.
 */
public record Allocation(String frameworkId, String role, String agentId, String hostname, Attributes attributes,
    Resources resources) {}
