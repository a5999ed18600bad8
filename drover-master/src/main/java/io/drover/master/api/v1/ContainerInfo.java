package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Mesos {@code ContainerInfo}; {@code mesos}, {@code linux_info}, {@code rlimit_info} and {@code tty_info} are kept
 * uninterpreted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerInfo(
    Type type,
    List<Volume> volumes,
    String hostname,
    DockerInfo docker,
    JsonNode mesos,
    List<NetworkInfo> networkInfos,
    JsonNode linuxInfo,
    JsonNode rlimitInfo,
    JsonNode ttyInfo) {

  public enum Type {
    @JsonEnumDefaultValue UNKNOWN(0), DOCKER(1), MESOS(2);

    private final int number;

    Type(int number) { this.number = number; }

    public int number() { return number; }
  }

  /** {@code ContainerInfo.DockerInfo}; {@code network} absent means HOST (proto default). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DockerInfo(
      String image,
      Network network,
      List<PortMapping> portMappings,
      Boolean privileged,
      List<Parameter> parameters,
      Boolean forcePullImage,
      String volumeDriver) {

    public Network networkOrDefault() { return network == null ? Network.HOST : network; }
  }

  public enum Network {
    @JsonEnumDefaultValue UNKNOWN(0), HOST(1), BRIDGE(2), NONE(3), USER(4);

    private final int number;

    Network(int number) { this.number = number; }

    public int number() { return number; }
  }

  /** {@code DockerInfo.PortMapping}: protocol is {@code "tcp"} or {@code "udp"} (absent means tcp). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PortMapping(int hostPort, int containerPort, String protocol) {}
}
