package io.drover.common.time;

enum SystemClock implements Clock {
  INSTANCE;

  @Override public long wallMillis() { return System.currentTimeMillis(); }

  @Override public long monoNanos() { return System.nanoTime(); }
}
