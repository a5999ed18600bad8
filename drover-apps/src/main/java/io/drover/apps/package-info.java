/**
 * Drover's apps framework: Marathon's REST API v2 and behaviour for long-running services, running on the master
 * through the v1 scheduler API. Pure cores: {@code model} (app definitions, groups, instances, validation),
 * {@code deploy} (the deployment planner and rolling-restart decisions), {@code placement} (offer matching and the
 * launch queue). Edges: {@code store} (state in ZooKeeper), {@code ha} (leader election and proxying), {@code api}.
 */
package io.drover.apps;
