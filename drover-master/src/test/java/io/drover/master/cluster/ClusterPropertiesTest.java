package io.drover.master.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.common.mesos.TaskState;
import io.drover.common.resources.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random command sequences (agents come and go, frameworks subscribe, disconnect and resubscribe, accept valid,
 * stale and oversized launches, tasks end, time passes) never break the core's promises: no offer id repeats, an
 * agent's outstanding offers plus live tasks never exceed its total (so nothing is offered twice or launched
 * beyond capacity), the allocator agrees with the core's offers and tasks, and every task has exactly one state.
 * Agents hold scalars only, so sums are exact overlap checks.
 */
class ClusterPropertiesTest {

  @Provide
  Arbitrary<List<Integer>> steps() {
    return Arbitraries.integers().between(0, 1_000_000).list().ofMinSize(10).ofMaxSize(150);
  }

  @Property(tries = 300)
  void randomSequencesKeepTheInvariants(@ForAll("steps") List<Integer> steps) {
    Sim sim = new Sim();
    sim.run(steps);
    Statistics.label("launched").collect(sim.launchedResources.isEmpty() ? "none" : "some");
    Statistics.label("unreachable").collect(sim.sawUnreachable);
    Statistics.label("task errors").collect(sim.sawTaskError);
  }

  private static final class Sim {
    final Harness h = new Harness();
    final List<String> agents = new ArrayList<>();
    final List<String> frameworks = new ArrayList<>();
    final Map<String, String> streams = new HashMap<>();
    final Map<String, Boolean> partitionAware = new HashMap<>();
    final Set<String> offerIdsSeen = new HashSet<>();
    final List<String> offerHistory = new ArrayList<>();
    final Map<String, Resources> launchedResources = new HashMap<>();
    boolean sawUnreachable;
    boolean sawTaskError;
    long now = 0;
    int taskCounter = 0;
    int streamCounter = 0;

    void run(List<Integer> steps) {
      registerAgent(3);
      registerAgent(6);
      subscribeNew(0);
      subscribeNew(1);
      for (int v : steps) {
        now += 100;
        int kind = v % 17;
        int p = v / 17;
        List<Effect> out = step(kind, p);
        check(out);
      }
    }

    private List<Effect> step(int kind, int p) {
      return switch (kind) {
        case 0 -> agents.size() >= 4 ? List.of() : registerAgent(p);
        case 1 -> frameworks.size() >= 3 ? List.of() : subscribeNew(p);
        case 2, 3 -> h.run(new Command.Allocate(now));
        case 4, 5, 6 -> accept(p);
        case 7 -> decline(p);
        case 8, 9 -> statusUpdate(p);
        case 10 -> {
          now += p % 3 == 0 ? 80_000 : 1000L * (1 + p % 40);
          yield h.run(new Command.Tick(now));
        }
        case 11 -> {
          List<Effect> out = new ArrayList<>();
          for (String a : agents) { // all agents answer, but sometimes one stays silent
            if (p % 4 != 0 || !a.equals(pick(agents, p))) out.addAll(h.run(new Command.AgentPing(a, now)));
          }
          yield out;
        }
        case 12 -> kill(p);
        case 13 -> disconnect(p);
        case 14 -> resubscribe(p);
        case 15 -> reregister(p);
        case 16 -> p % 5 == 0 && !frameworks.isEmpty() ? teardown(p) : p % 7 == 0 && !agents.isEmpty()
            ? h.run(new Command.MarkAgentGone(pick(agents, p), now)) : List.of();
        default -> throw new IllegalStateException("kind " + kind);
      };
    }

    private static <T> T pick(List<T> list, int p) { return list.get(p % list.size()); }

    private List<Effect> registerAgent(int p) {
      String r = "cpus:" + (1 + p % 4) + ";mem:" + (256 * (1 + p % 8));
      List<Effect> out = h.run(new Command.RegisterAgent(Harness.agentInfo("h" + agents.size(), r), now));
      agents.add(((Effect.SendToAgent) out.get(out.size() - 1)).agentId());
      return out;
    }

    private List<Effect> subscribeNew(int p) {
      boolean pa = p % 2 == 0;
      String stream = "s" + streamCounter++;
      List<Effect> out = h.run(new Command.Subscribe(Harness.info(null, pa, p % 3 * 20.0), stream, Set.of(), now));
      String id = ((FrameworkEvent.Subscribed) ((Effect.SendToFramework) out.get(0)).event()).frameworkId();
      frameworks.add(id);
      streams.put(id, stream);
      partitionAware.put(id, pa);
      return out;
    }

    private List<Effect> accept(int p) {
      if (frameworks.isEmpty()) return List.of();
      List<Offer> live = h.core.offers();
      String fw;
      List<String> offerIds = new ArrayList<>();
      String agentId;
      if (!live.isEmpty() && p % 5 != 0) {
        Offer o = pick(live, p);
        fw = o.frameworkId();
        offerIds.add(o.offerId());
        agentId = o.agentId();
        if (p % 7 == 0) { // aggregate a second offer when there is one on the same agent
          live.stream().filter(x -> x != o && x.frameworkId().equals(o.frameworkId())).findFirst()
              .ifPresent(x -> offerIds.add(x.offerId()));
        }
      } else if (!offerHistory.isEmpty()) { // a stale or foreign offer
        fw = pick(frameworks, p);
        offerIds.add(pick(offerHistory, p / 3));
        agentId = agents.isEmpty() ? "none" : pick(agents, p);
      } else {
        return List.of();
      }
      List<TaskInfo> tasks = new ArrayList<>();
      for (int i = 0; i <= p % 3; i++) {
        String id = p % 11 == 0 && taskCounter > 0 ? "t" + (taskCounter - 1) : "t" + taskCounter++;
        Resources r = Resources.scalars("cpus", 100L * (1 + (p / 3 + i) % 20), "mem", 32_000L * (1 + (p / 5) % 16));
        tasks.add(TaskInfo.command(id, agentId, r, "x"));
      }
      return h.run(new Command.Accept(fw, offerIds, tasks, (p % 4) * 2.0, now));
    }

    private List<Effect> decline(int p) {
      List<Offer> live = h.core.offers();
      if (live.isEmpty()) return List.of();
      Offer o = pick(live, p);
      return h.run(new Command.Decline(o.frameworkId(), List.of(o.offerId()), p % 3, now));
    }

    private List<Effect> statusUpdate(int p) {
      List<Task> tasks = h.core.tasks();
      if (tasks.isEmpty()) return List.of();
      Task t = pick(tasks, p);
      TaskState[] states = {TaskState.TASK_RUNNING, TaskState.TASK_FINISHED, TaskState.TASK_FAILED,
          TaskState.TASK_KILLED};
      return h.run(new Command.StatusUpdate(t.frameworkId(),
          Harness.fromAgent(t.taskId(), states[p % states.length], t.agentId(), now), now));
    }

    private List<Effect> kill(int p) {
      if (frameworks.isEmpty()) return List.of();
      List<Task> tasks = h.core.tasks();
      if (tasks.isEmpty() || p % 4 == 0) {
        return h.run(new Command.Kill(pick(frameworks, p), "nope", null, now));
      }
      Task t = pick(tasks, p);
      return h.run(new Command.Kill(t.frameworkId(), t.taskId(), t.agentId(), now));
    }

    private List<Effect> disconnect(int p) {
      if (frameworks.isEmpty()) return List.of();
      String fw = pick(frameworks, p);
      return h.run(new Command.Disconnect(fw, streams.get(fw), now));
    }

    private List<Effect> resubscribe(int p) {
      if (frameworks.isEmpty()) return List.of();
      String fw = pick(frameworks, p);
      String stream = "s" + streamCounter++;
      streams.put(fw, stream);
      return h.run(new Command.Subscribe(Harness.info(fw, partitionAware.get(fw), p % 3 * 20.0), stream, Set.of(),
          now));
    }

    private List<Effect> teardown(int p) {
      return h.run(new Command.Teardown(pick(frameworks, p), now));
    }

    private List<Effect> reregister(int p) {
      if (agents.isEmpty()) return List.of();
      String agent = pick(agents, p);
      AgentInfo info = h.core.agentInfos().get(agent);
      List<ReportedTask> reported = new ArrayList<>();
      for (Task t : h.core.tasks()) {
        if (t.agentId().equals(agent) && p % 3 != 0) { // sometimes the agent lost its tasks
          reported.add(new ReportedTask(t.frameworkId(), t.taskId(), t.name(), t.role(), t.resources(),
              TaskState.TASK_RUNNING));
        }
      }
      return h.run(new Command.ReregisterAgent(agent, info, reported, now));
    }

    private void check(List<Effect> out) {
      for (Effect e : out) {
        if (e instanceof Effect.SendToFramework s && s.event() instanceof FrameworkEvent.Offers o) {
          for (Offer offer : o.offers()) {
            assertThat(offerIdsSeen.add(offer.offerId())).as("offer id %s repeated", offer.offerId()).isTrue();
            offerHistory.add(offer.offerId());
          }
        }
        if (e instanceof Effect.PersistRegistry r && r.change().status() == AgentStatus.UNREACHABLE) {
          sawUnreachable = true;
        }
        if (e instanceof Effect.SendToFramework s && s.event() instanceof FrameworkEvent.Update u
            && u.status().state() == TaskState.TASK_ERROR) {
          sawTaskError = true;
        }
        if (e instanceof Effect.SendToAgent s && s.message() instanceof AgentMessage.LaunchTask l) {
          launchedResources.put(l.frameworkId() + "/" + l.task().taskId(), l.task().resources());
        }
      }
      // every task has exactly one state, and live tasks are not terminal
      List<Task> tasks = h.core.tasks();
      Set<String> keys = new HashSet<>();
      for (Task t : tasks) {
        assertThat(keys.add(t.frameworkId() + "/" + t.taskId())).isTrue();
        assertThat(t.state().isTerminal()).as("live task %s in %s", t.taskId(), t.state()).isFalse();
        assertThat(t.latestStatus().state()).isEqualTo(t.state());
      }
      assertThat(h.core.completedTasks()).allSatisfy(t -> assertThat(t.state().isTerminal()).isTrue());
      for (String agent : agents) {
        Resources offered = Resources.EMPTY;
        for (Offer o : h.core.offers()) if (o.agentId().equals(agent)) offered = offered.plus(o.resources());
        Resources used = Resources.EMPTY;
        Resources launched = Resources.EMPTY;
        for (Task t : tasks) {
          if (!t.agentId().equals(agent)) continue;
          used = used.plus(t.resources());
          Resources l = launchedResources.get(t.frameworkId() + "/" + t.taskId());
          if (l != null) launched = launched.plus(l);
        }
        Resources total = h.core.agentInfos().get(agent).resources();
        AgentStatus status = h.core.agentStatus(agent).orElseThrow();
        if (status == AgentStatus.REGISTERED) {
          assertThat(h.core.allocator().agentOffered(agent)).isEqualTo(offered);
          assertThat(h.core.allocator().agentUsed(agent)).isEqualTo(used);
          assertThat(total.contains(offered.plus(used))).as("agent %s over-committed", agent).isTrue();
          assertThat(total.contains(launched)).as("agent %s launched beyond its total", agent).isTrue();
        } else {
          assertThat(offered).isEqualTo(Resources.EMPTY);
          assertThat(h.core.allocator().agentIds()).doesNotContain(agent);
        }
      }
    }
  }
}
