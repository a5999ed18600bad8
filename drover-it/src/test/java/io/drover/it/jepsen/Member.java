package io.drover.it.jepsen;

/**
 * One server of an ensemble as some server sees it: its id, whether it is an observer, and the loopback ports to reach
 * its client, quorum and election endpoints. A server's view of itself has its real ports; its view of the others has
 * the ports of the {@link FaultProxy} links it reaches them through.
 */
public record Member(int id, boolean observer, int clientPort, int quorumPort, int electionPort) {
  Member via(int quorumProxyPort, int electionProxyPort) {
    return new Member(id, observer, clientPort, quorumProxyPort, electionProxyPort);
  }

  /** {@code 127.0.0.1:quorum:election[:observer]}, the address form both ZooKeeper's zoo.cfg and {@code --peers} use. */
  String peerAddress() {
    return "127.0.0.1:" + quorumPort + ":" + electionPort + (observer ? ":observer" : "");
  }
}
