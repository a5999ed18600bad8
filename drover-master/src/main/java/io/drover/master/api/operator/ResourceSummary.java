package io.drover.master.api.operator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.common.resources.ItemSet;
import io.drover.common.resources.Ranges;
import io.drover.common.resources.Resource;
import io.drover.common.resources.Resources;
import io.drover.common.resources.Scalar;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The legacy endpoints' resource summary, as Mesos' {@code json(ObjectWriter*, Resources)} writes it: cpus, gpus, mem
 * and disk always present (0.0 when absent), every scalar summed over roles as a double, ranges and sets as their
 * text form ({@code "[31000-31000, 31005-31010]"}, {@code "{a, b}"}): {@code {"cpus":1.0,"mem":128.0,"disk":0.0,
 * "gpus":0.0,"ports":"[31000-31000]"}}.
 */
final class ResourceSummary {
  private ResourceSummary() {}

  static ObjectNode of(Resources resources) {
    Map<String, Long> scalars = new TreeMap<>(Map.of("cpus", 0L, "gpus", 0L, "mem", 0L, "disk", 0L));
    Map<String, Ranges> ranges = new TreeMap<>();
    Map<String, TreeSet<String>> sets = new TreeMap<>();
    for (Resource r : resources.toList()) {
      switch (r.value()) {
        case Scalar s -> scalars.merge(r.name(), s.millis(), Long::sum);
        case Ranges g -> ranges.merge(r.name(), g, Ranges::plus);
        case ItemSet i -> sets.computeIfAbsent(r.name(), k -> new TreeSet<>()).addAll(i.items());
      }
    }
    ObjectNode out = JsonParts.object();
    scalars.forEach((name, millis) -> out.put(name, millis / (double) Scalar.MILLIS_PER_UNIT));
    ranges.forEach((name, g) -> out.put(name, g.toString()));
    sets.forEach((name, items) -> out.put(name, new ItemSet(items).toString()));
    return out;
  }
}
