package io.drover.common.arch.impure_fixture;

import java.util.UUID;

public final class UsesRandomUuid {
  UUID id() { return UUID.randomUUID(); }
}
