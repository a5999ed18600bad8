package io.drover.apps.model;

import java.util.List;
import java.util.Optional;

/** An artifact the fetcher puts into the sandbox before the task starts. */
public record FetchUri(String uri, boolean executable, boolean extract, boolean cache, Optional<String> destPath) {
  private static final List<String> ARCHIVES = List.of(".tgz", ".tar.gz", ".tbz2", ".tar.bz2", ".txz", ".tar.xz", ".zip");

  /** A fetch entry with Marathon's defaults: not executable, extracted, not cached. */
  public static FetchUri of(String uri) { return new FetchUri(uri, false, true, false, Optional.empty()); }

  /** Legacy {@code uris}: extract only recognised archives (Marathon's {@code FetchUri.isExtract}). */
  public static FetchUri fromLegacyUri(String uri) {
    return new FetchUri(uri, false, isExtract(uri), false, Optional.empty());
  }

  public static boolean isExtract(String uri) { return ARCHIVES.stream().anyMatch(uri::endsWith); }
}
