package io.drover.master.api.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.common.resources.Attributes;
import io.drover.common.resources.Ranges;
import io.drover.common.resources.Resources;
import io.drover.common.resources.ResourcesParser;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ResourceJsonTest {
  static List<Resource> json(String text) {
    return List.of(ApiJson.read(text, Resource[].class));
  }

  static JsonNode tree(Object value) { return ApiJson.mapper().valueToTree(value); }

  @Test
  void tenthsAddUpExactly() {
    Resources a = ResourceJson.fromJson(json("[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":0.1}}]"));
    Resources b = ResourceJson.fromJson(json("[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":0.2}}]"));
    Resources sum = a.plus(b);
    assertThat(sum.scalarMillis("cpus")).isEqualTo(300);
    assertThat(ResourceJson.toJson(sum).get(0).scalar().value()).isEqualTo(0.3);
    assertThat(ApiJson.write(ResourceJson.toJson(sum))).contains("\"scalar\":{\"value\":0.3}");
  }

  @Test
  void scalarsRoundToThreeDecimals() {
    Resources r = ResourceJson.fromJson(json("""
        [{"name":"cpus","type":"SCALAR","scalar":{"value":0.12345}},
         {"name":"mem","type":"SCALAR","scalar":{"value":128.0006}}]"""));
    assertThat(r.scalarMillis("cpus")).isEqualTo(123);
    assertThat(r.scalarMillis("mem")).isEqualTo(128_001);
  }

  @Test
  void portsRangesRoundTrip() {
    Resources ports = ResourcesParser.parseResources("ports:[31000-31005, 31010-32000]");
    List<Resource> out = ResourceJson.toJson(ports, "web");
    assertThat(tree(out)).isEqualTo(ApiJson.mapper().valueToTree(json("""
        [{"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":31005},{"begin":31010,"end":32000}]},
          "role":"*","allocation_info":{"role":"web"}}]""")));
    assertThat(ResourceJson.fromJson(out)).isEqualTo(ports);
    // Overlapping and unsorted JSON ranges normalise.
    Resources messy = ResourceJson.fromJson(json("""
        [{"name":"ports","type":"RANGES","ranges":{"range":[{"begin":5,"end":9},{"begin":1,"end":6}]}}]"""));
    assertThat(messy.ranges("ports")).isEqualTo(Ranges.of(1, 9));
  }

  @Test
  void staticReservationsRoundTrip() {
    Resources reserved = ResourcesParser.parseResources("cpus(web):2;cpus:1;disk(web):100");
    List<Resource> out = ResourceJson.toJson(reserved);
    assertThat(tree(out)).isEqualTo(ApiJson.mapper().valueToTree(json("""
        [{"name":"cpus","type":"SCALAR","scalar":{"value":1.0},"role":"*"},
         {"name":"cpus","type":"SCALAR","scalar":{"value":2.0},"role":"web",
          "reservations":[{"type":"STATIC","role":"web"}]},
         {"name":"disk","type":"SCALAR","scalar":{"value":100.0},"role":"web",
          "reservations":[{"type":"STATIC","role":"web"}]}]""")));
    assertThat(ResourceJson.fromJson(out)).isEqualTo(reserved);
  }

  @Test
  void reservationStackTopWinsAndDeprecatedRoleIsUnderstood() {
    Resources r = ResourceJson.fromJson(json("""
        [{"name":"cpus","type":"SCALAR","scalar":{"value":1},
          "reservations":[{"type":"STATIC","role":"eng"},{"type":"DYNAMIC","role":"eng/web","principal":"p"}]},
         {"name":"mem","type":"SCALAR","scalar":{"value":64},"role":"ops"},
         {"name":"disk","type":"SCALAR","scalar":{"value":10}}]"""));
    assertThat(r).isEqualTo(ResourcesParser.parseResources("cpus(eng/web):1;mem(ops):64;disk:10"));
  }

  @Test
  void setsRoundTrip() {
    Resources gpus = ResourcesParser.parseResources("gpu_ids:{b, a}");
    List<Resource> out = ResourceJson.toJson(gpus);
    assertThat(out.get(0).set().item()).containsExactly("a", "b");
    assertThat(ResourceJson.fromJson(out)).isEqualTo(gpus);
  }

  @Test
  void malformedResourcesAreRejectedWithTheirName() {
    assertThatThrownBy(() -> ResourceJson.fromJson(json("[{\"name\":\"cpus\",\"type\":\"SCALAR\"}]")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'cpus'").hasMessageContaining("scalar");
    assertThatThrownBy(() -> ResourceJson.fromJson(json("[{\"name\":\"cpus\",\"scalar\":{\"value\":1}}]")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no type");
    assertThatThrownBy(() -> ResourceJson.fromJson(json("[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":-1}}]")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    assertThatThrownBy(() -> ResourceJson.fromJson(json("[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":\"Infinity\"}}]")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
    assertThatThrownBy(() -> ResourceJson.fromJson(json("[{\"name\":\"x\",\"type\":\"TEXT\",\"text\":{\"value\":\"a\"}}]")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TEXT");
    assertThatThrownBy(() -> ResourceJson.fromJson(json("""
        [{"name":"ports","type":"RANGES","ranges":{"range":[{"begin":9,"end":1}]}}]""")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void attributesRoundTrip() {
    Attributes attrs = ResourcesParser.parseAttributes("rack:r1;level:10.5;slots:[1-4];zones:{a,b}");
    List<Attribute> out = ResourceJson.attributesToJson(attrs);
    assertThat(tree(out)).isEqualTo(ApiJson.mapper().valueToTree(List.of(ApiJson.read("""
        [{"name":"rack","type":"TEXT","text":{"value":"r1"}},
         {"name":"level","type":"SCALAR","scalar":{"value":10.5}},
         {"name":"slots","type":"RANGES","ranges":{"range":[{"begin":1,"end":4}]}},
         {"name":"zones","type":"SET","set":{"item":["a","b"]}}]""", Attribute[].class))));
    assertThat(ResourceJson.attributesFromJson(out)).isEqualTo(attrs);
  }
}
