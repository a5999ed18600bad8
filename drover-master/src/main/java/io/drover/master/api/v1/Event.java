package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Mesos v1 scheduler {@code Event}: {@code type} selects the payload. Inverse offers and operation status updates are
 * kept uninterpreted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Event(
    Type type,
    Subscribed subscribed,
    Offers offers,
    JsonNode inverseOffers,
    Rescind rescind,
    JsonNode rescindInverseOffer,
    Update update,
    JsonNode updateOperationStatus,
    Message message,
    Failure failure,
    Error error) {

  /** Default heartbeat interval sent in SUBSCRIBED. */
  public static final double DEFAULT_HEARTBEAT_INTERVAL_SECONDS = 15.0;

  private static Event of(Type type, Subscribed s, Offers o, Rescind r, Update u, Message m, Failure f, Error e) {
    return new Event(type, s, o, null, r, null, u, null, m, f, e);
  }

  public static Event subscribed(Subscribed subscribed) {
    return of(Type.SUBSCRIBED, subscribed, null, null, null, null, null, null);
  }

  public static Event offers(List<Offer> offers) {
    return of(Type.OFFERS, null, new Offers(offers), null, null, null, null, null);
  }

  public static Event rescind(OfferID offerId) {
    return of(Type.RESCIND, null, null, new Rescind(offerId), null, null, null, null);
  }

  public static Event update(TaskStatus status) {
    return of(Type.UPDATE, null, null, null, new Update(status), null, null, null);
  }

  public static Event message(Message message) {
    return of(Type.MESSAGE, null, null, null, null, message, null, null);
  }

  public static Event failure(Failure failure) {
    return of(Type.FAILURE, null, null, null, null, null, failure, null);
  }

  public static Event error(String message) {
    return of(Type.ERROR, null, null, null, null, null, null, new Error(message));
  }

  public static Event heartbeat() { return of(Type.HEARTBEAT, null, null, null, null, null, null, null); }

  public enum Type {
    @JsonEnumDefaultValue UNKNOWN(0),
    SUBSCRIBED(1),
    OFFERS(2),
    INVERSE_OFFERS(9),
    RESCIND(3),
    RESCIND_INVERSE_OFFER(10),
    UPDATE(4),
    UPDATE_OPERATION_STATUS(11),
    MESSAGE(5),
    FAILURE(6),
    ERROR(7),
    HEARTBEAT(8);

    private final int number;

    Type(int number) { this.number = number; }

    public int number() { return number; }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Subscribed(FrameworkID frameworkId, Double heartbeatIntervalSeconds, MasterInfo masterInfo) {}

  /** {@code {"offers":[..]}} (the docs show a bare list; the proto wins). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Offers(List<Offer> offers) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Rescind(OfferID offerId) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Update(TaskStatus status) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Message(AgentID agentId, ExecutorID executorId, Bytes data) {}

  /** Executor exit ({@code executor_id} and {@code status} set) or agent removal (only {@code agent_id}). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Failure(AgentID agentId, ExecutorID executorId, Integer status) {}

  /** {@code {"message":".."}} nested under {@code error} (the docs show a top-level message; the proto wins). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Error(String message) {}
}
