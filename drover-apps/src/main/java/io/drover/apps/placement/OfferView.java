package io.drover.apps.placement;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.master.api.v1.Attribute;
import io.drover.master.api.v1.Labels;
import io.drover.master.api.v1.Offer;
import io.drover.master.api.v1.Resource;
import io.drover.master.api.v1.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading the parts of a v1 offer that placement cares about. Stateless helpers. */
public final class OfferView {
  private OfferView() {}

  /** The unreserved role. */
  public static final String UNRESERVED = "*";

  /**
   * The role a resource is reserved for, "*" if unreserved: the top (last) of {@code reservations}, else the
   * deprecated {@code role} (the same rule as {@link io.drover.master.api.v1.ResourceJson}).
   */
  public static String reservationRole(Resource r) {
    if (r.reservations() != null && !r.reservations().isEmpty()) {
      String role = r.reservations().getLast().role();
      if (role != null && !role.isEmpty()) return role;
    }
    return r.role() == null || r.role().isEmpty() ? UNRESERVED : r.role();
  }

  /** The labels of a resource's (top) reservation; empty when unreserved or unlabelled. */
  public static Map<String, String> reservationLabels(Resource r) {
    Resource.ReservationInfo top = r.reservations() != null && !r.reservations().isEmpty()
        ? r.reservations().getLast() : r.reservation();
    Map<String, String> out = new HashMap<>();
    if (top == null || top.labels() == null || top.labels().labels() == null) return out;
    for (Labels.Label l : top.labels().labels()) {
      if (l.key() != null) out.put(l.key(), l.value() == null ? "" : l.value());
    }
    return out;
  }

  /**
   * The role the offer is allocated to: the offer's {@code allocation_info}, else its first resource's, else
   * empty (a pre-multi-role master; then any role is taken to match).
   */
  public static Optional<String> allocationRole(Offer offer) {
    if (offer.allocationInfo() != null && offer.allocationInfo().role() != null) {
      return Optional.of(offer.allocationInfo().role());
    }
    if (offer.resources() != null) {
      for (Resource r : offer.resources()) {
        if (r.allocationInfo() != null && r.allocationInfo().role() != null) {
          return Optional.of(r.allocationInfo().role());
        }
      }
    }
    return Optional.empty();
  }

  /** {@code domain.fault_domain.region.name}, as Marathon's {@code OfferUtil.region}. */
  public static Optional<String> region(Offer offer) { return faultDomain(offer.domain(), "region"); }

  /** {@code domain.fault_domain.zone.name}. */
  public static Optional<String> zone(Offer offer) { return faultDomain(offer.domain(), "zone"); }

  private static Optional<String> faultDomain(JsonNode domain, String level) {
    if (domain == null) return Optional.empty();
    JsonNode name = domain.path("fault_domain").path(level).path("name");
    return name.isTextual() ? Optional.of(name.asText()) : Optional.empty();
  }

  /** A scalar as Mesos' fixed-point thousandths (round to nearest, as Mesos does). */
  public static long millis(double value) { return Math.round(value * 1000.0); }

  /** Total of the named scalar over all of the offer's resources, any role (in thousandths). */
  public static long totalScalarMillis(Offer offer, String name) {
    long sum = 0;
    if (offer.resources() == null) return 0;
    for (Resource r : offer.resources()) {
      if (name.equals(r.name()) && r.scalar() != null) sum += millis(r.scalar().value());
    }
    return sum;
  }

  /**
   * An attribute's value as Marathon's constraints compare it ({@code Constraints.getValueString}): TEXT as is;
   * SCALAR with at most three decimals, half-even, no trailing zeros ({@code DecimalFormat("0.###")});
   * RANGES as {@code [b-e,b-e]} sorted by begin; SET as {@code {a,b}} sorted.
   */
  public static String attributeValue(Attribute a) {
    Value.Type type = a.type() == null ? Value.Type.UNKNOWN : a.type();
    return switch (type) {
      case TEXT -> a.text() == null || a.text().value() == null ? "" : a.text().value();
      case SCALAR -> formatScalar(a.scalar() == null ? 0.0 : a.scalar().value());
      case RANGES -> {
        List<Value.Range> ranges = a.ranges() == null || a.ranges().range() == null ? List.of()
            : a.ranges().range().stream().sorted(Comparator.comparingLong(Value.Range::begin)).toList();
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < ranges.size(); i++) {
          if (i > 0) sb.append(',');
          sb.append(ranges.get(i).begin()).append('-').append(ranges.get(i).end());
        }
        yield sb.append(']').toString();
      }
      case SET -> {
        List<String> items = a.set() == null || a.set().item() == null ? List.of()
            : a.set().item().stream().sorted().toList();
        yield "{" + String.join(",", items) + "}";
      }
      case UNKNOWN -> "";
    };
  }

  /** {@code DecimalFormat("0.###")} with HALF_EVEN rounding and no locale (Marathon's scalar format). */
  public static String formatScalar(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) return Double.toString(value);
    BigDecimal d = new BigDecimal(value).setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros();
    if (d.signum() == 0) return "0";
    return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
  }

  /** The value of the agent attribute {@code name} on the offer, formatted as {@link #attributeValue}. */
  public static Optional<String> attribute(List<Attribute> attributes, String name) {
    if (attributes == null) return Optional.empty();
    for (Attribute a : attributes) {
      if (name.equals(a.name())) return Optional.of(attributeValue(a));
    }
    return Optional.empty();
  }
}
