package io.drover.coord.core;

/** Outcome of {@link ZabPeer#propose}. */
public sealed interface ProposeResult {
  record Accepted(long zxid) implements ProposeResult {}

  record Refused(String reason) implements ProposeResult {}
}
