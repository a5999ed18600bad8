package io.drover.common.arch.impure_fixture;

import java.security.SecureRandom;

public final class UsesSecureRandom {
  long seed() { return new SecureRandom().nextLong(); }
}
