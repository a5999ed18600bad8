package io.drover.apps.service;

import io.drover.apps.store.Category;
import io.drover.apps.store.StoreException;
import io.drover.apps.store.ValueCodec;
import io.drover.apps.store.VersionedRepository;
import io.drover.apps.store.ZkValueStore;
import io.drover.master.api.v1.FrameworkID;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The framework id Mesos assigned, kept in the {@code framework-id} category (Marathon's
 * {@code FrameworkIdRepository}) under the single id {@link #ID}, as the UTF-8 text of the id. A new leader reads it
 * and subscribes with it, so the framework (and its tasks) fails over instead of being registered anew. Writes are
 * fenced: only the leader stores.
 */
public final class FrameworkIdStore {
  /** The one id in the category, as in Marathon. */
  public static final String ID = "id";

  private final VersionedRepository<String> repository;

  public FrameworkIdStore(ZkValueStore store, String stateRoot) {
    this.repository = new VersionedRepository<>(store, stateRoot, Category.FRAMEWORK_ID, new ValueCodec<>() {
      @Override public byte[] encode(String value) { return value.getBytes(StandardCharsets.UTF_8); }

      @Override public String decode(byte[] bytes) { return new String(bytes, StandardCharsets.UTF_8); }
    });
  }

  public Optional<FrameworkID> get() throws StoreException, InterruptedException {
    return repository.get(ID).filter(s -> !s.isBlank()).map(FrameworkID::new);
  }

  /** @throws io.drover.apps.store.StoreFencedException if this instance does not lead */
  public void put(FrameworkID id) throws StoreException, InterruptedException {
    repository.put(ID, id.value());
  }

  /** Forgets the id (the framework was removed: the next subscription registers a new one). */
  public void delete() throws StoreException, InterruptedException {
    repository.delete(ID);
  }
}
