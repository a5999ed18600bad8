package io.drover.agent.fetcher;

import java.util.Objects;
import java.util.Optional;

/**
 * One Mesos {@code CommandInfo.URI}: what the fetcher puts into a task's sandbox before the task starts.
 *
 * @param value an {@code http://}, {@code https://} or {@code file://} URI, or an absolute path
 * @param executable chmod the fetched file to 0755 (and do not extract it); proto default false
 * @param extract extract a recognised archive into the sandbox; proto default true
 * @param cache asks for Mesos' fetcher cache; Drover has none and always fetches directly, as Mesos does without one
 * @param outputFile the file's path relative to the sandbox; empty: the URI's last path segment
 */
public record FetchUri(String value, boolean executable, boolean extract, boolean cache, Optional<String> outputFile) {
  public FetchUri {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(outputFile, "outputFile");
  }

  /** A URI with the proto defaults: not executable, extracted, not cached, named after the URI. */
  public static FetchUri of(String value) {
    return new FetchUri(value, false, true, false, Optional.empty());
  }

  public FetchUri withExecutable(boolean e) {
    return new FetchUri(value, e, extract, cache, outputFile);
  }

  public FetchUri withExtract(boolean e) {
    return new FetchUri(value, executable, e, cache, outputFile);
  }

  public FetchUri withOutputFile(String file) {
    return new FetchUri(value, executable, extract, cache, Optional.of(file));
  }
}
