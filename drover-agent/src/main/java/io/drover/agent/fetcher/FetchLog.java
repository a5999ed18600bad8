package io.drover.agent.fetcher;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fetcher's log in the sandbox's {@code stderr} (appended; the container's own stderr follows), in glog's
 * format as {@code mesos-fetcher} writes it: {@code I0102 15:04:05.123456 fetcher.cpp] Fetching URI '...'}. Each line
 * also goes to the agent's log. A line that cannot be written is reported to the agent's log; the fetch goes on.
 */
final class FetchLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Fetcher.class);
  private static final DateTimeFormatter GLOG = DateTimeFormatter.ofPattern("MMdd HH:mm:ss.SSSSSS");

  private final String containerId;
  private final BufferedWriter out;

  private FetchLog(String containerId, BufferedWriter out) {
    this.containerId = containerId;
    this.out = out;
  }

  static FetchLog open(String containerId, Path sandbox) throws IOException {
    return new FetchLog(containerId, Files.newBufferedWriter(sandbox.resolve("stderr"), StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE));
  }

  void info(String message) {
    LOG.info("container {}: {}", containerId, message);
    write('I', message);
  }

  void warn(String message) {
    LOG.warn("container {}: {}", containerId, message);
    write('W', message);
  }

  void error(String message) {
    LOG.warn("container {}: {}", containerId, message);
    write('E', message);
  }

  private void write(char severity, String message) {
    try {
      out.write(severity + GLOG.format(ZonedDateTime.now(ZoneId.systemDefault())) + " fetcher.cpp] " + message);
      out.newLine();
      out.flush();
    } catch (IOException e) {
      LOG.warn("container {}: writing the fetcher log to the sandbox's stderr failed", containerId, e);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
