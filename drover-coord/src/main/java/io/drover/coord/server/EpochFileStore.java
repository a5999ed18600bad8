package io.drover.coord.server;

import io.drover.coord.core.EpochStore;
import io.drover.coord.storage.EpochFiles;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The core's {@link EpochStore} over the durable epoch files. A failed write throws {@link UncheckedIOException}: the
 * loop stops the server, since a peer that cannot persist its epochs must not vote or acknowledge.
 */
final class EpochFileStore implements EpochStore {
  private final EpochFiles files;

  EpochFileStore(EpochFiles files) { this.files = files; }

  @Override public long acceptedEpoch() { return files.accepted(); }

  @Override public long currentEpoch() { return files.current(); }

  @Override public void setAcceptedEpoch(long epoch) {
    try {
      files.setAccepted(epoch);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot persist acceptedEpoch " + epoch, e);
    }
  }

  @Override public void setCurrentEpoch(long epoch) {
    try {
      files.setCurrent(epoch);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot persist currentEpoch " + epoch, e);
    }
  }
}
