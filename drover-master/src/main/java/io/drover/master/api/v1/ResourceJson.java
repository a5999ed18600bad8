package io.drover.master.api.v1;

import io.drover.common.resources.AttributeValue;
import io.drover.common.resources.Attributes;
import io.drover.common.resources.ItemSet;
import io.drover.common.resources.Ranges;
import io.drover.common.resources.ResourceValue;
import io.drover.common.resources.Resources;
import io.drover.common.resources.Scalar;
import io.drover.common.resources.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Converts between Drover's exact {@link Resources}/{@link Attributes} and the API's JSON {@link Resource} and
 * {@link Attribute} lists. Scalars are exact millis inside Drover and doubles only here: reading rounds to the nearest
 * thousandth (Mesos' fixed-point rule), writing emits {@code millis / 1000.0}, so 0.1 + 0.2 is written as 0.3.
 *
 * <p>Reservations: Drover models a reservation as the role an entry is reserved for. Writing a reserved entry emits
 * both the deprecated {@code role} and a one-element {@code reservations} stack of type STATIC, so pre- and
 * post-reservation-refinement schedulers both see it; unreserved entries carry {@code "role":"*"} and no
 * reservations. Reading takes the role from the top (last) of {@code reservations}, else from {@code reservation} +
 * {@code role}, else {@code role}, else unreserved; the reservation type (STATIC/DYNAMIC) and principal are not kept.
 */
public final class ResourceJson {
  private ResourceJson() {}

  /** JSON form of {@code resources}, without allocation info. */
  public static List<Resource> toJson(Resources resources) { return toJson(resources, null); }

  /**
   * JSON form of {@code resources}, in {@link Resources#toList()} order.
   *
   * @param allocationRole the role the resources are allocated/offered to ({@code allocation_info.role}), or null
   */
  public static List<Resource> toJson(Resources resources, String allocationRole) {
    Resource.AllocationInfo allocation = allocationRole == null ? null : new Resource.AllocationInfo(allocationRole);
    List<Resource> out = new ArrayList<>();
    for (io.drover.common.resources.Resource r : resources.toList()) {
      List<Resource.ReservationInfo> reservations = r.isUnreserved() ? null
          : List.of(new Resource.ReservationInfo(Resource.ReservationType.STATIC, r.role(), null, null));
      out.add(switch (r.value()) {
        case Scalar s -> new Resource(null, r.name(), Value.Type.SCALAR, new Value.Scalar(s.value()), null, null,
            r.role(), allocation, null, reservations, null, null, null);
        case Ranges g -> new Resource(null, r.name(), Value.Type.RANGES, null, toJson(g), null, r.role(), allocation,
            null, reservations, null, null, null);
        case ItemSet i -> new Resource(null, r.name(), Value.Type.SET, null, null,
            new Value.Set(List.copyOf(i.items())), r.role(), allocation, null, reservations, null, null, null);
      });
    }
    return out;
  }

  /**
   * Sums a JSON resource list into a bag (entries with equal name and role add up).
   *
   * @throws IllegalArgumentException naming the offending resource if a name or type is missing, the payload does
   *     not match the type, a scalar is negative or not finite, a range is inverted, or one name mixes types
   */
  public static Resources fromJson(List<Resource> json) {
    if (json == null) return Resources.EMPTY;
    List<io.drover.common.resources.Resource> list = new ArrayList<>(json.size());
    for (Resource r : json) list.add(fromJson(r));
    return Resources.of(list);
  }

  /** One JSON resource as a Drover entry; see {@link #fromJson(List)} for the errors. */
  public static io.drover.common.resources.Resource fromJson(Resource r) {
    if (r.name() == null || r.name().isEmpty()) throw new IllegalArgumentException("resource without a name: " + r);
    if (r.type() == Value.Type.TEXT) throw new IllegalArgumentException("resource '" + r.name() + "' cannot be TEXT");
    Object value = valueOf(r.name(), r.type(), r.scalar(), r.ranges(), r.set(), null);
    return new io.drover.common.resources.Resource(r.name(), roleOf(r), (ResourceValue) value);
  }

  private static String roleOf(Resource r) {
    if (r.reservations() != null && !r.reservations().isEmpty()) {
      String role = r.reservations().get(r.reservations().size() - 1).role();
      if (role == null || role.isEmpty()) {
        throw new IllegalArgumentException("resource '" + r.name() + "' has a reservation without a role");
      }
      return role;
    }
    return r.role() == null || r.role().isEmpty() ? io.drover.common.resources.Resource.UNRESERVED : r.role();
  }

  public static List<Attribute> attributesToJson(Attributes attributes) {
    List<Attribute> out = new ArrayList<>();
    for (io.drover.common.resources.Attribute a : attributes.list()) {
      out.add(switch (a.value()) {
        case Text t -> new Attribute(a.name(), Value.Type.TEXT, null, null, null, new Value.Text(t.value()));
        case Scalar s -> new Attribute(a.name(), Value.Type.SCALAR, new Value.Scalar(s.value()), null, null, null);
        case Ranges g -> new Attribute(a.name(), Value.Type.RANGES, null, toJson(g), null, null);
        case ItemSet i -> new Attribute(a.name(), Value.Type.SET, null, null, new Value.Set(List.copyOf(i.items())),
            null);
      });
    }
    return out;
  }

  /** @throws IllegalArgumentException for a missing name/type, a payload not matching the type, or a duplicate name */
  public static Attributes attributesFromJson(List<Attribute> json) {
    if (json == null) return Attributes.EMPTY;
    List<io.drover.common.resources.Attribute> list = new ArrayList<>(json.size());
    for (Attribute a : json) {
      if (a.name() == null || a.name().isEmpty()) throw new IllegalArgumentException("attribute without a name: " + a);
      AttributeValue v = (AttributeValue) valueOf(a.name(), a.type(), a.scalar(), a.ranges(), a.set(), a.text());
      list.add(new io.drover.common.resources.Attribute(a.name(), v));
    }
    return new Attributes(list);
  }

  private static Value.Ranges toJson(Ranges ranges) {
    List<Value.Range> out = new ArrayList<>(ranges.intervalCount());
    for (int i = 0; i < ranges.intervalCount(); i++) out.add(new Value.Range(ranges.begin(i), ranges.end(i)));
    return new Value.Ranges(out);
  }

  /** Returns a ResourceValue, or a Text when {@code text} is allowed (attributes). */
  private static Object valueOf(
      String name, Value.Type type, Value.Scalar scalar, Value.Ranges ranges, Value.Set set, Value.Text text) {
    if (type == null) throw new IllegalArgumentException("'" + name + "' has no type");
    return switch (type) {
      case SCALAR -> {
        if (scalar == null) throw missing(name, "scalar");
        yield Scalar.ofValue(scalar.value());
      }
      case RANGES -> {
        if (ranges == null) throw missing(name, "ranges");
        List<long[]> intervals = new ArrayList<>();
        if (ranges.range() != null) for (Value.Range g : ranges.range()) intervals.add(new long[] {g.begin(), g.end()});
        yield Ranges.of(intervals);
      }
      case SET -> {
        if (set == null) throw missing(name, "set");
        yield new ItemSet(set.item() == null ? new TreeSet<>() : new TreeSet<>(set.item()));
      }
      case TEXT -> {
        if (text == null) throw missing(name, "text");
        yield new Text(text.value() == null ? "" : text.value());
      }
      case UNKNOWN -> throw new IllegalArgumentException("'" + name + "' has an unknown type");
    };
  }

  private static IllegalArgumentException missing(String name, String field) {
    return new IllegalArgumentException("'" + name + "' is of type " + field.toUpperCase() + " but has no '" + field
        + "' field");
  }
}
