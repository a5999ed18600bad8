/**
 * The Mesos v1 scheduler API as pure value types with their JSON mapping (stout's proto-JSON form: snake_case field
 * names, enums as names, bytes as Base64). Records mirror the messages of {@code include/mesos/v1/mesos.proto} and
 * {@code include/mesos/v1/scheduler/scheduler.proto}; an absent optional field is {@code null} and is omitted when
 * written, so a parsed message writes back to the same JSON tree. Every enum has an {@code UNKNOWN} constant that
 * values unknown to Drover parse to (as Mesos does). Use {@link io.drover.master.api.v1.ApiJson} for the mapper.
 * No I/O here.
 */
package io.drover.master.api.v1;
