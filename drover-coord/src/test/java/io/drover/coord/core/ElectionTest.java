package io.drover.coord.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.coord.core.PeerMessage.Notification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FastLeaderElection rules on server 1 of 3 voters and an observer (4). */
final class ElectionTest {
  private static final ZabConfig CONFIG = ZabConfig.of(1,
      Map.of(1L, Role.VOTER, 2L, Role.VOTER, 3L, Role.VOTER, 4L, Role.OBSERVER), 2_000, 10, 5);
  private final List<Effect> sent = new ArrayList<>();
  private final Election election = new Election(CONFIG, sent::add);

  @BeforeEach
  void lookForLeader() {
    election.start(0, new Vote(1, 5, 1));
  }

  private static Notification looking(long leader, long zxid, long round, long peerEpoch) {
    return new Notification(ServerState.LOOKING, leader, zxid, round, peerEpoch);
  }

  @Test
  void startNotifiesEveryOtherVoterButNotObservers() {
    assertThat(election.logicalClock()).isEqualTo(1);
    assertThat(sent).extracting(e -> ((Effect.Send) e).to()).containsExactly(2L, 3L);
  }

  @Test
  void aBetterVoteIsAdoptedAndDecidedAfterFinalizeWait() {
    sent.clear();
    assertThat(election.onNotification(10, 3, looking(3, 5, 1, 1))).isNull();
    assertThat(election.proposal()).isEqualTo(new Vote(3, 5, 1));
    assertThat(sent).hasSize(2); // re-notified with the new proposal
    assertThat(election.onTick(100)).as("quorum agrees, but finalizeWait has not passed").isNull();
    assertThat(election.onTick(210)).isEqualTo(new Election.Decision(new Vote(3, 5, 1), 1));
  }

  @Test
  void aQuorumDecidesAtOnceWhenTheOtherVoterIsUnreachable() {
    assertThat(election.peerUnreachable(5, 3)).as("our own vote is no quorum").isNull();
    assertThat(election.onNotification(10, 2, looking(1, 5, 1, 1)))
        .as("2 agrees and 3 cannot be sending a better vote: no finalizeWait")
        .isEqualTo(new Election.Decision(new Vote(1, 5, 1), 1));
  }

  @Test
  void anUnreachableReportAfterTheQuorumAgreedDecidesAtOnce() {
    assertThat(election.onNotification(10, 2, looking(1, 5, 1, 1))).isNull();
    assertThat(election.peerUnreachable(20, 4)).as("observers have no vote to wait for").isNull();
    assertThat(election.peerUnreachable(30, 3)).isEqualTo(new Election.Decision(new Vote(1, 5, 1), 1));
  }

  @Test
  void hearingFromAPeerAgainOrANewRoundForgetsThatItWasUnreachable() {
    election.peerUnreachable(5, 3);
    election.heardFrom(3);
    assertThat(election.onNotification(10, 2, looking(1, 5, 1, 1))).as("3 may still vote").isNull();
    assertThat(election.onTick(100)).isNull();
    assertThat(election.onTick(210)).isEqualTo(new Election.Decision(new Vote(1, 5, 1), 1));

    election.peerUnreachable(300, 3);
    election.start(310, new Vote(1, 5, 1));
    assertThat(election.onNotification(320, 2, looking(1, 5, 2, 1))).as("a new round waits for 3 again").isNull();
    assertThat(election.onTick(530)).isEqualTo(new Election.Decision(new Vote(1, 5, 1), 2));
  }

  @Test
  void aBetterVoteDuringFinalizeWaitRestartsIt() {
    List<Effect> out = new ArrayList<>();
    Map<Long, Role> voters = Map.of(1L, Role.VOTER, 2L, Role.VOTER, 3L, Role.VOTER, 4L, Role.VOTER, 5L, Role.VOTER);
    Election five = new Election(ZabConfig.of(1, voters, 2_000, 10, 5), out::add);
    five.start(0, new Vote(1, 5, 1));
    five.onNotification(10, 2, looking(1, 5, 1, 1));
    five.onNotification(10, 3, looking(1, 5, 1, 1)); // 1, 2 and 3 agree on 1: a quorum
    assertThat(five.onNotification(150, 4, looking(4, 9, 1, 1))).isNull();
    five.onNotification(160, 2, looking(4, 9, 1, 1)); // 1, 2 and 4 agree on 4 since 160
    assertThat(five.onTick(215)).as("1's quorum is gone").isNull();
    assertThat(five.onTick(350)).isNull();
    assertThat(five.onTick(365)).isEqualTo(new Election.Decision(new Vote(4, 9, 1), 1));
  }

  @Test
  void onceEveryVoterVotedInTheRoundNoBetterVoteCanComeAndTheQuorumDecidesAtOnce() {
    election.onNotification(10, 2, looking(1, 5, 1, 1)); // 1 and 2 agree on 1: a quorum, finalizeWait runs
    assertThat(election.onNotification(150, 3, looking(3, 9, 1, 1)))
        .as("every voter's vote is in: 3's is the best there is, and 1 and 3 agree on it")
        .isEqualTo(new Election.Decision(new Vote(3, 9, 1), 1));
  }

  @Test
  void aHigherRoundResetsTheClockAndAnOlderRoundIsIgnored() {
    election.onNotification(10, 2, looking(2, 1, 7, 0)); // worse vote, later round
    assertThat(election.logicalClock()).isEqualTo(7);
    assertThat(election.proposal()).isEqualTo(new Vote(1, 5, 1)); // ours stays: it beats theirs
    election.onNotification(20, 3, looking(3, 99, 6, 9));
    assertThat(election.proposal()).as("older round ignored").isEqualTo(new Vote(1, 5, 1));
  }

  @Test
  void anEstablishedLeaderIsJoinedOnceAQuorumFollowsItAndItSaysLeading() {
    Notification following = new Notification(ServerState.FOLLOWING, 3, 4, 9, 1);
    assertThat(election.onNotification(10, 2, following)).isNull(); // 3 has not said LEADING yet
    Notification leading = new Notification(ServerState.LEADING, 3, 4, 9, 1);
    assertThat(election.onNotification(20, 3, leading)).isEqualTo(new Election.Decision(new Vote(3, 4, 1), 9));
    assertThat(election.logicalClock()).isEqualTo(9);
  }

  @Test
  void unansweredNotificationsAreResentWithDoublingBackoff() {
    sent.clear();
    List<Long> resentAt = new ArrayList<>();
    for (long t = 0; t <= 5_000; t += 50) {
      int before = sent.size();
      election.onTick(t);
      if (sent.size() > before) resentAt.add(t);
    }
    assertThat(resentAt).containsExactly(200L, 600L, 1_400L, 3_000L);
  }
}
