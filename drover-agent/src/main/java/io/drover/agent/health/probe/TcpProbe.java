package io.drover.agent.health.probe;

import io.drover.agent.health.ProbeResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** Healthy iff a TCP connection to {@code host:port} is established within the timeout; it is closed at once. */
public final class TcpProbe implements Probe {
  private final String host;
  private final int port;

  public TcpProbe(String host, int port) {
    this.host = host;
    this.port = port;
  }

  @Override public ProbeResult run(long timeoutMs) throws InterruptedException {
    int connectTimeoutMs = (int) Math.min(timeoutMs, Integer.MAX_VALUE); // 0: no limit, as for Socket.connect
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), connectTimeoutMs);
      return new ProbeResult.Passed("connected to " + host + ":" + port);
    } catch (SocketTimeoutException e) {
      return new ProbeResult.TimedOut(timeoutMs);
    } catch (IOException e) {
      if (Thread.interrupted()) throw new InterruptedException("TCP probe of " + host + ":" + port + " interrupted");
      return new ProbeResult.Failed("cannot connect to " + host + ":" + port + ": " + e.getMessage());
    }
  }
}
