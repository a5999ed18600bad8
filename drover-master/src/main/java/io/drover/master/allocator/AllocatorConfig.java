package io.drover.master.allocator;

import io.drover.common.resources.Resources;
import java.util.List;
import java.util.Set;

/**
 * Allocator settings, named after the Mesos master flags.
 *
 * @param allocationIntervalMs {@code --allocation_interval}; a refusal filter lasts at least this long
 * @param minAllocatable {@code --min_allocatable_resources}: a candidate offer is made only if it holds at least one
 *     of these quantity sets (scalars are compared by name across roles)
 * @param fairSharingExcludedNames {@code --fair_sharing_excluded_resource_names}: kinds ignored by DRF shares
 * @param filterGpuResources {@code --filter_gpu_resources}: agents with gpus go only to GPU_RESOURCES frameworks
 */
public record AllocatorConfig(long allocationIntervalMs, List<Resources> minAllocatable,
    Set<String> fairSharingExcludedNames, boolean filterGpuResources) {
  public static final long DEFAULT_ALLOCATION_INTERVAL_MS = 1000;

  /** {@code cpus:0.01|mem:32}. */
  public static final List<Resources> DEFAULT_MIN_ALLOCATABLE =
      List.of(Resources.scalars("cpus", 10), Resources.scalars("mem", 32_000));

  public AllocatorConfig {
    if (allocationIntervalMs <= 0) throw new IllegalArgumentException("allocation interval must be positive");
    minAllocatable = List.copyOf(minAllocatable);
    fairSharingExcludedNames = Set.copyOf(fairSharingExcludedNames);
  }

  public static AllocatorConfig defaults() {
    return new AllocatorConfig(DEFAULT_ALLOCATION_INTERVAL_MS, DEFAULT_MIN_ALLOCATABLE, Set.of(), true);
  }

  public AllocatorConfig withMinAllocatable(List<Resources> sets) {
    return new AllocatorConfig(allocationIntervalMs, sets, fairSharingExcludedNames, filterGpuResources);
  }
}
