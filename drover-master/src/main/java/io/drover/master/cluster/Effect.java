package io.drover.master.cluster;

/**
 * What the driver must do after a command, in the order returned. A {@link PersistRegistry} must be written to
 * ZooKeeper before any later effect of the same command is carried out (Mesos writes the registry before it
 * replies to the agent).
 */
public sealed interface Effect {
  record SendToFramework(String frameworkId, FrameworkEvent event) implements Effect {}

  record SendToAgent(String agentId, AgentMessage message) implements Effect {}

  record PersistRegistry(RegistryChange change) implements Effect {}

  /** Close the framework's subscription stream {@code streamId} (replaced by a newer one, or torn down). */
  record CloseStream(String frameworkId, String streamId) implements Effect {}

  /**
   * The call is refused: the HTTP layer answers {@link Rejection#httpStatus()} with {@code message} and nothing else
   * happened.
   */
  record Rejected(Rejection rejection, String message) implements Effect {}

  enum Rejection {
    /** 400: the framework id is not known. */
    UNKNOWN_FRAMEWORK(400),
    /** 403: the framework exists but has no open subscription stream. */
    NOT_SUBSCRIBED(403),
    /** 400: the call is malformed (e.g. invalid roles). */
    INVALID(400);

    private final int httpStatus;

    Rejection(int httpStatus) { this.httpStatus = httpStatus; }

    public int httpStatus() { return httpStatus; }
  }

  /** A registry change that must be persisted: the agent's new registry status. */
  record RegistryChange(String agentId, AgentStatus status, AgentInfo info, long timeMs) {}
}
