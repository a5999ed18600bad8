package io.drover.apps.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class ServicePortsTest {

  @Test
  void dynamicPortsComeFromTheRangeAndFixedOnesAreKept() {
    ServicePorts ports = ServicePorts.defaults();
    ServicePorts.Result r = ports.assign("/a", List.of(0, 12345, 0));
    assertThat(r).isEqualTo(new ServicePorts.Result.Assigned(List.of(10000, 12345, 10001)));
    assertThat(ports.assign("/b", List.of(0))).isEqualTo(new ServicePorts.Result.Assigned(List.of(10002)));
    assertThat(ports.holderOf(12345)).contains("/a");
    assertThat(ports.assign("/c", List.of(80))).isEqualTo(new ServicePorts.Result.Assigned(List.of(80)));
  }

  @Test
  void aFixedPortOfAnotherAppIsAConflictNamingBothAndChangesNothing() {
    ServicePorts ports = ServicePorts.defaults();
    ports.assign("/a", List.of(10005));
    ServicePorts.Result r = ports.assign("/b", List.of(0, 10005));
    assertThat(r).isInstanceOf(ServicePorts.Result.Conflicts.class);
    ServicePorts.Conflict c = ((ServicePorts.Result.Conflicts) r).conflicts().getFirst();
    assertThat(c).isEqualTo(new ServicePorts.Conflict(1, 10005, "/b", "/a"));
    assertThat(c.message()).contains("10005").contains("/a").contains("/b");
    assertThat(ports.portsOf("/b")).isEmpty();
    assertThat(ports.assign("/b", List.of(7, 7))).isInstanceOf(ServicePorts.Result.Conflicts.class);
  }

  @Test
  void updatesKeepTheAppsPortsAndRemovalFreesThem() {
    ServicePorts ports = ServicePorts.defaults();
    ports.assign("/a", List.of(0, 0));
    ports.assign("/b", List.of(0));
    assertThat(ports.assign("/a", List.of(0, 0, 0))).isEqualTo(new ServicePorts.Result.Assigned(
        List.of(10000, 10001, 10003)));
    assertThat(ports.assign("/a", List.of(10001))).isEqualTo(new ServicePorts.Result.Assigned(List.of(10001)));
    assertThat(ports.holderOf(10000)).isEmpty(); // no longer asked for: freed
    assertThat(ports.release("/a")).containsExactly(10001);
    assertThat(ports.assign("/c", List.of(10001))).isEqualTo(new ServicePorts.Result.Assigned(List.of(10001)));
  }

  @Test
  void anExhaustedRangeChangesNothing() {
    ServicePorts ports = new ServicePorts(100, 102);
    ports.assign("/a", List.of(0, 0));
    assertThat(ports.assign("/b", List.of(0, 0))).isEqualTo(new ServicePorts.Result.Exhausted(2, 1));
    assertThat(ports.portsOf("/b")).isEmpty();
    assertThat(ports.holderOf(102)).isEmpty();
  }
}
