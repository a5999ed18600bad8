package io.drover.it.jepsen;

/** The outcome of a linearizability check. */
public sealed interface Verdict {
  /** Every key's history has a linearization; {@code opsChecked} operations took part. */
  record Linearizable(int opsChecked) implements Verdict {}

  /** No linearization exists for {@code key}; {@code explanation} shows the ops around where the search got stuck. */
  record NotLinearizable(String key, String explanation) implements Verdict {}

  /** The search hit its bound (operations or time) before deciding. */
  record Unknown(String reason) implements Verdict {}
}
