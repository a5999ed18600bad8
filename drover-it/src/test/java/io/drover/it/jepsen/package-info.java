/**
 * Jepsen-style tests of ensembles: a linearizability checker ({@link io.drover.it.jepsen.Linearizability}, WGL with
 * memoization, per key) for ZooKeeper registers, ZooKeeper's read rule ({@link io.drover.it.jepsen.StaleReadRule}),
 * a lost-write check, a fault-injecting TCP proxy per directed peer link ({@link io.drover.it.jepsen.FaultProxy}), an
 * ensemble of server processes ({@link io.drover.it.jepsen.Ensemble}, Apache ZooKeeper 3.9 or {@code drover coord}),
 * a nemesis and the CAS register workload ({@link io.drover.it.jepsen.CasRegisterIT}).
 *
 * <p>Run the unit tests: {@code ./mvnw -B -o -pl drover-it test -Dtest='io.drover.it.jepsen.*Test'}. Run the
 * workload: {@code ./mvnw -B -o -pl drover-it verify -Dit.test=CasRegisterIT -Djepsen.ensemble=zookeeper
 * -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false} (needs {@code drover-cli/target/drover.jar} for coord);
 * {@code -Djepsen.seconds=N} sets the fault period, {@code -Djepsen.seed=S} the clients' and nemesis' seed.
 */
package io.drover.it.jepsen;
