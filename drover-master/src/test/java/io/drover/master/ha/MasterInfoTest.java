package io.drover.master.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.master.api.v1.Address;
import io.drover.master.api.v1.MasterInfo;
import io.drover.master.api.v1.MasterInfo.Capability;
import io.drover.master.api.v1.MasterInfo.CapabilityType;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MasterInfoTest {
  static MasterInfo sample() throws Exception {
    return MasterInfos.of("master-1", (Inet4Address) InetAddress.getByName("10.0.0.1"), 5050, "m1.example", "1.11.0");
  }

  @Test void packsIpLikeMesos() throws Exception {
    // MESOS-1201: network-order s_addr read as a little-endian uint32.
    assertThat(MasterInfos.packIp((Inet4Address) InetAddress.getByName("127.0.0.1"))).isEqualTo(16777343L);
    assertThat(MasterInfos.packIp((Inet4Address) InetAddress.getByName("10.0.0.1"))).isEqualTo(16777226L);
    assertThat(MasterInfos.packIp((Inet4Address) InetAddress.getByName("255.255.255.255"))).isEqualTo(0xFFFF_FFFFL);
    assertThat(MasterInfo.unpackIp(16777226L)).isEqualTo("10.0.0.1");
  }

  @Test void jsonIsWhatMesosWrites() throws Exception {
    // stout JSON::protobuf: snake_case, keys sorted (JSON::Object is a std::map), unset fields omitted.
    assertThat(new String(sample().toJson(), StandardCharsets.UTF_8)).isEqualTo(
        "{\"address\":{\"hostname\":\"m1.example\",\"ip\":\"10.0.0.1\",\"port\":5050},\"hostname\":\"m1.example\","
            + "\"id\":\"master-1\",\"ip\":16777226,\"pid\":\"master@10.0.0.1:5050\",\"port\":5050,\"version\":\"1.11.0\"}");
  }

  @Test void capabilitiesAreWrittenAsTypeObjects() throws Exception {
    MasterInfo m = sample();
    MasterInfo withCaps = new MasterInfo(m.id(), m.ip(), m.port(), m.pid(), m.hostname(), m.version(), m.address(),
        null, List.of(new Capability(CapabilityType.AGENT_UPDATE)));
    assertThat(new String(withCaps.toJson(), StandardCharsets.UTF_8))
        .contains("\"capabilities\":[{\"type\":\"AGENT_UPDATE\"}]");
    assertThat(MasterInfo.fromJson(withCaps.toJson())).isEqualTo(withCaps);
  }

  @Test void readsARealMesosNodeIgnoringUnknownFields() throws Exception {
    String mesos = "{\"address\":{\"hostname\":\"master\",\"ip\":\"172.17.0.2\",\"port\":5050},"
        + "\"capabilities\":[{\"type\":\"AGENT_UPDATE\"},{\"type\":\"AGENT_DRAINING\"},{\"type\":\"QUOTA_V2\"}],"
        + "\"domain\":{\"fault_domain\":{\"region\":{\"name\":\"r1\"},\"zone\":{\"name\":\"z1\"}}},"
        + "\"hostname\":\"master\",\"id\":\"a9d3f6c1-0b7e-4f0c-9a8e-2f4c1e2b3d4f\",\"ip\":33558956,"
        + "\"pid\":\"master@172.17.0.2:5050\",\"port\":5050,\"version\":\"1.11.0\"}";
    MasterInfo info = MasterInfo.fromJson(mesos.getBytes(StandardCharsets.UTF_8));
    assertThat(info.pid()).isEqualTo("master@172.17.0.2:5050");
    assertThat(MasterInfo.unpackIp(info.ip())).isEqualTo("172.17.0.2");
    assertThat(info.address()).isEqualTo(new Address("master", "172.17.0.2", 5050));
    assertThat(info.capabilities()).extracting(Capability::type)
        .containsExactly(CapabilityType.AGENT_UPDATE, CapabilityType.AGENT_DRAINING, CapabilityType.QUOTA_V2);
  }

  @Test void roundTrips() throws Exception {
    assertThat(MasterInfo.fromJson(sample().toJson())).isEqualTo(sample());
  }

  @Test void rejectsNonJson() {
    assertThatThrownBy(() -> MasterInfo.fromJson(new byte[] {0x0a, 0x05, 'h', 'e', 'l', 'l', 'o'}))
        .isInstanceOf(IOException.class);
  }
}
