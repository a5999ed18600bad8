/**
 * Mesos protocol enums shared by every module (agent, master cluster core, v1 API JSON), one definition each, names
 * and numbers as in apache/mesos' {@code include/mesos/v1/mesos.proto}. Each has an {@code UNKNOWN} (-1) constant
 * meaning "a value this version of Drover does not know", which {@code ofNumber} and JSON parsing (with
 * {@code READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE}) fall back to. Pure: no I/O.
 */
package io.drover.common.mesos;
