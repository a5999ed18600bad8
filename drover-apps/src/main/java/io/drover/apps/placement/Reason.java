package io.drover.apps.placement;

/**
 * Why an offer was not used for an app: Marathon's {@code NoOfferMatchReason}, same names (they appear verbatim in
 * {@code /v2/queue}). Declaration order is Marathon's {@code reasonFunnel}: when an offer fails for several reasons,
 * statistics count only the first in this order.
 */
public enum Reason {
  UnfulfilledRole,
  UnfulfilledConstraint,
  NoCorrespondingReservationFound,
  AgentMaintenance,
  InsufficientCpus,
  InsufficientMemory,
  InsufficientDisk,
  InsufficientGpus,
  InsufficientPorts,
  DeclinedScarceResources
}
