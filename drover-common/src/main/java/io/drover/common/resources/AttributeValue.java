package io.drover.common.resources;

/** The value of an agent attribute: Mesos TEXT, SCALAR, RANGES or SET. */
public sealed interface AttributeValue permits Text, Scalar, Ranges, ItemSet {
  /** Mesos' type name: {@code TEXT}, {@code SCALAR}, {@code RANGES} or {@code SET}. */
  String typeName();
}
