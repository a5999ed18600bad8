package io.drover.it.jepsen;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on a loopback port that forwards to one target and injects network faults: {@link #partition} (drop the
 * existing connections, then refuse or black-hole new ones), {@link #heal}, and {@link #delay} (every forwarded chunk
 * is held back that long, order kept). One proxy carries one directed link: connections opened by A towards B.
 *
 * <p>Each connection runs four virtual threads (a reader and a writer per direction) joined by a bounded queue of
 * chunks. An I/O error on either side ends the connection, as a broken network path would; that is the proxy's job,
 * not an error, so it is logged at debug level only. {@link #close} frees the port and every thread.
 */
public final class FaultProxy implements AutoCloseable {
  /** What a partitioned proxy does with new connections: close them at once, or accept and never forward a byte. */
  public enum PartitionMode { REFUSE, BLACKHOLE }

  /**
   * Rewrites the first message a connecting side sends, before anything else is forwarded: reads exactly that message
   * from {@code in} (unbuffered) and returns the bytes to send upstream instead. Used where a protocol advertises an
   * address the peer would connect back to, which must be a proxy too, or the link could not be cut.
   */
  @FunctionalInterface
  public interface Handshake {
    byte[] rewrite(DataInputStream in) throws IOException;
  }

  private static final Logger log = LoggerFactory.getLogger(FaultProxy.class);
  private static final int CHUNK_BYTES = 16 * 1024;
  private static final int QUEUE_CHUNKS = 64;
  private static final int CONNECT_TIMEOUT_MS = 2000;

  private final String name;
  private final InetSocketAddress target;
  private final ServerSocket server;
  private final Thread acceptor;
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final Set<Socket> blackholed = ConcurrentHashMap.newKeySet();
  private volatile PartitionMode partitioned;
  private volatile long delayNs;
  private volatile boolean closed;
  private volatile Handshake handshake;

  private FaultProxy(String name, InetSocketAddress target, ServerSocket server) {
    this.name = name;
    this.target = target;
    this.server = server;
    this.acceptor = Thread.ofVirtual().name("proxy-" + name + "-accept").unstarted(this::acceptLoop);
  }

  /** Listens on a free loopback port and forwards to {@code target}. */
  public static FaultProxy start(String name, InetSocketAddress target) throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    FaultProxy proxy = new FaultProxy(name, target, server);
    proxy.acceptor.start();
    return proxy;
  }

  public int port() { return server.getLocalPort(); }

  /** Rewrites the first message of every connection accepted from now on (see {@link Handshake}). */
  public void handshake(Handshake rewrite) { this.handshake = rewrite; }

  public String name() { return name; }

  /** Cuts the link: existing connections are reset, new ones refused or black-holed until {@link #heal}. */
  public void partition(PartitionMode mode) {
    partitioned = mode;
    for (Connection c : connections) c.close();
  }

  /** Restores the link; black-holed connections are closed (their bytes are gone), so peers reconnect afresh. */
  public void heal() {
    partitioned = null;
    for (Socket s : blackholed) closeQuietly(s);
    blackholed.clear();
  }

  /** Holds every chunk forwarded from now on for {@code delay} (zero: forward at once). */
  public void delay(Duration delay) { delayNs = delay.toNanos(); }

  public boolean isPartitioned() { return partitioned != null; }

  /** Connections currently forwarding (not counting black-holed ones). */
  public int openConnections() { return connections.size(); }

  @Override public void close() {
    closed = true;
    closeQuietly(server);
    for (Connection c : connections) c.close();
    heal();
    try {
      acceptor.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        if (!closed) log.warn("proxy {} stopped accepting", name, e);
        return;
      }
      PartitionMode mode = partitioned;
      if (mode == PartitionMode.REFUSE) {
        reset(client);
      } else if (mode == PartitionMode.BLACKHOLE) {
        blackhole(client);
      } else {
        Thread.ofVirtual().name("proxy-" + name + "-connect").start(() -> connect(client));
      }
    }
  }

  private void blackhole(Socket client) {
    blackholed.add(client);
    Thread.ofVirtual().name("proxy-" + name + "-blackhole").start(() -> {
      byte[] sink = new byte[CHUNK_BYTES];
      try (InputStream in = client.getInputStream()) {
        while (in.read(sink) >= 0) {
          // discard: a black hole drops every byte
        }
      } catch (IOException e) {
        log.debug("proxy {}: black-holed connection ended", name, e);
      } finally {
        blackholed.remove(client);
        closeQuietly(client);
      }
    });
  }

  private void connect(Socket client) {
    Socket upstream = new Socket();
    try {
      upstream.connect(target, CONNECT_TIMEOUT_MS);
    } catch (IOException e) {
      log.debug("proxy {}: target {} unreachable", name, target, e);
      closeQuietly(upstream);
      reset(client);
      return;
    }
    Connection c = new Connection(client, upstream, handshake);
    connections.add(c);
    // A partition that began while connecting must not let this connection through.
    if (partitioned != null || closed) {
      c.close();
      return;
    }
    c.start();
  }

  /** A chunk of bytes and when it may be written; an empty chunk marks end of stream. */
  private record Chunk(byte[] bytes, long dueNs) {}

  private final class Connection {
    private final Socket client;
    private final Socket upstream;
    private final List<Thread> threads;
    private final AtomicInteger finishedDirections = new AtomicInteger();
    private volatile boolean ended;

    Connection(Socket client, Socket upstream, Handshake handshake) {
      this.client = client;
      this.upstream = upstream;
      BlockingQueue<Chunk> toUpstream = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
      BlockingQueue<Chunk> toClient = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
      this.threads = List.of(
          Thread.ofVirtual().name("proxy-" + name + "-read-c").unstarted(() -> read(client, toUpstream, handshake)),
          Thread.ofVirtual().name("proxy-" + name + "-write-u").unstarted(() -> write(toUpstream, upstream)),
          Thread.ofVirtual().name("proxy-" + name + "-read-u").unstarted(() -> read(upstream, toClient, null)),
          Thread.ofVirtual().name("proxy-" + name + "-write-c").unstarted(() -> write(toClient, client)));
    }

    void start() { threads.forEach(Thread::start); }

    private void read(Socket from, BlockingQueue<Chunk> queue, Handshake handshake) {
      byte[] buf = new byte[CHUNK_BYTES];
      try {
        InputStream in = from.getInputStream();
        if (handshake != null) queue.put(new Chunk(handshake.rewrite(new DataInputStream(in)), System.nanoTime() + delayNs));
        int n;
        while ((n = in.read(buf)) >= 0) {
          if (n > 0) queue.put(new Chunk(Arrays.copyOf(buf, n), System.nanoTime() + delayNs));
        }
        queue.put(new Chunk(new byte[0], System.nanoTime() + delayNs));
      } catch (IOException e) {
        ended("read", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void write(BlockingQueue<Chunk> queue, Socket to) {
      try {
        OutputStream out = to.getOutputStream();
        while (!ended) {
          Chunk chunk = queue.take();
          long waitNs;
          while ((waitNs = chunk.dueNs() - System.nanoTime()) > 0 && !ended) LockSupport.parkNanos(waitNs);
          if (chunk.bytes().length == 0) {
            to.shutdownOutput();
            if (finishedDirections.incrementAndGet() == 2) close();
            return;
          }
          out.write(chunk.bytes());
          out.flush();
        }
      } catch (IOException e) {
        ended("write", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void ended(String where, IOException e) {
      if (!ended) log.debug("proxy {}: connection ended on {}", name, where, e);
      close();
    }

    void close() {
      if (ended) return;
      ended = true;
      connections.remove(this);
      reset(client);
      reset(upstream);
      threads.forEach(Thread::interrupt);
    }
  }

  /** Closes with an RST (linger 0), the way a broken path looks to the peer. */
  private static void reset(Socket s) {
    try {
      if (!s.isClosed()) s.setSoLinger(true, 0);
    } catch (SocketException e) {
      log.debug("could not set linger before reset", e);
    }
    closeQuietly(s);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.debug("close failed", e);
    }
  }
}
