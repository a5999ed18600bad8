package io.drover.master.cluster;

import io.drover.common.resources.Attributes;
import io.drover.common.resources.Resources;

/** An outstanding offer: resources of one agent allocated to one framework in one role. Usable once. */
public record Offer(String offerId, String frameworkId, String agentId, String hostname, String role,
    Resources resources, Attributes attributes) {}
