package io.drover.master.ha;

import static io.drover.master.ha.LeadershipGuard.Action.CONTEND;
import static io.drover.master.ha.LeadershipGuard.Action.EXIT;
import static io.drover.master.ha.LeadershipGuard.Action.NONE;
import static io.drover.master.ha.LeadershipGuard.State.AWAITING_RECONNECT;
import static io.drover.master.ha.LeadershipGuard.State.CONTENDING;
import static io.drover.master.ha.LeadershipGuard.State.EXITED;
import static io.drover.master.ha.LeadershipGuard.State.LEADING;
import static io.drover.master.ha.LeadershipGuard.State.SUSPENDED_LEADER;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.master.ha.LeadershipGuard.Transition;
import io.drover.master.ha.MasterContender.CandidacyLost;
import io.drover.master.ha.MasterContender.Cause;
import io.drover.master.ha.MasterContender.Elected;
import io.drover.master.ha.MasterContender.Event;
import io.drover.master.ha.MasterContender.SessionReconnected;
import io.drover.master.ha.MasterContender.SessionSuspended;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The decision table of {@link LeadershipGuard#next}; the wiring is exercised against real servers elsewhere. */
class LeadershipGuardTest {
  private static final Event ELECTED = new Elected("json.info_0000000000");
  private static final Event SUSPENDED = new SessionSuspended();
  private static final Event RECONNECTED = new SessionReconnected();

  private static Event lost(boolean wasLeader, Cause cause) {
    return new CandidacyLost("json.info_0000000000", wasLeader, cause);
  }

  @Test void electionMakesALeader() {
    assertThat(LeadershipGuard.next(CONTENDING, ELECTED)).isEqualTo(new Transition(LEADING, NONE));
  }

  @Test void suspendedLeaderStopsActingAtOnceAndResumesOnlyWhenReconfirmed() {
    assertThat(LeadershipGuard.next(LEADING, SUSPENDED)).isEqualTo(new Transition(SUSPENDED_LEADER, NONE));
    // Reconnection alone is not enough: the contender must find its znode still lowest and say Elected again.
    assertThat(LeadershipGuard.next(SUSPENDED_LEADER, RECONNECTED)).isEqualTo(new Transition(SUSPENDED_LEADER, NONE));
    assertThat(LeadershipGuard.next(SUSPENDED_LEADER, ELECTED)).isEqualTo(new Transition(LEADING, NONE));
  }

  @ParameterizedTest @EnumSource(Cause.class)
  void leaderThatLosesItsCandidacyExits(Cause cause) {
    assertThat(LeadershipGuard.next(LEADING, lost(true, cause))).isEqualTo(new Transition(EXITED, EXIT));
    assertThat(LeadershipGuard.next(SUSPENDED_LEADER, lost(true, cause))).isEqualTo(new Transition(EXITED, EXIT));
    // Even if the contender had not yet reported the election to the guard.
    assertThat(LeadershipGuard.next(CONTENDING, lost(true, cause))).isEqualTo(new Transition(EXITED, EXIT));
  }

  @Test void followerJustContendsAgain() {
    assertThat(LeadershipGuard.next(CONTENDING, SUSPENDED)).isEqualTo(new Transition(CONTENDING, NONE));
    assertThat(LeadershipGuard.next(CONTENDING, lost(false, Cause.SESSION_LOST)))
        .isEqualTo(new Transition(AWAITING_RECONNECT, NONE));
    assertThat(LeadershipGuard.next(AWAITING_RECONNECT, RECONNECTED)).isEqualTo(new Transition(CONTENDING, CONTEND));
    assertThat(LeadershipGuard.next(CONTENDING, lost(false, Cause.NODE_DELETED)))
        .isEqualTo(new Transition(CONTENDING, CONTEND));
    assertThat(LeadershipGuard.next(CONTENDING, RECONNECTED)).isEqualTo(new Transition(CONTENDING, NONE));
  }

  @Test void exitedIsTerminalSoTheExitActionRunsOnce() {
    for (Event e : new Event[] {ELECTED, SUSPENDED, RECONNECTED, lost(true, Cause.SESSION_LOST)}) {
      assertThat(LeadershipGuard.next(EXITED, e)).isEqualTo(new Transition(EXITED, NONE));
    }
  }
}
