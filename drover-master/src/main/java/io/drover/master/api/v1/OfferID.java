package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** Mesos {@code OfferID}: JSON {@code {"value":"..."}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OfferID(String value) {
  public OfferID {
    Objects.requireNonNull(value, "OfferID.value");
  }
}
