package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Mesos {@code Offer}; {@code url}, {@code domain} and {@code unavailability} are kept uninterpreted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Offer(
    OfferID id,
    FrameworkID frameworkId,
    AgentID agentId,
    String hostname,
    JsonNode url,
    JsonNode domain,
    List<Resource> resources,
    List<Attribute> attributes,
    List<ExecutorID> executorIds,
    JsonNode unavailability,
    Resource.AllocationInfo allocationInfo) {

  /**
   * {@code Offer.Operation}: {@code type} selects which payload must be set. The experimental GROW/SHRINK_VOLUME and
   * CREATE/DESTROY_DISK payloads are kept uninterpreted.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Operation(
      OperationType type,
      OperationID id,
      Launch launch,
      LaunchGroup launchGroup,
      Reserve reserve,
      Unreserve unreserve,
      Create create,
      Destroy destroy,
      JsonNode growVolume,
      JsonNode shrinkVolume,
      JsonNode createDisk,
      JsonNode destroyDisk) {

    public static Operation launch(List<TaskInfo> taskInfos) {
      return new Operation(OperationType.LAUNCH, null, new Launch(taskInfos), null, null, null, null, null, null,
          null, null, null);
    }
  }

  public enum OperationType {
    @JsonEnumDefaultValue UNKNOWN(0),
    LAUNCH(1),
    LAUNCH_GROUP(6),
    RESERVE(2),
    UNRESERVE(3),
    CREATE(4),
    DESTROY(5),
    GROW_VOLUME(11),
    SHRINK_VOLUME(12),
    CREATE_DISK(13),
    DESTROY_DISK(14);

    private final int number;

    OperationType(int number) { this.number = number; }

    public int number() { return number; }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Launch(List<TaskInfo> taskInfos) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LaunchGroup(ExecutorInfo executor, TaskGroupInfo taskGroup) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Reserve(List<Resource> source, List<Resource> resources) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Unreserve(List<Resource> resources) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Create(List<Resource> volumes) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Destroy(List<Resource> volumes) {}
}
