package io.drover.master.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.common.resources.Attribute;
import io.drover.common.resources.Attributes;
import io.drover.common.resources.Resources;
import io.drover.common.resources.ResourcesParser;
import io.drover.common.resources.Text;
import io.drover.master.allocator.Quota;
import io.drover.master.cluster.AgentInfo;
import io.drover.master.cluster.AgentStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The znode JSON forms, without a server. */
class RegistryCodecTest {
  @Test void agentJsonIsReadableAndRoundTrips() throws IOException {
    AgentInfo info = new AgentInfo("h", 5051, ResourcesParser.parseResources("cpus(web):2;ports:[1-5]"),
        ResourcesParser.parseAttributes("rack:r1"));
    RegistryEntry e = new RegistryEntry("S1", AgentStatus.GONE, Optional.of(info), 42);
    byte[] json = RegistryCodec.encodeAgent(e);
    assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"agentId\":\"S1\",\"status\":\"GONE\","
        + "\"hostname\":\"h\",\"port\":5051,\"resources\":\"" + info.resources() + "\",\"attributes\":\"rack:r1\","
        + "\"timeMs\":42}");
    assertThat(RegistryCodec.decodeAgent(json)).isEqualTo(e);
  }

  @Test void agentWithoutInfoAndEmptyBagsRoundTrip() throws IOException {
    RegistryEntry none = new RegistryEntry("S2", AgentStatus.UNREACHABLE, Optional.empty(), 7);
    assertThat(RegistryCodec.decodeAgent(RegistryCodec.encodeAgent(none))).isEqualTo(none);
    RegistryEntry empty = new RegistryEntry("S3", AgentStatus.REGISTERED,
        Optional.of(new AgentInfo("h", 1, Resources.EMPTY, Attributes.EMPTY)), 8);
    assertThat(RegistryCodec.decodeAgent(RegistryCodec.encodeAgent(empty))).isEqualTo(empty);
  }

  @Test void valuesThatWouldNotSurviveTheTextFormAreRefusedUpFront() {
    Attributes numberLikeText = new Attributes(List.of(new Attribute("level", new Text("10"))));
    RegistryEntry e = new RegistryEntry("S1", AgentStatus.REGISTERED,
        Optional.of(new AgentInfo("h", 1, Resources.EMPTY, numberLikeText)), 1);
    assertThatThrownBy(() -> RegistryCodec.encodeAgent(e)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("level");
  }

  @Test void quotaAndWeightsRoundTripExactly() throws IOException {
    Quota q = new Quota(Map.of("cpus", 1_001L), Map.of("cpus", 2_000L, "mem", 4_096_000L));
    assertThat(RegistryCodec.decodeQuota(RegistryCodec.encodeQuota(q))).isEqualTo(q);
    Map<String, Double> w = Map.of("a", 0.001, "b/c", 3.5);
    assertThat(RegistryCodec.decodeWeights(RegistryCodec.encodeWeights(w))).isEqualTo(w);
    assertThatThrownBy(() -> RegistryCodec.encodeWeights(Map.of("a", Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test void corruptQuotaIsAnIoException() {
    byte[] bad = "{\"guaranteesMillis\":{\"cpus\":5},\"limitsMillis\":{\"cpus\":1}}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> RegistryCodec.decodeQuota(bad)).isInstanceOf(IOException.class);
  }

  @Test void znodeNamesAreUrlEncodedAndDotsRefused() {
    assertThat(RegistryStore.encodeName("role", "eng/backend")).isEqualTo("eng%2Fbackend");
    assertThatThrownBy(() -> RegistryStore.encodeName("role", "..")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RegistryStore.encodeName("role", "")).isInstanceOf(IllegalArgumentException.class);
  }
}
