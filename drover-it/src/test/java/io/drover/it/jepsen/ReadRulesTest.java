package io.drover.it.jepsen;

import static io.drover.it.jepsen.Op.Outcome.FAIL;
import static io.drover.it.jepsen.Op.Outcome.INFO;
import static io.drover.it.jepsen.Op.Outcome.OK;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link StaleReadRule} and {@link LostWrites}: what ZooKeeper may do passes, what it may not is caught. */
class ReadRulesTest {
  private static final Register ZERO = new Register(0, 0);

  private static Op read(int p, long value, long version, long from, long to) {
    return Op.read(p, "k", new Register(value, version), OK, from, to);
  }

  private static Verdict checkWidened(Op... ops) {
    return Linearizability.check(StaleReadRule.widen(List.of(ops)), ZERO);
  }

  @Test
  void aReadStaleWithRespectToAnotherSessionIsAllowed() {
    // p2's server had not applied p1's write yet: fine for ZooKeeper, not linearizable in real time.
    Op[] ops = {Op.write(1, "k", 5, 1, OK, 0, 1), read(2, 0, 0, 2, 3)};
    assertThat(Linearizability.check(List.of(ops), ZERO)).isInstanceOf(Verdict.NotLinearizable.class);
    assertThat(checkWidened(ops)).isInstanceOf(Verdict.Linearizable.class);
  }

  @Test
  void aReadOlderThanWritesFinishedBeforeTheSessionsOwnLastWriteIsCaught() {
    // p3's write finished before p1 wrote; p1's later read must include both, so (0, 0) is impossible.
    Op other = Op.write(3, "k", 5, 1, OK, 0, 1);
    Op own = Op.write(1, "j", 6, 1, OK, 2, 3);
    assertThat(checkWidened(other, own, read(1, 0, 0, 4, 5))).isInstanceOf(Verdict.NotLinearizable.class);
    // Without the session's own write the read may be stale.
    assertThat(checkWidened(other, read(1, 0, 0, 4, 5))).isInstanceOf(Verdict.Linearizable.class);
    // A failed or unknown write of its own does not move the floor.
    assertThat(checkWidened(other, Op.cas(1, "j", 3, 6, FAIL, 2, 3), read(1, 0, 0, 4, 5)))
        .isInstanceOf(Verdict.Linearizable.class);
  }

  @Test
  void aReadOlderThanTheSessionsOwnWriteIsCaughtByMonotonicity() {
    // The widened window alone allows it (the write's commit may lie anywhere in its window); rule 2 does not.
    List<Op> history = List.of(Op.write(1, "k", 5, 1, OK, 0, 1), read(1, 0, 0, 2, 3));
    assertThat(StaleReadRule.monotonic(history)).singleElement().asString().contains("session p1 went back in time");
  }

  @Test
  void writesStayLinearizableAndReadsOfUnwrittenValuesAreCaught() {
    assertThat(checkWidened(Op.cas(1, "k", 0, 5, OK, 0, 1), Op.cas(2, "k", 0, 6, OK, 2, 3)))
        .isInstanceOf(Verdict.NotLinearizable.class);
    assertThat(checkWidened(read(2, 77, 1, 2, 3))).isInstanceOf(Verdict.NotLinearizable.class);
  }

  @Test
  void aReadCannotSeeAWriteBeforeItWasInvoked() {
    assertThat(checkWidened(read(2, 5, 1, 0, 1), Op.write(1, "k", 5, 1, OK, 2, 3)))
        .isInstanceOf(Verdict.NotLinearizable.class);
  }

  @Test
  void aSessionGoingBackInTimeIsCaught() {
    assertThat(StaleReadRule.monotonic(List.of(
        Op.write(1, "k", 5, 1, OK, 0, 1), read(2, 5, 1, 2, 3), read(2, 0, 0, 4, 5))))
        .singleElement().asString().contains("session p2 went back in time on k");
    assertThat(StaleReadRule.monotonic(List.of(Op.cas(1, "k", 0, 5, OK, 0, 1), read(1, 0, 0, 2, 3)))).hasSize(1);
    assertThat(StaleReadRule.monotonic(List.of(read(2, 5, 1, 2, 3), read(3, 0, 0, 4, 5), read(2, 6, 2, 6, 7)))).isEmpty();
  }

  @Test
  void lostAcknowledgedWritesAreCaught() {
    List<Op> history = List.of(
        Op.write(1, "k", 5, 1, OK, 0, 1),
        Op.cas(2, "k", 1, 6, OK, 2, 3),
        Op.write(3, "k", 7, Op.UNKNOWN_VERSION, INFO, 4, 5),
        Op.cas(2, "k", 1, 8, FAIL, 6, 7));
    assertThat(LostWrites.check(history, Map.of("k", new Register(6, 2)), ZERO)).isEmpty();
    assertThat(LostWrites.check(history, Map.of("k", new Register(7, 3)), ZERO)).isEmpty();
    assertThat(LostWrites.check(history, Map.of("k", new Register(5, 1)), ZERO))
        .anyMatch(v -> v.contains("acknowledged writes were lost"));
    assertThat(LostWrites.check(history, Map.of("k", new Register(8, 3)), ZERO))
        .anyMatch(v -> v.contains("never written"));
    assertThat(LostWrites.check(history, Map.of("k", new Register(6, 3)), ZERO))
        .anyMatch(v -> v.contains("produced version 2"));
    assertThat(LostWrites.check(history, Map.of("k", new Register(7, 4)), ZERO)).anyMatch(v -> v.contains("exceeds"));
  }
}
