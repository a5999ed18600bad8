package io.drover.it.jepsen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The "no lost acknowledged write" check, independent of the linearizability search: given each key's final register
 * (read once the ensemble is healed and quiet), every acknowledged write must still be there or have been overwritten
 * by a later one. With unique values and every write bumping the version by one this means, per key:
 * <ul>
 *   <li>the final version is at least the number of OK writes and CAS (each of them added one), and at most that plus
 *       the INFO ones (which may or may not have applied);
 *   <li>the final value was written by some OK or INFO write (or is the initial value, when nothing applied);
 *   <li>when that write was acknowledged, the final version is the one it produced.
 * </ul>
 */
public final class LostWrites {
  private LostWrites() {}

  /** Violations, one line each; empty when nothing acknowledged was lost. */
  public static List<String> check(List<Op> history, Map<String, Register> finalState, Register initial) {
    List<String> violations = new ArrayList<>();
    Map<String, List<Op>> byKey = new HashMap<>();
    for (Op op : history) if (op.isWrite()) byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
    for (Map.Entry<String, Register> e : finalState.entrySet()) {
      String key = e.getKey();
      Register last = e.getValue();
      List<Op> writes = byKey.getOrDefault(key, List.of());
      long ok = writes.stream().filter(w -> w.outcome() == Op.Outcome.OK).count();
      long info = writes.stream().filter(w -> w.outcome() == Op.Outcome.INFO).count();
      if (last.version() < initial.version() + ok) {
        violations.add(key + ": final version " + last.version() + " but " + ok + " writes were acknowledged since version "
            + initial.version() + " — acknowledged writes were lost");
      }
      if (last.version() > initial.version() + ok + info) {
        violations.add(key + ": final version " + last.version() + " exceeds the " + (ok + info) + " writes that may have applied");
      }
      List<Op> writers = writes.stream().filter(w -> w.value() == last.value() && w.outcome() != Op.Outcome.FAIL).toList();
      if (writers.isEmpty() && !last.equals(initial)) {
        violations.add(key + ": final value " + last.value() + " was never written by an OK or INFO write");
      }
      for (Op w : writers) {
        if (w.outcome() != Op.Outcome.OK) continue;
        long produced = w.kind() == Op.Kind.CAS ? w.version() + 1 : w.version();
        if (produced != Op.UNKNOWN_VERSION && produced != last.version()) {
          violations.add(key + ": final " + last + " but the acknowledged write of that value produced version " + produced);
        }
      }
    }
    return violations;
  }
}
