package io.drover.it.jepsen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Histories generated from a real sequential execution of registers are linearizable however their windows overlap;
 * corrupting one read of a fully sequential history is always caught.
 */
class LinearizabilityPropertiesTest {
  private static final Register ZERO = new Register(0, 0);
  private static final List<String> KEYS = List.of("a", "b", "c");

  /**
   * Runs {@code count} random operations one after another (operation i takes effect at time 100 i) and records each
   * with a window around that instant of up to {@code maxSkew} either side. Some writes are recorded INFO (the client
   * gave up, yet they took effect); some INFO writes never take effect at all; {@code withInfo} false records none.
   */
  private static List<Op> sequentialExecution(Random rnd, int count, int maxSkew, boolean withInfo) {
    Map<String, Register> state = new HashMap<>();
    List<Op> ops = new ArrayList<>();
    long nextValue = 1;
    for (int i = 0; i < count; i++) {
      long at = 100L * i + 10_000;
      long invoke = at - (maxSkew == 0 ? 0 : rnd.nextInt(maxSkew + 1));
      long complete = at + (maxSkew == 0 ? 0 : rnd.nextInt(maxSkew + 1));
      String key = KEYS.get(rnd.nextInt(KEYS.size()));
      int process = rnd.nextInt(6);
      Register s = state.getOrDefault(key, ZERO);
      int kind = rnd.nextInt(withInfo ? 12 : 9);
      if (kind < 4) {
        ops.add(Op.read(process, key, s, Op.Outcome.OK, invoke, complete));
      } else if (kind < 7) {
        long value = nextValue++;
        boolean matches = rnd.nextBoolean();
        long expected = matches ? s.version() : s.version() + 1 + rnd.nextInt(3);
        Op.Outcome outcome = matches ? Op.Outcome.OK : Op.Outcome.FAIL;
        if (matches) state.put(key, s.written(value));
        if (withInfo && matches && rnd.nextInt(3) == 0) outcome = Op.Outcome.INFO;
        ops.add(Op.cas(process, key, expected, value, outcome, invoke, complete));
      } else if (kind < 9) {
        long value = nextValue++;
        state.put(key, s.written(value));
        boolean info = withInfo && rnd.nextInt(3) == 0;
        ops.add(Op.write(process, key, value, info ? Op.UNKNOWN_VERSION : s.version() + 1,
            info ? Op.Outcome.INFO : Op.Outcome.OK, invoke, complete));
      } else {
        // An INFO write that never took effect.
        ops.add(Op.write(process, key, nextValue++, Op.UNKNOWN_VERSION, Op.Outcome.INFO, invoke, complete));
      }
    }
    return ops;
  }

  @Property(tries = 1000)
  void sequentialExecutionsWithRandomOverlapAreLinearizable(@ForAll long seed, @ForAll @IntRange(min = 0, max = 120) int count,
                                                            @ForAll @IntRange(min = 0, max = 400) int maxSkew) {
    List<Op> history = new ArrayList<>(sequentialExecution(new Random(seed), count, maxSkew, true));
    Collections.shuffle(history, new Random(seed + 1));
    assertThat(Linearizability.check(history, ZERO)).isInstanceOf(Verdict.Linearizable.class);
  }

  @Property(tries = 300)
  void aCorruptedReadInASequentialHistoryIsCaught(@ForAll long seed, @ForAll @IntRange(min = 1, max = 120) int count) {
    Random rnd = new Random(seed);
    List<Op> history = new ArrayList<>(sequentialExecution(rnd, count, 0, false));
    List<Integer> reads = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) if (history.get(i).kind() == Op.Kind.READ) reads.add(i);
    Assume.that(!reads.isEmpty());
    int victim = reads.get(rnd.nextInt(reads.size()));
    Op read = history.get(victim);
    Register wrong = switch (rnd.nextInt(3)) {
      case 0 -> new Register(read.value() + 1 + rnd.nextInt(50), read.version());
      case 1 -> new Register(read.value(), read.version() + 1 + rnd.nextInt(3));
      default -> new Register(read.value(), read.version() > 0 ? read.version() - 1 : read.version() + 2);
    };
    history.set(victim, Op.read(read.process(), read.key(), wrong, Op.Outcome.OK, read.invokeNs(), read.completeNs()));
    Verdict v = Linearizability.check(history, ZERO);
    assertThat(v).as("corrupted %s into %s", read, wrong).isInstanceOf(Verdict.NotLinearizable.class);
    assertThat(((Verdict.NotLinearizable) v).key()).isEqualTo(read.key());
  }
}
