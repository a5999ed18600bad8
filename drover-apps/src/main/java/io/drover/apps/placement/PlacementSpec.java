package io.drover.apps.placement;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What placement needs to know about an app; the wiring maps the app definition to it.
 *
 * @param appId the app's path id, e.g. {@code /prod/web}
 * @param version the app's config version (ISO-8601); the launch delay is kept per id and version
 * @param instances the app's target instance count (GROUP_BY and the scorers use it)
 * @param cpusMillis cpus × 1000 (Mesos' fixed-point thousandths)
 * @param memMb memory
 * @param diskMb root disk
 * @param gpus whole GPUs
 * @param acceptedRoles resource roles the app may use ({@code acceptedResourceRoles}); empty = Marathon's default
 *     behaviour "any": {@code {"*", role}}
 * @param ports host ports, in port order; see {@link PortRequest}
 * @param constraints placement constraints, all of which must hold
 * @param role the role the app's instances launch under: only offers allocated to it ({@code allocation_info.role})
 *     are usable
 * @param reservationLabels empty for ordinary apps; for relaunching a resident instance, the labels its reservation
 *     carries: then only resources reserved with all these labels are used, and an offer without any gives
 *     {@link Reason#NoCorrespondingReservationFound}
 */
public record PlacementSpec(
    String appId,
    String version,
    int instances,
    long cpusMillis,
    long memMb,
    long diskMb,
    long gpus,
    Set<String> acceptedRoles,
    List<PortRequest> ports,
    List<Constraint> constraints,
    String role,
    Map<String, String> reservationLabels) {

  public PlacementSpec {
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(role, "role");
    if (instances < 0 || cpusMillis < 0 || memMb < 0 || diskMb < 0 || gpus < 0) {
      throw new IllegalArgumentException("negative instances or resources in placement spec of " + appId);
    }
    acceptedRoles = Set.copyOf(acceptedRoles);
    ports = List.copyOf(ports);
    constraints = List.copyOf(constraints);
    reservationLabels = Map.copyOf(reservationLabels);
  }

  /** An ordinary (non-resident) app. */
  public PlacementSpec(String appId, String version, int instances, long cpusMillis, long memMb, long diskMb,
      long gpus, Set<String> acceptedRoles, List<PortRequest> ports, List<Constraint> constraints, String role) {
    this(appId, version, instances, cpusMillis, memMb, diskMb, gpus, acceptedRoles, ports, constraints, role,
        Map.of());
  }

  /** Whether the app may use resources of {@code resourceRole}: {@link #acceptedRoles}, or {@code {"*", role}}. */
  public boolean acceptsRole(String resourceRole) {
    return acceptedRoles.isEmpty()
        ? OfferView.UNRESERVED.equals(resourceRole) || role.equals(resourceRole)
        : acceptedRoles.contains(resourceRole);
  }
}
