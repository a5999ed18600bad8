package io.drover.apps.placement;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.common.random.Rng;
import io.drover.master.api.v1.Resource;
import io.drover.master.api.v1.Value;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An offer's resources as they are consumed, instance by instance. Works in exact thousandths for scalars and on
 * whole ports for ranges; every piece handed out is a copy of the offer entry it came from (role, reservations,
 * {@code allocation_info}, provider id kept) with only the payload cut down.
 */
final class ResourcePool {
  /** Marathon's reservation label keys for resident instances (TaskLabels.labelKeysForReservations). */
  static final Set<String> RESIDENT_LABEL_KEYS = Set.of("marathon_framework_id", "marathon_task_id");

  private final List<Resource> resources;

  /** @param spec the app the pool is consumed for; decides which copy of a port listed twice is kept */
  ResourcePool(List<Resource> resources, PlacementSpec spec) {
    this.resources = new ArrayList<>(resources == null ? List.of() : resources);
    dedupePorts(spec);
  }

  /**
   * A well-formed offer lists each port once; should one list a port twice (overlapping ranges, or two entries), it
   * counts once so no port can be handed out twice. It is kept in the first entry the app may use, else in its first
   * place: a copy under a role the app does not accept must not hide the one it may use.
   */
  private void dedupePorts(PlacementSpec spec) {
    List<Integer> order = new ArrayList<>(); // port entries: the usable ones first, each group in offer order
    List<Integer> unusable = new ArrayList<>();
    for (int i = 0; i < resources.size(); i++) {
      Resource r = resources.get(i);
      if (isPorts(r)) (usable(r, spec) ? order : unusable).add(i);
    }
    order.addAll(unusable);
    BitSet seen = new BitSet(65536);
    for (int i : order) {
      Resource r = resources.get(i);
      List<Value.Range> out = new ArrayList<>();
      for (Value.Range g : r.ranges().range()) {
        int begin = (int) Math.max(1, g.begin());
        int end = (int) Math.min(65535, g.end()); // only real TCP/UDP ports can be handed out
        int p = begin;
        while (p <= end) {
          p = seen.nextClearBit(p);
          if (p > end) break;
          int nextSet = seen.nextSetBit(p);
          int runEnd = nextSet < 0 ? end : Math.min(end, nextSet - 1);
          out.add(new Value.Range(p, runEnd));
          seen.set(p, runEnd + 1);
          p = runEnd + 1;
        }
      }
      if (!out.equals(r.ranges().range())) resources.set(i, withRanges(r, out));
    }
  }

  /** A port ranges entry with its ranges listed. */
  private static boolean isPorts(Resource r) {
    return "ports".equals(r.name()) && r.type() == Value.Type.RANGES && r.ranges() != null
        && r.ranges().range() != null;
  }

  /** What is left, without entries that were used up. */
  List<Resource> remaining() {
    List<Resource> out = new ArrayList<>();
    for (Resource r : resources) {
      if (r.type() == Value.Type.SCALAR && r.scalar() != null && OfferView.millis(r.scalar().value()) == 0) continue;
      if (r.type() == Value.Type.RANGES && (r.ranges() == null || r.ranges().range() == null
          || r.ranges().range().isEmpty())) continue;
      out.add(r);
    }
    return out;
  }

  /**
   * Whether the app may use this entry: an accepted role; the right reservation labels (exactly those asked for a
   * resident relaunch, else none of Marathon's resident keys); no persistent volume, mount/path disk source,
   * revocable or shared marker (Drover does not use those).
   */
  static boolean usable(Resource r, PlacementSpec spec) {
    if (r.revocable() != null || r.shared() != null) return false;
    JsonNode disk = r.disk();
    if (disk != null && (disk.has("persistence") || disk.has("volume") || disk.has("source"))) return false;
    if (!spec.acceptsRole(OfferView.reservationRole(r))) return false;
    Map<String, String> labels = OfferView.reservationLabels(r);
    if (!spec.reservationLabels().isEmpty()) {
      return !OfferView.UNRESERVED.equals(OfferView.reservationRole(r))
          && spec.reservationLabels().entrySet().stream()
              .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
    return labels.keySet().stream().noneMatch(RESIDENT_LABEL_KEYS::contains);
  }

  /** Whether any entry is usable by the app. */
  boolean anyUsable(PlacementSpec spec) { return resources.stream().anyMatch(r -> usable(r, spec)); }

  /** Thousandths of the named scalar available to the app. */
  long available(String name, PlacementSpec spec) {
    long sum = 0;
    for (Resource r : resources) {
      if (name.equals(r.name()) && r.type() == Value.Type.SCALAR && r.scalar() != null && usable(r, spec)) {
        sum += OfferView.millis(r.scalar().value());
      }
    }
    return sum;
  }

  /**
   * Takes {@code amountMillis} of the named scalar from usable entries in offer order; the caller has checked
   * {@link #available}. Returns the pieces taken.
   */
  List<Resource> takeScalar(String name, long amountMillis, PlacementSpec spec) {
    List<Resource> taken = new ArrayList<>();
    long need = amountMillis;
    for (int i = 0; i < resources.size() && need > 0; i++) {
      Resource r = resources.get(i);
      if (!name.equals(r.name()) || r.type() != Value.Type.SCALAR || r.scalar() == null || !usable(r, spec)) continue;
      long have = OfferView.millis(r.scalar().value());
      long take = Math.min(have, need);
      if (take == 0) continue;
      taken.add(withScalar(r, take));
      resources.set(i, withScalar(r, have - take));
      need -= take;
    }
    if (need > 0) throw new IllegalStateException("took " + name + " beyond what is available");
    return taken;
  }

  /** One usable port with the index of the offer entry that holds it. */
  private record PortAt(int entry, long port) {}

  /**
   * Chooses host ports: fixed ones must lie in a usable range; dynamic ones are drawn from the usable ranges, in a
   * random order of ranges from a random start, consecutive where possible (Marathon's approach, so a port freed by
   * one app is not handed straight to the next). Empty if the requests cannot all be met (including one fixed port
   * asked twice). On success the ports are removed from the pool.
   *
   * @return per request the chosen port (0 for {@link PortRequest.NoHostPort}) and the port resources to launch with
   */
  Optional<PortsTaken> takePorts(List<PortRequest> requests, PlacementSpec spec, Rng rng) {
    List<long[]> ranges = new ArrayList<>(); // {entry, begin, end}; disjoint after dedupePorts
    for (int i = 0; i < resources.size(); i++) {
      Resource r = resources.get(i);
      if (!isPorts(r) || !usable(r, spec)) continue;
      for (Value.Range g : r.ranges().range()) ranges.add(new long[] {i, g.begin(), g.end()});
    }
    Set<Long> fixed = new HashSet<>();
    for (PortRequest p : requests) {
      if (p instanceof PortRequest.Fixed f && !fixed.add((long) f.port())) return Optional.empty();
    }
    // Random order of ranges, then a random start inside their concatenation, wrapping around.
    for (int i = ranges.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      long[] t = ranges.get(i);
      ranges.set(i, ranges.get(j));
      ranges.set(j, t);
    }
    long total = 0;
    for (long[] g : ranges) total += g[2] - g[1] + 1;
    long start = total == 0 ? 0 : Math.floorMod(rng.nextLong(), total);
    DynamicCursor cursor = new DynamicCursor(ranges, total, start, fixed);

    List<Integer> chosen = new ArrayList<>(requests.size());
    List<PortAt> used = new ArrayList<>();
    for (PortRequest p : requests) {
      switch (p) {
        case PortRequest.NoHostPort n -> chosen.add(0);
        case PortRequest.Fixed f -> {
          Optional<PortAt> at = find(ranges, f.port());
          if (at.isEmpty()) return Optional.empty();
          used.add(at.get());
          chosen.add(f.port());
        }
        case PortRequest.Dynamic d -> {
          Optional<PortAt> at = cursor.next();
          if (at.isEmpty()) return Optional.empty();
          used.add(at.get());
          chosen.add((int) at.get().port());
        }
      }
    }
    List<Resource> portResources = toResources(used);
    for (PortAt u : used) removePort(u.entry(), u.port());
    return Optional.of(new PortsTaken(chosen, portResources));
  }

  record PortsTaken(List<Integer> hostPorts, List<Resource> resources) {}

  private static Optional<PortAt> find(List<long[]> ranges, long port) {
    for (long[] g : ranges) if (port >= g[1] && port <= g[2]) return Optional.of(new PortAt((int) g[0], port));
    return Optional.empty();
  }

  /** Walks the shuffled ranges' ports once, from {@code start}, skipping fixed ports. */
  private static final class DynamicCursor {
    private final List<long[]> ranges;
    private final long total;
    private final Set<Long> skip;
    private long offset;
    private long visited;

    DynamicCursor(List<long[]> ranges, long total, long start, Set<Long> skip) {
      this.ranges = ranges;
      this.total = total;
      this.offset = start;
      this.skip = skip;
    }

    Optional<PortAt> next() {
      while (visited < total) {
        long k = offset;
        offset = (offset + 1) % total;
        visited++;
        for (long[] g : ranges) {
          long size = g[2] - g[1] + 1;
          if (k < size) {
            long port = g[1] + k;
            if (!skip.contains(port)) return Optional.of(new PortAt((int) g[0], port));
            break;
          }
          k -= size;
        }
      }
      return Optional.empty();
    }
  }

  /** Port resources in request order: one entry per run of ports from the same offer entry, consecutive merged. */
  private List<Resource> toResources(List<PortAt> used) {
    List<Resource> out = new ArrayList<>();
    int i = 0;
    while (i < used.size()) {
      int entry = used.get(i).entry();
      List<Value.Range> ranges = new ArrayList<>();
      while (i < used.size() && used.get(i).entry() == entry) {
        long p = used.get(i).port();
        if (!ranges.isEmpty() && ranges.getLast().end() == p - 1) {
          ranges.set(ranges.size() - 1, new Value.Range(ranges.getLast().begin(), p));
        } else {
          ranges.add(new Value.Range(p, p));
        }
        i++;
      }
      out.add(withRanges(resources.get(entry), ranges));
    }
    return out;
  }

  private void removePort(int entry, long port) {
    Resource r = resources.get(entry);
    List<Value.Range> out = new ArrayList<>();
    for (Value.Range g : r.ranges().range()) {
      if (port < g.begin() || port > g.end()) {
        out.add(g);
        continue;
      }
      if (g.begin() <= port - 1) out.add(new Value.Range(g.begin(), port - 1));
      if (port + 1 <= g.end()) out.add(new Value.Range(port + 1, g.end()));
    }
    resources.set(entry, withRanges(r, out));
  }

  private static Resource withScalar(Resource r, long millis) {
    return new Resource(r.providerId(), r.name(), r.type(), new Value.Scalar(millis / 1000.0), null, null, r.role(),
        r.allocationInfo(), r.reservation(), r.reservations(), r.disk(), r.revocable(), r.shared());
  }

  private static Resource withRanges(Resource r, List<Value.Range> ranges) {
    return new Resource(r.providerId(), r.name(), r.type(), null, new Value.Ranges(List.copyOf(ranges)), null,
        r.role(), r.allocationInfo(), r.reservation(), r.reservations(), r.disk(), r.revocable(), r.shared());
  }
}
