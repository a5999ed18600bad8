package io.drover.common.arch.pure_fixture;

import io.drover.common.random.Rng;
import io.drover.common.time.Clock;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything here is allowed in a pure package: injected time and randomness, seeded Random, memory I/O, logging. */
public final class PureCore {
  private static final Logger LOG = LoggerFactory.getLogger(PureCore.class);
  private final Clock clock;
  private final Rng rng;
  private final ConcurrentHashMap<String, AtomicLong> counters = new ConcurrentHashMap<>();

  public PureCore(Clock clock, Rng rng) {
    this.clock = clock;
    this.rng = rng;
  }

  long deadlineMs(long timeoutMs) { return clock.monoMillis() + timeoutMs; }

  void shuffle(List<String> xs, long seed) { Collections.shuffle(xs, new Random(seed)); }

  int pick(int n) { return rng.nextInt(n); }

  int readInt(byte[] bytes) throws IOException { return new DataInputStream(new ByteArrayInputStream(bytes)).readInt(); }

  byte[] digest(String s) throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
  }

  String host(String uri) { return URI.create(uri).getHost(); }

  ByteBuffer frame(int len) { return ByteBuffer.allocate(len); }

  long count(String key) {
    long n = counters.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    LOG.debug("count {} = {}", key, n);
    return n;
  }
}
