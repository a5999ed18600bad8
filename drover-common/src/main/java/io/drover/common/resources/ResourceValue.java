package io.drover.common.resources;

/** The value of one resource entry: a scalar, a set of ranges, or a set of items (Mesos SCALAR, RANGES, SET). */
public sealed interface ResourceValue permits Scalar, Ranges, ItemSet {
  /** Mesos' type name: {@code SCALAR}, {@code RANGES}, {@code SET} (or {@code TEXT} for attributes). */
  String typeName();
}
