package io.drover.master.allocator;

import io.drover.common.resources.Resources;
import io.drover.common.resources.Scalar;
import java.util.Map;
import java.util.TreeMap;

/**
 * A role's quota as scalar quantities in millis (Mesos {@code QuotaConfig}): {@code guaranteesMillis} are held back
 * for the role as headroom until it consumes them; {@code limitsMillis} cap what its subtree may consume. Kinds absent
 * from a map are unguaranteed / unlimited. A role's consumption counts its subtree's unreserved allocations plus every
 * reservation (allocated or not) for a role in its subtree.
 */
public record Quota(Map<String, Long> guaranteesMillis, Map<String, Long> limitsMillis) {
  public static final Quota NONE = new Quota(Map.of(), Map.of());

  public Quota {
    guaranteesMillis = Map.copyOf(new TreeMap<>(guaranteesMillis));
    limitsMillis = Map.copyOf(new TreeMap<>(limitsMillis));
    for (Map.Entry<String, Long> e : guaranteesMillis.entrySet()) {
      String k = e.getKey();
      long g = e.getValue();
      if (g < 0) throw new IllegalArgumentException("quota guarantee " + k + " is negative");
      Long limit = limitsMillis.get(k);
      if (limit != null && limit < g) {
        throw new IllegalArgumentException("quota guarantee " + k + ":" + Scalar.format(g) + " exceeds its limit "
            + Scalar.format(limit));
      }
    }
  }

  /** From resource bags such as {@code cpus:2;mem:1024}; only scalars are allowed, reservations are ignored. */
  public static Quota of(Resources guarantees, Resources limits) {
    return new Quota(scalarsOnly("guarantees", guarantees), scalarsOnly("limits", limits));
  }

  private static Map<String, Long> scalarsOnly(String what, Resources r) {
    for (var e : r.toList()) {
      if (!(e.value() instanceof Scalar)) {
        throw new IllegalArgumentException("quota " + what + " may hold only scalars, not " + e);
      }
    }
    return r.scalarTotals();
  }

  public boolean isNone() { return guaranteesMillis.isEmpty() && limitsMillis.isEmpty(); }
}
