package io.drover.bench.zk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Leader detection: parsing {@code srvr} and deciding when an ensemble has settled on one leader. */
class FourLetterWordTest {
  private static final String LEADER_SRVR = """
      Zookeeper version: 3.9.5-1234abcd, built on 2025-10-01 10:00 UTC
      Latency min/avg/max: 0/0.5/12
      Received: 120
      Sent: 119
      Connections: 2
      Outstanding: 0
      Zxid: 0x100000003
      Mode: leader
      Node count: 6
      Proposal sizes last/min/max: 48/48/120
      """;

  @Test void readsTheModeLineOfSrvr() {
    assertThat(FourLetterWord.mode(LEADER_SRVR)).contains(FourLetterWord.Mode.LEADER);
    assertThat(FourLetterWord.mode(LEADER_SRVR.replace("Mode: leader", "Mode: follower")))
        .contains(FourLetterWord.Mode.FOLLOWER);
    assertThat(FourLetterWord.mode("Mode: observer\r\n")).contains(FourLetterWord.Mode.OBSERVER);
    assertThat(FourLetterWord.mode("Zxid: 0x0\nMode: standalone\nNode count: 5\n")).contains(FourLetterWord.Mode.STANDALONE);
    assertThat(FourLetterWord.mode("Mode: read-only\n")).contains(FourLetterWord.Mode.READ_ONLY);
  }

  @Test void aServerThatIsNotServingOrSaysSomethingElseHasNoMode() {
    assertThat(FourLetterWord.mode("This ZooKeeper instance is not currently serving requests\n")).isEmpty();
    assertThat(FourLetterWord.mode("Mode: looking\n")).isEmpty();
    assertThat(FourLetterWord.mode("srvr is not executed because it is not in the whitelist.\n")).isEmpty();
    assertThat(FourLetterWord.mode("")).isEmpty();
  }

  @Test void theLeaderIsSettledOnlyWhenExactlyOneLeadsAndTheRestFollow() {
    assertThat(RunningEnsemble.settledLeader(modes(FourLetterWord.Mode.FOLLOWER, FourLetterWord.Mode.LEADER,
        FourLetterWord.Mode.FOLLOWER))).contains(2);
    assertThat(RunningEnsemble.settledLeader(modes(FourLetterWord.Mode.FOLLOWER, FourLetterWord.Mode.LEADER, null)))
        .as("a member still electing").isEmpty();
    assertThat(RunningEnsemble.settledLeader(modes(FourLetterWord.Mode.LEADER, FourLetterWord.Mode.LEADER,
        FourLetterWord.Mode.FOLLOWER))).as("two leaders").isEmpty();
    assertThat(RunningEnsemble.settledLeader(modes(FourLetterWord.Mode.FOLLOWER, FourLetterWord.Mode.FOLLOWER)))
        .as("no leader").isEmpty();
  }

  @Test void afterAKillTheTwoSurvivorsSettleWithoutTheDeadMember() {
    Map<Integer, Optional<FourLetterWord.Mode>> m = new LinkedHashMap<>();
    m.put(1, Optional.of(FourLetterWord.Mode.LEADER));
    m.put(3, Optional.of(FourLetterWord.Mode.FOLLOWER));
    assertThat(RunningEnsemble.settledLeader(m)).contains(1);
  }

  private static Map<Integer, Optional<FourLetterWord.Mode>> modes(FourLetterWord.Mode... modes) {
    Map<Integer, Optional<FourLetterWord.Mode>> m = new LinkedHashMap<>();
    for (int i = 0; i < modes.length; i++) m.put(i + 1, Optional.ofNullable(modes[i]));
    return m;
  }
}
