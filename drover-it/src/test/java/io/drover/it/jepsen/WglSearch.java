package io.drover.it.jepsen;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Wing–Gong–Lowe search over one key's history (see {@link Linearizability}). Events (calls and returns) sit in a
 * doubly linked list in time order; linearizing an operation lifts its call and return out of the list, backtracking
 * puts them back. An INFO operation has a call but no return, so it never forces anything and may stay unlinearized.
 *
 * <p>INFO writes whose value no read observed ("anonymous") are the search's worst case: each may be applied at any
 * point or never, so k of them pending would give 2^k subsets between two returns. Their only visible effect is the
 * version bump (their value is never compared with anything), so they are interchangeable: the search writes an
 * unreadable value for them and, among the anonymous unconditional writes pending at a point, tries only the earliest.
 * That loses no linearization: if one uses anonymous write B where an earlier-invoked anonymous A is still pending,
 * A can take B's place and B A's later one (if any), since both may take effect anywhere after their invokes.
 */
final class WglSearch {
  private static final int STUCK_CONTEXT = 6;

  private final List<Op> ops;
  private final Register initial;
  private final long deadlineNs;
  private final int maxCacheEntries;
  private final long originNs;
  private final Node head = new Node(-1, true, Long.MIN_VALUE);
  /** Per operation: an INFO write or CAS whose value no OK read returned. */
  private final boolean[] anonymous;

  /** Where the search got deepest, for the explanation. */
  private int deepest = -1;
  private String stuckAt = "";

  WglSearch(List<Op> ops, Register initial, long deadlineNs, int maxCacheEntries, long originNs) {
    this.ops = ops;
    this.initial = initial;
    this.deadlineNs = deadlineNs;
    this.maxCacheEntries = maxCacheEntries;
    this.originNs = originNs;
    Set<Long> read = new HashSet<>();
    for (Op op : ops) if (op.kind() == Op.Kind.READ && op.outcome() == Op.Outcome.OK) read.add(op.value());
    this.anonymous = new boolean[ops.size()];
    for (int i = 0; i < ops.size(); i++) {
      Op op = ops.get(i);
      anonymous[i] = op.isWrite() && op.outcome() == Op.Outcome.INFO && !read.contains(op.value());
    }
  }

  /** Anonymous unconditional writes are the interchangeable ones (a CAS also depends on its expected version). */
  private boolean interchangeable(int op) { return anonymous[op] && ops.get(op).kind() == Op.Kind.WRITE; }

  private static final class Node {
    final int op;
    final boolean call;
    final long timeNs;
    Node match;
    Node prev;
    Node next;

    Node(int op, boolean call, long timeNs) {
      this.op = op;
      this.call = call;
      this.timeNs = timeNs;
    }
  }

  /** A value no operation writes: what anonymous writes leave in the register. */
  private static final long UNREAD = Long.MIN_VALUE;

  private record Frame(Node call, Register before, boolean passedAnonymous) {}

  private record Config(BitSet linearized, Register state) {}

  Verdict run() {
    int remainingOk = buildList();
    Set<Config> cache = new HashSet<>();
    Deque<Frame> stack = new ArrayDeque<>();
    BitSet linearized = new BitSet(ops.size());
    Register state = initial;
    Node entry = head.next;
    // Whether the scan since head passed an unlinearized interchangeable write (then later ones are skipped).
    boolean passedAnonymous = false;
    long steps = 0;
    while (remainingOk > 0) {
      if ((++steps & 1023) == 0 && System.nanoTime() > deadlineNs) return new Verdict.Unknown("time budget exhausted");
      if (entry == null) throw new IllegalStateException("an OK operation's return is missing from the event list");
      if (entry.call) {
        Op op = ops.get(entry.op);
        if (interchangeable(entry.op) && passedAnonymous) {
          entry = entry.next;
          continue;
        }
        Register next = op.step(state);
        if (next != null && anonymous[entry.op]) next = new Register(UNREAD, next.version());
        if (next != null) {
          BitSet after = (BitSet) linearized.clone();
          after.set(entry.op);
          if (cache.add(new Config(after, next))) {
            if (cache.size() > maxCacheEntries) return new Verdict.Unknown("more than " + maxCacheEntries + " configurations");
            stack.push(new Frame(entry, state, passedAnonymous));
            state = next;
            linearized.set(entry.op);
            lift(entry);
            if (op.outcome() == Op.Outcome.OK) remainingOk--;
            entry = head.next;
            passedAnonymous = false;
            continue;
          }
        }
        passedAnonymous |= interchangeable(entry.op);
        entry = entry.next;
      } else {
        if (stack.size() > deepest) remember(stack, state, entry);
        if (stack.isEmpty()) return new Verdict.NotLinearizable("", stuckAt);
        Frame top = stack.pop();
        entry = top.call();
        state = top.before();
        linearized.clear(entry.op);
        unlift(entry);
        if (ops.get(entry.op).outcome() == Op.Outcome.OK) remainingOk++;
        passedAnonymous = top.passedAnonymous() || interchangeable(entry.op);
        entry = entry.next;
      }
    }
    return new Verdict.Linearizable(ops.size());
  }

  /** Builds the event list; returns how many OK operations must be linearized. */
  private int buildList() {
    List<Node> events = new ArrayList<>();
    int ok = 0;
    for (int i = 0; i < ops.size(); i++) {
      Op op = ops.get(i);
      Node call = new Node(i, true, op.invokeNs());
      events.add(call);
      if (op.outcome() == Op.Outcome.OK) {
        Node ret = new Node(i, false, op.completeNs());
        call.match = ret;
        events.add(ret);
        ok++;
      }
    }
    // At equal times calls go first: the operations then overlap, which only permits more orders (never a false alarm).
    events.sort(Comparator.comparingLong((Node n) -> n.timeNs).thenComparing(n -> !n.call));
    Node prev = head;
    for (Node n : events) {
      prev.next = n;
      n.prev = prev;
      prev = n;
    }
    return ok;
  }

  private static void lift(Node call) {
    call.prev.next = call.next;
    if (call.next != null) call.next.prev = call.prev;
    Node ret = call.match;
    if (ret != null) {
      ret.prev.next = ret.next;
      if (ret.next != null) ret.next.prev = ret.prev;
    }
  }

  private static void unlift(Node call) {
    Node ret = call.match;
    if (ret != null) {
      ret.prev.next = ret;
      if (ret.next != null) ret.next.prev = ret;
    }
    call.prev.next = call;
    if (call.next != null) call.next.prev = call;
  }

  /**
   * Records the explanation at the deepest point reached: the last operations linearized, the register there, the
   * operation that had to complete next but could not, and the concurrent candidates that were tried.
   */
  private void remember(Deque<Frame> stack, Register state, Node blocked) {
    deepest = stack.size();
    StringBuilder sb = new StringBuilder();
    sb.append("no linearization exists; the longest linearizable prefix has ").append(stack.size())
        .append(" of ").append(ops.size()).append(" operations, ending with:\n");
    List<Frame> last = new ArrayList<>(stack).subList(0, Math.min(STUCK_CONTEXT, stack.size()));
    for (int i = last.size() - 1; i >= 0; i--) {
      sb.append("    ").append(ops.get(last.get(i).call().op).describe(originNs)).append('\n');
    }
    sb.append("  register then: ").append(state.value() == UNREAD
        ? "(value of an unobserved INFO write, version " + state.version() + ")" : state.toString()).append('\n');
    sb.append("  must complete next but cannot be linearized: ").append(ops.get(blocked.op).describe(originNs)).append('\n');
    int shown = 0;
    for (Node n = head.next; n != null && n != blocked && shown < STUCK_CONTEXT; n = n.next) {
      if (!n.call || n.op == blocked.op) continue;
      if (shown++ == 0) sb.append("  concurrent candidates tried (none fits, or each leads to a dead end):\n");
      sb.append("    ").append(ops.get(n.op).describe(originNs)).append('\n');
    }
    stuckAt = sb.toString();
  }
}
