package io.drover.common.resources;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable set of non-negative integers stored as closed intervals {@code [begin,end]}. Invariant: intervals are
 * sorted, non-overlapping and non-adjacent (normalised), so equal sets have equal representations and
 * {@link #equals} is set equality.
 */
public final class Ranges implements ResourceValue, AttributeValue {
  public static final Ranges EMPTY = new Ranges(new long[0]);

  /** Flattened pairs: begin0, end0, begin1, end1, ... (normalised). */
  private final long[] bounds;

  private Ranges(long[] normalisedBounds) { this.bounds = normalisedBounds; }

  /** One closed interval; {@code begin <= end}, both non-negative. */
  public static Ranges of(long begin, long end) {
    checkInterval(begin, end);
    return new Ranges(new long[] {begin, end});
  }

  /** Normalises any list of closed intervals given as {@code {begin, end}} pairs (overlaps and adjacency merge). */
  public static Ranges of(List<long[]> intervals) {
    long[][] sorted = intervals.stream().map(long[]::clone).toArray(long[][]::new);
    for (long[] iv : sorted) {
      if (iv.length != 2) throw new IllegalArgumentException("an interval needs exactly a begin and an end");
      checkInterval(iv[0], iv[1]);
    }
    Arrays.sort(sorted, (x, y) -> Long.compare(x[0], y[0]));
    List<long[]> merged = new ArrayList<>();
    for (long[] iv : sorted) {
      long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && iv[0] <= last[1] + 1) {
        last[1] = Math.max(last[1], iv[1]);
      } else {
        merged.add(iv);
      }
    }
    long[] flat = new long[merged.size() * 2];
    for (int i = 0; i < merged.size(); i++) {
      flat[2 * i] = merged.get(i)[0];
      flat[2 * i + 1] = merged.get(i)[1];
    }
    return new Ranges(flat);
  }

  private static void checkInterval(long begin, long end) {
    if (begin < 0) throw new IllegalArgumentException("range begin " + begin + " is negative");
    if (begin > end) throw new IllegalArgumentException("range " + begin + "-" + end + " has begin after end");
  }

  public boolean isEmpty() { return bounds.length == 0; }

  /** Number of intervals. */
  public int intervalCount() { return bounds.length / 2; }

  public long begin(int interval) { return bounds[2 * interval]; }

  public long end(int interval) { return bounds[2 * interval + 1]; }

  /** The intervals as {@code {begin, end}} pairs, in ascending order. */
  public List<long[]> intervals() {
    List<long[]> out = new ArrayList<>(intervalCount());
    for (int i = 0; i < intervalCount(); i++) out.add(new long[] {begin(i), end(i)});
    return out;
  }

  /** How many integers the set holds. */
  public long count() {
    long n = 0;
    for (int i = 0; i < intervalCount(); i++) n += end(i) - begin(i) + 1;
    return n;
  }

  public boolean contains(long value) {
    for (int i = 0; i < intervalCount(); i++) {
      if (value < begin(i)) return false;
      if (value <= end(i)) return true;
    }
    return false;
  }

  /** Whether every integer in {@code other} is in this set. Linear merge over both interval lists. */
  public boolean contains(Ranges other) {
    int i = 0;
    for (int j = 0; j < other.intervalCount(); j++) {
      long b = other.begin(j);
      long e = other.end(j);
      while (i < intervalCount() && end(i) < b) i++;
      if (i == intervalCount() || begin(i) > b || end(i) < e) return false;
    }
    return true;
  }

  public Ranges plus(Ranges other) {
    if (other.isEmpty()) return this;
    if (isEmpty()) return other;
    List<long[]> all = intervals();
    all.addAll(other.intervals());
    return of(all);
  }

  /** Set difference; integers of {@code other} not in this set are ignored. */
  public Ranges minus(Ranges other) {
    if (other.isEmpty() || isEmpty()) return this;
    List<long[]> out = new ArrayList<>();
    int j = 0;
    for (int i = 0; i < intervalCount(); i++) {
      long b = begin(i);
      long e = end(i);
      while (j < other.intervalCount() && other.end(j) < b) j++;
      int k = j;
      while (b <= e && k < other.intervalCount() && other.begin(k) <= e) {
        if (other.begin(k) > b) out.add(new long[] {b, other.begin(k) - 1});
        b = Math.max(b, other.end(k) + 1);
        if (other.end(k) > e) break;
        k++;
      }
      if (b <= e) out.add(new long[] {b, e});
    }
    return of(out);
  }

  @Override public String typeName() { return "RANGES"; }

  @Override public boolean equals(Object o) { return o instanceof Ranges r && Arrays.equals(bounds, r.bounds); }

  @Override public int hashCode() { return Arrays.hashCode(bounds); }

  /** Mesos text form: {@code [31000-32000, 33000-33005]}. */
  @Override public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < intervalCount(); i++) {
      if (i > 0) sb.append(", ");
      sb.append(begin(i)).append('-').append(end(i));
    }
    return sb.append(']').toString();
  }
}
