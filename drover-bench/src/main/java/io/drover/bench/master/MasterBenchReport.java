package io.drover.bench.master;

import io.drover.bench.MarkedSection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Markdown for the master-bench section of docs/benchmarks.md. Each part owns a sub-block between its own markers
 * inside the section, so a run of some parts ({@code --parts launch}) replaces those and keeps the others' last
 * results. Pure text in, text out.
 */
public final class MasterBenchReport {
  /** The goals of issue 3. */
  public static final double ALLOCATION_GOAL_MS = 100;
  public static final int ALLOCATION_GOAL_AGENTS = 10_000;
  public static final int ALLOCATION_GOAL_FRAMEWORKS = 100;
  public static final double FAILOVER_GOAL_MS = 5_000;
  public static final int FAILOVER_GOAL_AGENTS = 1_000;

  /** The parts of {@code drover-bench master}, in the order they run and appear. */
  public enum Part { allocation, launch, failover }

  /**
   * Where and how a part ran.
   *
   * @param loadAverage the one-minute load average when the part started; negative if unknown
   */
  public record RunInfo(String date, int cores, String os, String jvm, double loadAverage, String command) {}

  private MasterBenchReport() {}

  static String startMarker(Part p) { return "<!-- master-bench:" + p + ":start -->"; }

  static String endMarker(Part p) { return "<!-- master-bench:" + p + ":end -->"; }

  /**
   * The section body between {@code start} and {@code end} of {@code document}, without the marker lines; empty when
   * the document has no such section.
   */
  public static Optional<String> sectionBody(String document, String start, String end) {
    int s = document.indexOf(start);
    if (s < 0) return Optional.empty();
    int e = document.indexOf(end, s + start.length());
    if (e < 0) throw new IllegalArgumentException("found " + start + " but no " + end + " after it");
    String body = document.substring(s + start.length(), e);
    return Optional.of(body.startsWith("\n") ? body.substring(1) : body);
  }

  /**
   * {@code body} with {@code part}'s block replaced by {@code markdown} (added in part order when absent, so a first
   * full run lays the parts out as allocation, launch, failover).
   */
  public static String withPart(String body, Part part, String markdown) {
    if (body.contains(startMarker(part))) return MarkedSection.replace(body, startMarker(part), endMarker(part), markdown);
    String block = startMarker(part) + "\n" + (markdown.endsWith("\n") ? markdown : markdown + "\n") + endMarker(part)
        + "\n";
    for (Part later : Part.values()) {
      if (later.ordinal() <= part.ordinal()) continue;
      int at = body.indexOf(startMarker(later));
      if (at >= 0) return body.substring(0, at) + block + "\n" + body.substring(at);
    }
    String sep = body.isEmpty() || body.endsWith("\n\n") ? "" : body.endsWith("\n") ? "\n" : "\n\n";
    return body + sep + block;
  }

  static String runLine(RunInfo run) {
    String load = run.loadAverage() < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", run.loadAverage());
    return String.format(Locale.ROOT, "Run %s on %d cores (%s), %s; load average %s when the part started. "
        + "Command: `%s`.%n", run.date(), run.cores(), run.os(), run.jvm(), load, run.command());
  }

  public static String allocation(List<AllocationBench.Result> results, int cycles, int warmupCycles, int roles,
      RunInfo run) {
    StringBuilder sb = new StringBuilder("#### Allocation cycle\n\n").append(runLine(run)).append('\n');
    sb.append(String.format(Locale.ROOT, "%d measured cycles per row after %d warm-up, frameworks spread over %d "
        + "roles, every offer declined without a filter.%n%n", cycles, warmupCycles, roles));
    sb.append("| agents | frameworks | offers per cycle | p50 ms | p99 ms | max ms |\n");
    sb.append("|---:|---:|---:|---:|---:|---:|\n");
    AllocationBench.Result goalRow = null;
    for (AllocationBench.Result r : results) {
      sb.append(String.format(Locale.ROOT, "| %,d | %,d | %,d | %.1f | %.1f | %.1f |%n", r.shape().agents(),
          r.shape().frameworks(), r.offers(), r.p50Ms(), r.p99Ms(), r.maxMs()));
      if (r.shape().agents() == ALLOCATION_GOAL_AGENTS && r.shape().frameworks() == ALLOCATION_GOAL_FRAMEWORKS) {
        goalRow = r;
      }
    }
    sb.append('\n');
    if (goalRow == null) {
      sb.append("Goal (< 100 ms at 10,000 agents × 100 frameworks): not measured in this run.\n");
    } else {
      sb.append(String.format(Locale.ROOT, "Goal (< %.0f ms at 10,000 agents × 100 frameworks): %s (p99 %.1f ms).%n",
          ALLOCATION_GOAL_MS, goalRow.p99Ms() < ALLOCATION_GOAL_MS ? "**met**" : "**not met**", goalRow.p99Ms()));
    }
    return sb.toString();
  }

  public static String launch(LaunchLatencyBench.Result result, RunInfo run) {
    StringBuilder sb = new StringBuilder("#### Offer to TASK_RUNNING (process tasks)\n\n").append(runLine(run))
        .append('\n');
    sb.append(String.format(Locale.ROOT, "One real agent (process containerizer, `--resources %s`), tasks running "
        + "`%s`, launched in sequential rounds: a round puts its batch on one offer and ends when every task of it "
        + "is RUNNING. Latency per task, from the OFFERS event reaching the scheduler to that task's TASK_RUNNING "
        + "update reaching it.%n%n", result.settings().agentResources(), LaunchLatencyBench.TASK_COMMAND));
    sb.append("| tasks per offer | tasks | offers used | p50 ms | p90 ms | p99 ms | max ms |\n");
    sb.append("|---:|---:|---:|---:|---:|---:|---:|\n");
    for (LaunchLatencyBench.Mode m : result.modes()) {
      LatencySummary l = m.latency();
      sb.append(String.format(Locale.ROOT, "| %d | %d | %d | %.1f | %.1f | %.1f | %.1f |%n", m.batchSize(), m.tasks(),
          m.rounds(), l.p50Ms(), l.p90Ms(), l.p99Ms(), l.maxMs()));
    }
    return sb.toString();
  }

  public static String failover(FailoverBench.Result r, RunInfo run) {
    FailoverBench.Settings s = r.settings();
    StringBuilder sb = new StringBuilder("#### Agent re-registration after master failover\n\n").append(runLine(run))
        .append('\n');
    sb.append(String.format(Locale.ROOT, "%,d simulated agents (protocol clients, %d running tasks each reported on "
        + "re-registration, registration backoff %d ms like the real agent's), two masters; the leader is closed "
        + "and the clock starts.%n%n", s.agents(), s.tasksPerAgent(), s.backoffMs()));
    sb.append("| measured from the crash | ms |\n|---|---:|\n");
    sb.append(String.format(Locale.ROOT, "| second master elected and serving (registry recovered) | %.0f |%n",
        r.electedMs()));
    sb.append(String.format(Locale.ROOT, "| agents saw the first master's stream end: p50 / max | %.0f / %.0f |%n",
        r.streamEndedMs().p50Ms(), r.streamEndedMs().maxMs()));
    LatencySummary p = r.perAgentMs();
    sb.append(String.format(Locale.ROOT, "| an agent re-registered: p50 / p90 / p99 | %.0f / %.0f / %.0f |%n",
        p.p50Ms(), p.p90Ms(), p.p99Ms()));
    sb.append(String.format(Locale.ROOT, "| **all %,d agents re-registered** (as the new leader counts them) | **%.0f** |%n",
        s.agents(), r.allReregisteredMs()));
    sb.append('\n');
    sb.append(String.format(Locale.ROOT, "The new leader then knew %,d tasks. During the failover the agents got %d "
        + "`503` answers (leader not serving yet), followed %d redirects and had %d failed connections. "
        + "The first master's close() took %.0f ms. First registration of all agents with the first master took "
        + "%.0f ms (not part of the measurement).%n%n", r.tasksOnNewLeader(), r.unavailableAnswers(), r.redirects(),
        r.connectFailures(), r.closeMs(), r.initialRegistrationMs()));
    if (s.agents() < FAILOVER_GOAL_AGENTS) {
      sb.append("Goal (1,000 agents re-registered within 5 s): not measured in this run (fewer agents).\n");
    } else {
      sb.append(String.format(Locale.ROOT, "Goal (1,000 agents re-registered within %.0f s): %s.%n",
          FAILOVER_GOAL_MS / 1000, r.allReregisteredMs() < FAILOVER_GOAL_MS ? "**met**" : "**not met**"));
    }
    return sb.toString();
  }
}
