package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;

/**
 * Mesos {@code MasterInfo}: the {@code master_info} of a {@code SUBSCRIBED} event and the content of a master's
 * {@code json.info_<seq>} election znode (see {@code io.drover.master.ha}). One type for both.
 *
 * <p>JSON is stout's {@code JSON::protobuf} form: snake_case names, keys in alphabetical order (stout's JSON::Object
 * is a sorted map; written that way so an election znode is byte-for-byte what a Mesos master writes), unset
 * ({@code null}) fields omitted. {@code domain} is kept uninterpreted.
 *
 * @param id unique master id (Mesos: {@code <pid>-<uuid>})
 * @param ip IPv4 address as Mesos writes it: the network-order {@code s_addr} read as a little-endian uint32
 *     (MESOS-1201), so {@code 127.0.0.1} is {@code 16777343}; a long so the full uint32 range fits. See
 *     {@code io.drover.master.ha.MasterInfos#packIp}. Deprecated in Mesos in favour of {@code address.ip} but still
 *     written and read.
 * @param port HTTP port (5050 by default)
 * @param pid libprocess pid, {@code master@<ip>:<port>}
 * @param hostname advertised hostname (may be null)
 * @param version software version (may be null)
 * @param address the address proper (may be null only when read from an old master)
 * @param domain fault domain, uninterpreted (may be null)
 * @param capabilities master capabilities, e.g. {@code AGENT_UPDATE}; null when absent (then omitted from JSON)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(alphabetic = true)
public record MasterInfo(
    String id,
    long ip,
    int port,
    String pid,
    String hostname,
    String version,
    Address address,
    JsonNode domain,
    List<Capability> capabilities) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Capability(CapabilityType type) {}

  public enum CapabilityType {
    @JsonEnumDefaultValue UNKNOWN(0), AGENT_UPDATE(1), AGENT_DRAINING(2), QUOTA_V2(3);

    private final int number;

    CapabilityType(int number) { this.number = number; }

    public int number() { return number; }
  }

  /** The dotted form of a packed {@link #ip()}. */
  public static String unpackIp(long packed) {
    return (packed & 0xFF) + "." + (packed >> 8 & 0xFF) + "." + (packed >> 16 & 0xFF) + "." + (packed >> 24 & 0xFF);
  }

  /** The JSON bytes (UTF-8) a master writes into its election znode: {@link ApiJson}'s form. */
  public byte[] toJson() { return ApiJson.writeBytes(this); }

  /**
   * Parses an election znode's content. Unknown fields are ignored, unknown capability names read as
   * {@link CapabilityType#UNKNOWN}.
   *
   * @throws IOException if the bytes are not a JSON MasterInfo (e.g. a legacy binary-protobuf {@code info_} node),
   *     lack an {@code id}, or carry an {@code ip} that is not a uint32 or a {@code port} outside 0..65535
   */
  public static MasterInfo fromJson(byte[] json) throws IOException {
    MasterInfo info;
    try {
      info = ApiJson.read(json, MasterInfo.class);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    if (info == null) throw new IOException("empty MasterInfo JSON");
    if (info.id() == null) throw new IOException("MasterInfo JSON has no id");
    if (info.ip() < 0 || info.ip() > 0xFFFF_FFFFL) throw new IOException("MasterInfo ip is not a uint32: " + info.ip());
    if (info.port() < 0 || info.port() > 65535) throw new IOException("MasterInfo has a bad port " + info.port());
    return info;
  }
}
