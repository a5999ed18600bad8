/** A Java client for the Mesos v1 scheduler HTTP API, as spoken by Drover's master and by Apache Mesos. */
package io.drover.scheduler.client;
