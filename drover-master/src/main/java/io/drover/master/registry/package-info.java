/**
 * The master's durable registry in ZooKeeper (mesos.md §4): admitted, unreachable and gone agents, role weights and
 * quotas, written by the leading master through a fenced {@link io.drover.master.registry.RegistryStore} and read
 * back by the next leader after failover. Frameworks and tasks are not stored: they are rebuilt from re-subscribing
 * schedulers and re-registering agents. This is an edge package (it does I/O through Curator).
 */
package io.drover.master.registry;
