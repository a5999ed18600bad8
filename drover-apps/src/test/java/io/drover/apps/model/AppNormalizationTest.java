package io.drover.apps.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class AppNormalizationTest {
  private static AppDefinition parse(String json) { return AppJson.parse(json, PathId.ROOT).orThrow(); }

  private static String errors422(String json) {
    Parsed<AppDefinition> p = AppJson.parse(json, PathId.ROOT);
    assertThat(p).isInstanceOf(Parsed.Invalid.class);
    assertThat(p.status()).isEqualTo(422);
    return ((Parsed.Invalid<AppDefinition>) p).body().toJson().toString();
  }

  @Test
  void legacyPortsBecomePortDefinitionsWithoutNames() {
    AppDefinition app = parse("{\"id\":\"/a\",\"cmd\":\"x y\",\"ports\":[0,8080]}");
    assertThat(app.portDefinitions()).containsExactly(PortDefinition.of(0), PortDefinition.of(8080));
    assertThat(parse("{\"id\":\"/a\",\"cmd\":\"x y\",\"ports\":[]}").portDefinitions()).isEmpty();
    assertThat(parse("{\"id\":\"/a\",\"cmd\":\"x y\",\"portDefinitions\":[]}").portDefinitions()).isEmpty();
  }

  @Test
  void legacyUrisBecomeFetchExtractingOnlyArchives() {
    AppDefinition app = parse("{\"id\":\"/a\",\"cmd\":\"x y\",\"uris\":[\"http://h/a.tar.gz\",\"http://h/run.sh\"]}");
    assertThat(app.fetch()).containsExactly(FetchUri.of("http://h/a.tar.gz"),
        new FetchUri("http://h/run.sh", false, false, false, Optional.empty()));
    assertThat(errors422("{\"id\":\"/a\",\"cmd\":\"x y\",\"uris\":[\"u\"],\"fetch\":[{\"uri\":\"v\"}]}"))
        .contains("{\"path\":\"/uris\",\"errors\":[\"may not be set in conjunction with fetch\"]}");
  }

  @Test
  void legacyDockerBridgeNetworkAndPortMappings() {
    AppDefinition app = parse("""
        {"id":"/web","container":{"type":"DOCKER","docker":{"image":"busybox","network":"BRIDGE",
          "portMappings":[{"containerPort":80},{"containerPort":443,"hostPort":31443}]}}}
        """);
    assertThat(app.networks()).containsExactly(Network.BRIDGE);
    assertThat(app.portDefinitions()).isEmpty();
    List<PortMapping> pms = app.container().orElseThrow().portMappings();
    assertThat(pms).extracting(PortMapping::containerPort).containsExactly(80, 443);
    // In bridge mode a missing host port means "any" (0).
    assertThat(pms).extracting(PortMapping::hostPort).containsExactly(Optional.of(0), Optional.of(31443));
    assertThat(AppJson.toJson(app).get("container").get("docker").has("network")).isFalse();
    assertThat(AppJson.toJson(app).get("networks").toString()).isEqualTo("[{\"mode\":\"container/bridge\"}]");
  }

  @Test
  void legacyDockerHostNetworkKeepsDefaultPort() {
    AppDefinition app = parse("{\"id\":\"/web\",\"container\":{\"docker\":{\"image\":\"nginx\",\"network\":\"HOST\"}}}");
    assertThat(app.container().orElseThrow().type()).isEqualTo(Container.Type.DOCKER);
    assertThat(app.networks()).containsExactly(Network.HOST);
    assertThat(app.portDefinitions()).containsExactly(PortDefinition.DEFAULT);
  }

  @Test
  void hostNetworkingDropsPortMappings() {
    AppDefinition app = parse("""
        {"id":"/web","container":{"type":"DOCKER","docker":{"image":"nginx"},"portMappings":[{"containerPort":80}]},
         "networks":[{"mode":"host"}]}
        """);
    assertThat(app.container().orElseThrow().portMappings()).isEmpty();
    assertThat(app.portDefinitions()).containsExactly(PortDefinition.DEFAULT);
  }

  @Test
  void bridgeWithoutMappingsGetsOneDefaultMappingAndNoPortDefinitions() {
    AppDefinition app = parse("{\"id\":\"/w\",\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"x\"}},"
        + "\"networks\":[{\"mode\":\"container/bridge\"}],\"portDefinitions\":[{\"port\":0}],\"requirePorts\":true}");
    assertThat(app.container().orElseThrow().portMappings())
        .containsExactly(PortMapping.DEFAULT.withHostPort(Optional.of(0)));
    assertThat(app.portDefinitions()).isEmpty();
    assertThat(app.requirePorts()).isFalse();
  }

  @Test
  void ipAddressBecomesAContainerNetworkAndMesosContainer() {
    AppDefinition app = parse("""
        {"id":"/w","cmd":"x y","ipAddress":{"networkName":"dcos","discovery":{"ports":[{"number":80,"name":"http"}]}}}
        """);
    assertThat(app.networks()).containsExactly(new Network(Network.Mode.CONTAINER, Optional.of("dcos"), java.util.Map.of()));
    Container c = app.container().orElseThrow();
    assertThat(c.type()).isEqualTo(Container.Type.MESOS);
    assertThat(c.portMappings()).singleElement().satisfies(pm -> {
      assertThat(pm.containerPort()).isEqualTo(80);
      assertThat(pm.name()).contains("http");
      assertThat(pm.hostPort()).isEmpty();
    });
    assertThat(errors422("{\"id\":\"/w\",\"cmd\":\"x y\",\"ipAddress\":{},\"networks\":[{\"mode\":\"host\"}]}"))
        .contains("must not specify both networks and ipAddress");
  }

  @Test
  void conflictingLegacyAndCanonicalFieldsAre422() {
    assertThat(errors422("{\"id\":\"/a\",\"cmd\":\"x y\",\"ports\":[80],\"portDefinitions\":[{\"port\":81}]}"))
        .contains("cannot specify both ports and port definitions");
    assertThat(errors422("{\"id\":\"/a\",\"cmd\":\"x y\",\"ports\":[80,80]}")).contains("ports must be unique");
    assertThat(errors422("{\"id\":\"/a\",\"container\":{\"docker\":{\"image\":\"x\",\"network\":\"NONE\"}}}"))
        .contains("{\"path\":\"/container/docker/network\",\"errors\":[\"unsupported docker network type NONE\"]}");
    assertThat(errors422("{\"id\":\"/a\",\"container\":{\"docker\":{\"image\":\"x\",\"network\":\"BRIDGE\"}},"
        + "\"networks\":[{\"mode\":\"container/bridge\"}]}"))
        .contains("must not specify both container.docker.network and networks");
    assertThat(errors422("{\"id\":\"/a\",\"container\":{\"docker\":{\"image\":\"x\",\"portMappings\":[{\"containerPort\":1}]},"
        + "\"portMappings\":[{\"containerPort\":2}]},\"networks\":[{\"mode\":\"container/bridge\"}]}"))
        .contains("cannot specify both portMappings and docker.portMappings");
  }

  @Test
  void healthChecksGetPortIndexZeroOnlyWhenPortsAreDeclared() {
    AppDefinition declared = parse("{\"id\":\"/a\",\"cmd\":\"x y\",\"portDefinitions\":[{\"port\":0}],"
        + "\"healthChecks\":[{\"protocol\":\"HTTP\"},{\"protocol\":\"COMMAND\",\"command\":{\"value\":\"true\"}}]}");
    assertThat(declared.healthChecks().get(0).portIndex()).contains(0);
    assertThat(declared.healthChecks().get(1).portIndex()).isEmpty();
    AppDefinition implicit = parse("{\"id\":\"/a\",\"cmd\":\"x y\",\"healthChecks\":[{\"path\":\"/\"}]}");
    assertThat(implicit.healthChecks().getFirst().portIndex()).isEmpty();
    assertThat(Validation.validate(implicit)).isEmpty();
  }

  @Test
  void commandMakesACommandCheckAndDefaultsAreFilled() {
    HealthCheck hc = parse("{\"id\":\"/a\",\"cmd\":\"x y\",\"healthChecks\":[{\"command\":{\"value\":\"curl -f x\"}}]}")
        .healthChecks().getFirst();
    assertThat(hc.protocol()).isEqualTo(HealthCheck.Protocol.COMMAND);
    assertThat(hc.command()).contains("curl -f x");
    assertThat(List.of(hc.gracePeriodSeconds(), hc.intervalSeconds(), hc.timeoutSeconds(), hc.delaySeconds()))
        .containsExactly(300L, 60L, 20L, 15L);
    assertThat(hc.maxConsecutiveFailures()).isEqualTo(3);
  }

  @Test
  void residentAppsGetResidentDefaults() {
    AppDefinition app = parse("{\"id\":\"/db\",\"cmd\":\"x y\",\"container\":{\"type\":\"MESOS\","
        + "\"volumes\":[{\"containerPath\":\"data\",\"mode\":\"RW\",\"persistent\":{\"size\":10}}]}}");
    assertThat(app.isResident()).isTrue();
    assertThat(app.upgradeStrategy()).isEqualTo(UpgradeStrategy.RESIDENT);
    assertThat(app.unreachableStrategy()).isEqualTo(UnreachableStrategy.DISABLED);
  }

  @Test
  void relativeIdsAndDependenciesResolveAgainstTheBaseGroup() {
    AppDefinition app = AppJson.parse("{\"id\":\"../api\",\"cmd\":\"x y\",\"dependencies\":[\"db\",\"/x/y\",\"../z\"]}",
        PathId.of("/prod/web")).orThrow();
    assertThat(app.id()).isEqualTo(PathId.of("/prod/api"));
    assertThat(app.dependencies()).containsExactly(PathId.of("/prod/web/db"), PathId.of("/x/y"), PathId.of("/prod/z"));
  }

  @Test
  void readinessChecksGetDefaults() {
    ReadinessCheck rc = parse("{\"id\":\"/a\",\"cmd\":\"x y\",\"readinessChecks\":[{}]}").readinessChecks().getFirst();
    assertThat(rc).isEqualTo(new ReadinessCheck("readinessCheck", "HTTP", "/", "http-api", 30, 10, List.of(200), false));
  }
}
