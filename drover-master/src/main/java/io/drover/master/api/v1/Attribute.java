package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Mesos {@code Attribute}: {@code {"name":"rack","type":"TEXT","text":{"value":"r1"}}} (or SCALAR/RANGES/SET). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attribute(
    String name, Value.Type type, Value.Scalar scalar, Value.Ranges ranges, Value.Set set, Value.Text text) {}
