package io.drover.it.jepsen;

import static io.drover.it.jepsen.Op.Outcome.FAIL;
import static io.drover.it.jepsen.Op.Outcome.INFO;
import static io.drover.it.jepsen.Op.Outcome.OK;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Known linearizable and non-linearizable register histories (times in abstract units). */
class LinearizabilityTest {
  private static final Register ZERO = new Register(0, 0);

  private static Op read(int p, long value, long version, long from, long to) {
    return Op.read(p, "k", new Register(value, version), OK, from, to);
  }

  private static Verdict check(Op... ops) { return Linearizability.check(List.of(ops), ZERO); }

  @Test
  void sequentialWritesCasAndReadsAreLinearizable() {
    assertThat(check(
        Op.write(1, "k", 5, 1, OK, 0, 1),
        read(2, 5, 1, 2, 3),
        Op.cas(1, "k", 1, 6, OK, 4, 5),
        Op.cas(2, "k", 1, 7, FAIL, 6, 7),
        read(2, 6, 2, 8, 9))).isInstanceOf(Verdict.Linearizable.class);
  }

  @Test
  void aReadConcurrentWithAWriteMaySeeEitherState() {
    Op write = Op.write(1, "k", 5, 1, OK, 0, 10);
    assertThat(check(write, read(2, 0, 0, 1, 2), read(3, 5, 1, 3, 4))).isInstanceOf(Verdict.Linearizable.class);
    // ... but not new then old: once a read saw the write, a later read cannot see the state before it.
    Verdict v = check(write, read(2, 5, 1, 1, 2), read(3, 0, 0, 3, 4));
    assertThat(v).isInstanceOf(Verdict.NotLinearizable.class);
  }

  @Test
  void staleReadAfterAnAcknowledgedWriteIsCaughtAndExplained() {
    Verdict v = check(
        Op.write(1, "k", 5, 1, OK, 0, 1),
        read(2, 0, 0, 2, 3));
    assertThat(v).isInstanceOf(Verdict.NotLinearizable.class);
    String explanation = ((Verdict.NotLinearizable) v).explanation();
    assertThat(((Verdict.NotLinearizable) v).key()).isEqualTo("k");
    assertThat(explanation).contains("register then: (value 5, version 1)").contains("read -> (value 0, version 0)")
        .contains("p1 k write 5");
  }

  @Test
  void lostAcknowledgedCasIsCaught() {
    // The CAS was acknowledged, yet a later read sees the version before it as if it never happened.
    assertThat(check(
        Op.cas(1, "k", 0, 9, OK, 0, 1),
        read(2, 0, 0, 5, 6))).isInstanceOf(Verdict.NotLinearizable.class);
  }

  @Test
  void twoCasOnTheSameVersionCannotBothSucceed() {
    assertThat(check(
        Op.cas(1, "k", 0, 7, OK, 0, 10),
        Op.cas(2, "k", 0, 8, OK, 0, 10))).isInstanceOf(Verdict.NotLinearizable.class);
    // One of them failing is fine, in either order.
    assertThat(check(
        Op.cas(1, "k", 0, 7, OK, 0, 10),
        Op.cas(2, "k", 0, 8, FAIL, 0, 10))).isInstanceOf(Verdict.Linearizable.class);
  }

  @Test
  void aWriteReturningTheWrongVersionIsCaught() {
    assertThat(check(Op.write(1, "k", 5, 3, OK, 0, 1))).isInstanceOf(Verdict.NotLinearizable.class);
  }

  @Test
  void anInfoWriteMayTakeEffectLongAfterItsClientGaveUp() {
    // The client timed out at 1; the write landed between 10 and 11 (reads before saw 0, after saw 5).
    assertThat(check(
        Op.write(1, "k", 5, Op.UNKNOWN_VERSION, INFO, 0, 1),
        read(2, 0, 0, 8, 9),
        read(2, 5, 1, 12, 13))).isInstanceOf(Verdict.Linearizable.class);
  }

  @Test
  void anInfoWriteMayNeverTakeEffect() {
    assertThat(check(
        Op.write(1, "k", 5, Op.UNKNOWN_VERSION, INFO, 0, 1),
        Op.cas(2, "k", 0, 6, OK, 2, 3),
        read(2, 6, 1, 4, 5))).isInstanceOf(Verdict.Linearizable.class);
  }

  @Test
  void anInfoWriteCannotTakeEffectBeforeItWasInvoked() {
    assertThat(check(
        read(2, 5, 1, 0, 1),
        Op.write(1, "k", 5, Op.UNKNOWN_VERSION, INFO, 2, 3))).isInstanceOf(Verdict.NotLinearizable.class);
  }

  @Test
  void anInfoWriteTakesEffectAtMostOnce() {
    // Value 5 appears at version 1 and, after 6 overwrote it, again at version 3: one write cannot do both.
    assertThat(check(
        Op.write(1, "k", 5, Op.UNKNOWN_VERSION, INFO, 0, 1),
        read(2, 5, 1, 2, 3),
        Op.write(2, "k", 6, 2, OK, 4, 5),
        read(2, 5, 3, 6, 7))).isInstanceOf(Verdict.NotLinearizable.class);
  }

  @Test
  void anInfoCasAppliesOnlyOnItsExpectedVersion() {
    assertThat(check(
        Op.cas(1, "k", 0, 5, INFO, 0, 1),
        read(2, 5, 1, 2, 3))).isInstanceOf(Verdict.Linearizable.class);
    assertThat(check(
        Op.write(2, "k", 4, 1, OK, 0, 1),
        Op.cas(1, "k", 0, 5, INFO, 2, 3),
        read(2, 5, 2, 4, 5))).isInstanceOf(Verdict.NotLinearizable.class);
  }

  @Test
  void failedAndInfoReadsConstrainNothing() {
    assertThat(check(
        Op.write(1, "k", 5, 1, OK, 0, 1),
        Op.read(2, "k", new Register(42, 42), FAIL, 2, 3),
        Op.read(3, "k", new Register(43, 43), INFO, 2, 3))).isInstanceOf(Verdict.Linearizable.class);
  }

  @Test
  void keysAreCheckedIndependentlyFromTheirOwnInitialState() {
    List<Op> ops = List.of(
        Op.read(1, "a", new Register(0, 0), OK, 0, 1),
        Op.read(1, "b", new Register(7, 3), OK, 0, 1),
        Op.write(2, "b", 8, 4, OK, 2, 3));
    assertThat(Linearizability.check(ops, Map.of("b", new Register(7, 3)), ZERO, Linearizability.Budget.DEFAULT))
        .isEqualTo(new Verdict.Linearizable(3));
    Verdict v = Linearizability.check(ops, ZERO);
    assertThat(v).isInstanceOf(Verdict.NotLinearizable.class);
    assertThat(((Verdict.NotLinearizable) v).key()).isEqualTo("b");
  }

  @Test
  void theBoundsGiveUnknownRatherThanRunForever() {
    List<Op> many = new ArrayList<>();
    // Every info write's value is read at an impossible version: the search must try every order of info writes.
    for (int i = 0; i < 20; i++) many.add(Op.write(i, "k", i, Op.UNKNOWN_VERSION, INFO, 0, 1));
    for (int i = 0; i < 20; i++) many.add(read(99, i, 1000, 2, 3));
    Verdict tooMany = Linearizability.check(many, Map.of(), ZERO, new Linearizability.Budget(30, Duration.ofSeconds(5), 100_000));
    assertThat(tooMany).isInstanceOf(Verdict.Unknown.class);
    assertThat(((Verdict.Unknown) tooMany).reason()).contains("exceed the bound of 30");
    Verdict tooBig = Linearizability.check(many, Map.of(), ZERO, new Linearizability.Budget(100, Duration.ofSeconds(5), 100_000));
    assertThat(tooBig).isInstanceOf(Verdict.Unknown.class);
    assertThat(((Verdict.Unknown) tooBig).reason()).contains("configurations");
  }

  @Test
  void manyInfoWritesNobodyReadStayCheap() {
    // 200 unknown writes nobody read: interchangeable, so the search tries one order, not 2^200 subsets; yet their
    // version bumps still count: two of them must have applied before the read at version 2.
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < 200; i++) ops.add(Op.write(i, "k", 1000 + i, Op.UNKNOWN_VERSION, INFO, 0, 1));
    ops.add(Op.write(500, "k", 7, 3, OK, 2, 3));
    ops.add(read(501, 7, 3, 4, 5));
    assertThat(Linearizability.check(ops, Map.of(), ZERO, new Linearizability.Budget(1000, Duration.ofSeconds(10), 10_000_000)))
        .isInstanceOf(Verdict.Linearizable.class);
    ops.add(read(502, 7, 1, 6, 7));
    assertThat(Linearizability.check(ops, Map.of(), ZERO, new Linearizability.Budget(1000, Duration.ofSeconds(10), 10_000_000)))
        .isInstanceOf(Verdict.NotLinearizable.class);
  }
}
