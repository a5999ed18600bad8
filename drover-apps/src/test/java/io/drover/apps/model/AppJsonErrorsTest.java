package io.drover.apps.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Syntax and type errors: 400 {@code Invalid JSON} with Play-style keys and paths. */
final class AppJsonErrorsTest {
  private static String body400(String json) {
    Parsed<AppDefinition> p = AppJson.read(json, PathId.ROOT);
    assertThat(p).isInstanceOf(Parsed.InvalidJson.class);
    assertThat(p.status()).isEqualTo(400);
    return ((Parsed.InvalidJson<AppDefinition>) p).body().toJson().toString();
  }

  @Test
  void idOfWrongTypeIsTheReferenceBody() {
    assertThat(body400("{\"id\":5,\"cmd\":\"x y\"}"))
        .isEqualTo("{\"message\":\"Invalid JSON\",\"details\":[{\"path\":\"/id\",\"errors\":[\"error.expected.jsstring\"]}]}");
  }

  @Test
  void missingIdIsPathMissing() {
    assertThat(body400("{\"cmd\":\"x y\"}")).contains("{\"path\":\"/id\",\"errors\":[\"error.path.missing\"]}");
    assertThat(body400("{\"id\":null,\"cmd\":\"x y\"}")).contains("error.path.missing");
  }

  @Test
  void numbersBooleansArraysObjectsAndEnums() {
    String b = body400("""
        {"id":"/a","cmd":"x y","cpus":"1","instances":1.5,"requirePorts":"no","constraints":"UNIQUE",
         "container":{"type":"LXC","docker":"busybox"},"killSelection":"RANDOM",
         "portDefinitions":[{"port":"80"}],"healthChecks":[{"protocol":"PING"}],"env":{"A":1}}
        """);
    assertThat(b).contains("{\"path\":\"/cpus\",\"errors\":[\"error.expected.jsnumber\"]}")
        .contains("{\"path\":\"/instances\",\"errors\":[\"error.expected.int\"]}")
        .contains("{\"path\":\"/requirePorts\",\"errors\":[\"error.expected.jsboolean\"]}")
        .contains("{\"path\":\"/constraints\",\"errors\":[\"error.expected.jsarray\"]}")
        .contains("{\"path\":\"/container/type\",\"errors\":[\"error.unknown.enum.literal\"]}")
        .contains("{\"path\":\"/container/docker\",\"errors\":[\"error.expected.jsobject\"]}")
        .contains("{\"path\":\"/killSelection\",\"errors\":[\"error.unknown.enum.literal\"]}")
        .contains("{\"path\":\"/portDefinitions(0)/port\",\"errors\":[\"error.expected.jsnumber\"]}")
        .contains("{\"path\":\"/healthChecks(0)/protocol\",\"errors\":[\"error.unknown.enum.literal\"]}")
        .contains("{\"path\":\"/env/A\",\"errors\":[\"error.expected.jsstring\"]}");
  }

  @Test
  void dockerImageIsRequiredAndBadVersionIsReported() {
    assertThat(body400("{\"id\":\"/a\",\"container\":{\"type\":\"DOCKER\",\"docker\":{}}}"))
        .contains("{\"path\":\"/container/docker/image\",\"errors\":[\"error.path.missing\"]}");
    assertThat(body400("{\"id\":\"/a\",\"cmd\":\"x y\",\"version\":\"soon\"}"))
        .contains("{\"path\":\"/version\",\"errors\":[\"error.expected.date.isoformat\"]}");
  }

  @Test
  void syntaxErrorsAndNonObjectsNeverThrow() {
    assertThat(body400("{\"id\":")).startsWith("{\"message\":\"Invalid JSON\",\"details\":[{\"path\":\"/\"");
    assertThat(body400("[1,2]")).contains("error.expected.jsobject");
    assertThat(body400("")).contains("error.expected.jsobject");
    assertThat(body400("42")).contains("error.expected.jsobject");
    assertThat(AppJson.readAll("{}", PathId.ROOT).status()).isEqualTo(400);
  }

  @Test
  void bulkErrorsArePrefixedWithTheIndex() {
    Parsed<java.util.List<AppDefinition>> p = AppJson.readAll("[{\"id\":\"/a\",\"cmd\":\"x y\"},{\"id\":3}]", PathId.ROOT);
    assertThat(((Parsed.InvalidJson<?>) p).body().toJson().toString()).contains("{\"path\":\"(1)/id\"");
    Parsed<java.util.List<AppDefinition>> ok = AppJson.readAll("[{\"id\":\"/a\",\"cmd\":\"x y\"}]", PathId.ROOT);
    assertThat(ok.orThrow()).hasSize(1);
  }
}
