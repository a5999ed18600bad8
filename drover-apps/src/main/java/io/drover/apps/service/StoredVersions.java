package io.drover.apps.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.apps.model.AppDefinition;
import io.drover.apps.model.AppJson;
import io.drover.apps.model.Group;
import io.drover.apps.model.Parsed;
import io.drover.apps.model.PathId;
import io.drover.apps.model.Timestamp;
import io.drover.apps.store.Category;
import io.drover.apps.store.StoreException;
import io.drover.apps.store.VersionedRepository;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@link AppsBackend.Versions} read from the store's versioned {@code apps} and {@code group} repositories. */
final class StoredVersions implements AppsBackend.Versions {
  private final AppsStore store;

  StoredVersions(AppsStore store) { this.store = store; }

  @Override public List<Timestamp> appVersions(PathId appId) {
    return newestFirst(read(() -> store.apps().versions(appId.toString())));
  }

  @Override public Optional<AppDefinition> app(PathId appId, Timestamp version) {
    Optional<JsonNode> node = read(() -> store.apps().get(appId.toString(), version.toString()));
    return node.flatMap(n -> AppJson.parse(n, PathId.ROOT, Optional.of(appId), AppDefinition.DEFAULT_ROLE)
        instanceof Parsed.Ok<AppDefinition> ok ? Optional.of(ok.value()) : Optional.empty());
  }

  @Override public List<Timestamp> rootVersions() {
    return newestFirst(read(() -> store.groups().versions(Category.ROOT_GROUP_ID)));
  }

  @Override public Optional<Group> root(Timestamp version) {
    return read(() -> store.groups().get(Category.ROOT_GROUP_ID, version.toString())).map(StateCodec::group);
  }

  private static List<Timestamp> newestFirst(List<String> versions) {
    return versions.stream().map(Timestamp::parse).flatMap(Optional::stream)
        .sorted(Comparator.reverseOrder()).toList();
  }

  private interface StoreRead<T> {
    T get() throws StoreException, InterruptedException;
  }

  private static <T> T read(StoreRead<T> r) {
    try {
      return r.get();
    } catch (StoreException e) {
      throw new IllegalStateException("reading stored versions failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading stored versions", e);
    }
  }
}
