package io.drover.it.jepsen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Linearizability checker for histories of ZooKeeper registers ({@link Register}): the Wing–Gong search with the
 * memoization of Lowe / Knossos' WGL / Porcupine — a (set of linearized operations, register state) pair seen once is
 * never explored again.
 *
 * <p>Linearizability is compositional (P-compositionality), so the history is split per key and each key is checked on
 * its own. Before the search, FAIL operations (certainly did not happen) and INFO reads (no observed result) are
 * dropped; INFO writes are open-ended: they may be linearized anywhere after their invoke, or never. A key's history is
 * linearizable when every OK operation can be placed.
 *
 * <p>The search is bounded by the number of operations per key and a wall-clock budget for the whole check; past
 * either bound the verdict is {@link Verdict.Unknown}, never a guess.
 */
public final class Linearizability {
  /**
   * Bounds of one check. {@code maxCacheBytes} bounds the memo of one key's search: each explored configuration keeps a
   * bit per operation of the key, so a key with n operations may explore about maxCacheBytes / (n / 8 + 64) of them.
   */
  public record Budget(int maxOpsPerKey, Duration timeBudget, long maxCacheBytes) {
    public static final Budget DEFAULT = new Budget(50_000, Duration.ofSeconds(60), 256L << 20);

    int maxCacheEntries(int ops) { return (int) Math.min(Integer.MAX_VALUE, Math.max(1, maxCacheBytes / (ops / 8 + 64))); }
  }

  private Linearizability() {}

  /** Checks {@code history}; a key absent from {@code initial} starts as {@code defaultInitial}. */
  public static Verdict check(List<Op> history, Map<String, Register> initial, Register defaultInitial, Budget budget) {
    Map<String, List<Op>> byKey = new LinkedHashMap<>();
    for (Op op : history) byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
    long originNs = history.stream().mapToLong(Op::invokeNs).min().orElse(0);
    long deadlineNs = System.nanoTime() + budget.timeBudget().toNanos();
    int checked = 0;
    List<String> unknown = new ArrayList<>();
    for (Map.Entry<String, List<Op>> e : byKey.entrySet()) {
      List<Op> ops = e.getValue().stream().filter(Linearizability::takesPart).toList();
      if (ops.size() > budget.maxOpsPerKey()) {
        unknown.add(e.getKey() + ": " + ops.size() + " operations exceed the bound of " + budget.maxOpsPerKey());
        continue;
      }
      Register start = initial.getOrDefault(e.getKey(), defaultInitial);
      Verdict v = new WglSearch(ops, start, deadlineNs, budget.maxCacheEntries(ops.size()), originNs).run();
      switch (v) {
        case Verdict.Linearizable l -> checked += l.opsChecked();
        case Verdict.NotLinearizable n -> { return new Verdict.NotLinearizable(e.getKey(), n.explanation()); }
        case Verdict.Unknown u -> unknown.add(e.getKey() + ": " + u.reason());
      }
    }
    return unknown.isEmpty() ? new Verdict.Linearizable(checked) : new Verdict.Unknown(String.join("; ", unknown));
  }

  /** {@link #check} with every key starting at {@code defaultInitial} and the default budget. */
  public static Verdict check(List<Op> history, Register defaultInitial) {
    return check(history, Map.of(), defaultInitial, Budget.DEFAULT);
  }

  private static boolean takesPart(Op op) {
    return switch (op.outcome()) {
      case OK -> true;
      case FAIL -> false;
      case INFO -> op.isWrite();
    };
  }
}
