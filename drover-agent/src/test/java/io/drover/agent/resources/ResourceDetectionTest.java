package io.drover.agent.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.common.resources.Resources;
import io.drover.common.resources.ResourcesFormatException;
import io.drover.common.resources.ResourcesParser;
import org.junit.jupiter.api.Test;

class ResourceDetectionTest {
  private static Resources parse(String text) { return ResourcesParser.parseResources(text); }

  @Test
  void largeMachineKeepsOneGibOfMemoryAndFiveGibOfDisk() {
    MachineFacts facts = new MachineFacts(16, 65536, 512000);
    assertThat(ResourceDetection.detect(facts, (String) null))
        .isEqualTo(parse("cpus:16;mem:64512;disk:506880;ports:[31000-32000]"));
  }

  @Test
  void smallMachineGetsHalfOfMemoryAndDisk() {
    MachineFacts facts = new MachineFacts(1, 2047, 10239);
    assertThat(ResourceDetection.detect(facts, ""))
        .isEqualTo(parse("cpus:1;mem:1023;disk:5119;ports:[31000-32000]"));
  }

  @Test
  void thresholdsAreInclusiveAsInMesos() {
    assertThat(ResourceDetection.memMb(2048)).isEqualTo(1024);
    assertThat(ResourceDetection.memMb(2047)).isEqualTo(1023);
    assertThat(ResourceDetection.diskMb(10240)).isEqualTo(5120);
    assertThat(ResourceDetection.diskMb(10239)).isEqualTo(5119);
    assertThat(ResourceDetection.memMb(0)).isZero();
  }

  @Test
  void unknownFactsFallBackToMesosDefaultsWithoutHeadroom() {
    assertThat(ResourceDetection.detect(MachineFacts.unknown(), ""))
        .isEqualTo(parse("cpus:1;mem:1024;disk:10240;ports:[31000-32000]"));
  }

  @Test
  void explicitValuesReplaceDetectionPerName() {
    MachineFacts facts = new MachineFacts(8, 16384, 100000);
    assertThat(ResourceDetection.detect(facts, "cpus:2.5;ports:[5000-5010];gpus:1"))
        .isEqualTo(parse("cpus:2.5;mem:15360;disk:94880;ports:[5000-5010];gpus:1"));
  }

  @Test
  void aReservedEntrySuppressesDetectionOfThatNameEntirely() {
    MachineFacts facts = new MachineFacts(8, 16384, 100000);
    Resources r = ResourceDetection.detect(facts, "cpus(web):2;mem(web):1024;mem:2048");
    assertThat(r).isEqualTo(parse("cpus(web):2;mem(web):1024;mem:2048;disk:94880;ports:[31000-32000]"));
    assertThat(r.unreserved().scalarMillis("cpus")).isZero();
  }

  @Test
  void zeroValuedEntriesInTheFlagStillCountAsExplicit() {
    MachineFacts facts = new MachineFacts(8, 16384, 100000);
    assertThat(ResourceDetection.detect(facts, "cpus:0; disk:0"))
        .isEqualTo(parse("mem:15360;ports:[31000-32000]"));
  }

  @Test
  void parsedBagOverloadUsesTheNamesItHolds() {
    MachineFacts facts = new MachineFacts(4, 4096, 20480);
    assertThat(ResourceDetection.detect(facts, parse("disk(db):1000")))
        .isEqualTo(parse("cpus:4;mem:3072;disk(db):1000;ports:[31000-32000]"));
    assertThat(ResourceDetection.detect(facts, Resources.EMPTY))
        .isEqualTo(parse("cpus:4;mem:3072;disk:15360;ports:[31000-32000]"));
  }

  @Test
  void badFlagTextIsRejectedWithTheParsersMessage() {
    assertThatThrownBy(() -> ResourceDetection.detect(MachineFacts.unknown(), "cpus:abc"))
        .isInstanceOf(ResourcesFormatException.class)
        .hasMessageContaining("cpus:abc");
  }

  @Test
  void factsRejectNegativeMeasurements() {
    assertThatThrownBy(() -> new MachineFacts(2, -5, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(ResourceDetection.defaultPorts().toString()).isEqualTo("[31000-32000]");
  }
}
