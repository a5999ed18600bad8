package io.drover.apps.placement;

import io.drover.master.api.v1.Offer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Marathon's placement constraints ({@code mesosphere.mesos.Constraints}, {@code docs/docs/constraints.md}), checked
 * for one offer against the app's placed instances.
 *
 * <p>Field values: {@code hostname}/{@code @hostname} is the offer's hostname; {@code @region}/{@code @zone} its fault
 * domain (absent when the agent has none); anything else an agent attribute formatted by
 * {@link OfferView#attributeValue}. When the offer lacks the field only UNLIKE holds.
 *
 * <p>GROUP_BY follows Marathon 1.10 (before the 2020 "preemptive scale up" change): an offer whose value has no
 * instance yet always passes; otherwise it passes only when at least {@code value} groups exist and its group is one
 * of the smallest. So instances spread evenly and nothing is ever rebalanced.
 */
public final class Constraints {
  private Constraints() {}

  /** Whether {@code offer} satisfies {@code constraint} given the app's {@code placed} instances. */
  public static boolean meets(Constraint constraint, Offer offer, List<PlacedInstance> placed) {
    Optional<String> offerValue = offerValue(constraint.field(), offer);
    Function<PlacedInstance, Optional<String>> placedValue = placedReader(constraint.field());
    if (offerValue.isEmpty()) return constraint.operator() == Constraint.Operator.UNLIKE;
    String v = offerValue.get();
    String cv = constraint.valueOrEmpty();
    return switch (constraint.operator()) {
      case UNIQUE -> placed.stream().noneMatch(p -> placedValue.apply(p).equals(offerValue));
      case CLUSTER -> cv.isEmpty()
          // No value: the first placed instance decides where all the others go.
          ? placed.isEmpty() || placedValue.apply(placed.getFirst()).equals(offerValue)
          : v.equals(cv);
      case GROUP_BY -> groupBy(v, cv, placed, placedValue);
      case LIKE -> !cv.isEmpty() && fullMatch(cv, v, false);
      case UNLIKE -> !cv.isEmpty() && fullMatch(cv, v, true);
      case MAX_PER -> maxPer(v, cv, placed, placedValue);
      case IS -> v.equals(isOperand(cv));
    };
  }

  /** The constraints among {@code constraints} that {@code offer} violates, in order. */
  public static List<Constraint> violated(List<Constraint> constraints, Offer offer, List<PlacedInstance> placed) {
    return constraints.stream().filter(c -> !meets(c, offer, placed)).toList();
  }

  /** The offer's value for a constraint field (see the class comment). */
  public static Optional<String> offerValue(String field, Offer offer) {
    return switch (field) {
      case "hostname", "@hostname" -> Optional.ofNullable(offer.hostname());
      case "@region" -> OfferView.region(offer);
      case "@zone" -> OfferView.zone(offer);
      default -> OfferView.attribute(offer.attributes(), field);
    };
  }

  /** A placed instance's value for a constraint field. */
  public static Optional<String> placedValue(String field, PlacedInstance p) {
    return placedReader(field).apply(p);
  }

  private static Function<PlacedInstance, Optional<String>> placedReader(String field) {
    return switch (field) {
      case "hostname", "@hostname" -> p -> Optional.of(p.hostname());
      case "@region" -> p -> Optional.ofNullable(p.region());
      case "@zone" -> p -> Optional.ofNullable(p.zone());
      default -> p -> OfferView.attribute(p.attributes(), field);
    };
  }

  /** Java's {@code String.matches} (whole string), as Scala's; an invalid regex never matches (fails closed). */
  private static boolean fullMatch(String regex, String value, boolean negate) {
    try {
      boolean m = Pattern.compile(regex).matcher(value).matches();
      return negate != m;
    } catch (PatternSyntaxException e) {
      return false; // validation rejects bad regexes; a stored one must not place anything
    }
  }

  /** IS compares a numeric operand in scalar format, so {@code "2.50"} matches an attribute 2.5. */
  private static String isOperand(String cv) {
    if (cv.matches("[0-9]+(?:\\.[0-9]+)?")) return OfferView.formatScalar(Double.parseDouble(cv));
    return cv;
  }

  private static boolean maxPer(String v, String cv, List<PlacedInstance> placed,
      Function<PlacedInstance, Optional<String>> placedValue) {
    int max;
    try {
      max = Integer.parseInt(cv);
    } catch (NumberFormatException e) {
      return false; // validation requires an integer; fail closed
    }
    long count = placed.stream().filter(p -> placedValue.apply(p).filter(v::equals).isPresent()).count();
    return count < max;
  }

  private static boolean groupBy(String v, String cv, List<PlacedInstance> placed,
      Function<PlacedInstance, Optional<String>> placedValue) {
    int minimumGroups = Math.max(0, groupCount(cv));
    // Instances without the field form one group of their own (key empty), as in Marathon.
    Map<Optional<String>, Integer> counts = new HashMap<>();
    for (PlacedInstance p : placed) counts.merge(placedValue.apply(p), 1, Integer::sum);
    Integer mine = counts.get(Optional.of(v));
    if (mine == null) return true;
    int minCount = counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
    return counts.size() >= minimumGroups && Objects.equals(mine, minCount);
  }

  private static int groupCount(String cv) {
    if (cv.equals("inf")) return Integer.MAX_VALUE;
    try {
      return Integer.parseInt(cv);
    } catch (NumberFormatException e) {
      return 0; // absent or not a number: no minimum (Marathon's default)
    }
  }
}
