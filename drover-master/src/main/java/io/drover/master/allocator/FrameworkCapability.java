package io.drover.master.allocator;

/** Mesos {@code FrameworkInfo.Capability.Type} values. The allocator reads MULTI_ROLE and GPU_RESOURCES. */
public enum FrameworkCapability {
  REVOCABLE_RESOURCES,
  TASK_KILLING_STATE,
  GPU_RESOURCES,
  SHARED_RESOURCES,
  PARTITION_AWARE,
  MULTI_ROLE,
  RESERVATION_REFINEMENT,
  REGION_AWARE
}
