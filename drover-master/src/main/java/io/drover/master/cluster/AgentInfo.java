package io.drover.master.cluster;

import io.drover.common.resources.Attributes;
import io.drover.common.resources.Resources;

/** What an agent tells the master about itself when (re-)registering. */
public record AgentInfo(String hostname, int port, Resources resources, Attributes attributes) {}
