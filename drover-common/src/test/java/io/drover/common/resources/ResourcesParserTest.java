package io.drover.common.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourcesParserTest {
  @Test
  void parsesTheAgentFlagForm() {
    Resources r = ResourcesParser.parseResources("cpus:4;mem:8192;disk:20000;ports:[31000-32000]");
    assertThat(r.toList()).containsExactly(
        new Resource("cpus", "*", new Scalar(4000)),
        new Resource("disk", "*", new Scalar(20_000_000)),
        new Resource("mem", "*", new Scalar(8_192_000)),
        new Resource("ports", "*", Ranges.of(31000, 32000)));
  }

  @Test
  void parsesReservationsAndExplicitStar() {
    Resources r = ResourcesParser.parseResources(" cpus(web):2 ; ports(*):[31000-31005,31010-31020]; cpus(a/b):1");
    assertThat(r.reservedFor("web").scalarMillis("cpus")).isEqualTo(2000);
    assertThat(r.reservedFor("a/b").scalarMillis("cpus")).isEqualTo(1000);
    assertThat(r.unreserved().ranges("ports").intervalCount()).isEqualTo(2);
    assertThat(r.unreserved().ranges("ports").count()).isEqualTo(6 + 11);
  }

  @Test
  void repeatedEntriesAddUp() {
    assertThat(ResourcesParser.parseResources("cpus:1;cpus:2.5").scalarMillis("cpus")).isEqualTo(3500);
  }

  @Test
  void blankTextIsEmpty() {
    assertThat(ResourcesParser.parseResources("  ").isEmpty()).isTrue();
    assertThat(ResourcesParser.parseAttributes("").isEmpty()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "cpus                    | bad resource 'cpus': expected name:value or name(role):value",
      "cpus:abc                | bad resource 'cpus:abc': 'abc' is not a number, a range list like [31000-32000]",
      "cpus:-1                 | bad entry 'cpus:-1': the value -1 is negative",
      "cpus:0.0001             | bad entry 'cpus:0.0001': 0.0001 has more than 3 decimals",
      "ports:[31000-32000      | ranges must be closed with ']'",
      "ports:[32000-31000]     | range '32000-31000' has begin after end",
      "ports:[31000]           | range '31000' must look like begin-end",
      "ports:[a-b]             | range 'a-b' has 'a', not a non-negative integer",
      "cpus( web):1            | ' web' is not a valid role",
      "cpus(a//b):1            | 'a//b' is not a valid role",
      "cpus:1;cpus:[1-2]       | 'cpus' is used both as SCALAR and as RANGES",
      "s:{a,,b}                | the set has an empty item",
  })
  void badInputSaysWhatIsWrong(String text, String message) {
    assertThatThrownBy(() -> ResourcesParser.parseResources(text))
        .isInstanceOf(ResourcesFormatException.class)
        .hasMessageContaining(message.trim());
  }

  @Test
  void parsesTypedAttributes() {
    Attributes a = ResourcesParser.parseAttributes("rack:r1;zone:a;level:10;n:2.5;p:[1-3];s:{x,y}");
    assertThat(a.get("rack")).contains(new Text("r1"));
    assertThat(a.get("level")).contains(new Scalar(10_000));
    assertThat(a.get("n")).contains(new Scalar(2500));
    assertThat(a.get("p")).contains(Ranges.of(1, 3));
    assertThat(a.get("s").orElseThrow().typeName()).isEqualTo("SET");
    assertThat(a.get("zone").orElseThrow().typeName()).isEqualTo("TEXT");
    assertThat(a).hasToString("rack:r1;zone:a;level:10;n:2.5;p:[1-3];s:{x, y}");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "rack         | bad attribute 'rack': expected name:value",
      ":r1          | bad attribute ':r1': expected name:value",
      "rack:        | bad attribute 'rack:': the value is empty",
      "a:1;a:2      | attribute 'a' is repeated",
      "p:[3-1]      | range '3-1' has begin after end",
  })
  void badAttributesSayWhatIsWrong(String text, String message) {
    assertThatThrownBy(() -> ResourcesParser.parseAttributes(text))
        .isInstanceOf(ResourcesFormatException.class)
        .hasMessageContaining(message.trim());
  }
}
