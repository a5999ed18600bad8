package io.drover.apps.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class AppJsonTest {
  /** The definition part of the reference's AppInfo example, verbatim. */
  static final String REFERENCE = "{\"id\":\"/myapp\",\"cmd\":\"sleep 60\",\"args\":null,\"user\":null,\"env\":{},"
      + "\"labels\":{},\"instances\":3,\"cpus\":0.1,\"mem\":32,\"disk\":0,\"gpus\":0,\"executor\":\"\","
      + "\"constraints\":[[\"hostname\",\"UNIQUE\"]],"
      + "\"portDefinitions\":[{\"port\":10013,\"protocol\":\"tcp\",\"name\":\"default\"}],\"requirePorts\":false,"
      + "\"backoffSeconds\":1,\"backoffFactor\":1.15,\"maxLaunchDelaySeconds\":300,\"container\":null,"
      + "\"healthChecks\":[],\"dependencies\":[],"
      + "\"upgradeStrategy\":{\"minimumHealthCapacity\":1,\"maximumOverCapacity\":1},"
      + "\"version\":\"2015-09-25T15:13:48.343Z\","
      + "\"versionInfo\":{\"lastScalingAt\":\"2015-09-25T15:13:48.343Z\",\"lastConfigChangeAt\":\"2015-09-25T15:13:48.343Z\"}}";

  /** The fields Drover writes that the reference example leaves out, in the place they are written. */
  static final String EXTRAS = "\"readinessChecks\":[],\"fetch\":[],\"acceptedResourceRoles\":null,"
      + "\"networks\":[{\"mode\":\"host\"}],\"killSelection\":\"YOUNGEST_FIRST\","
      + "\"unreachableStrategy\":{\"inactiveAfterSeconds\":0,\"expungeAfterSeconds\":0},"
      + "\"taskKillGracePeriodSeconds\":null,\"role\":\"*\",";

  static AppDefinition parse(String json) { return AppJson.parse(json, PathId.ROOT).orThrow(); }

  @Test
  void referenceExampleRoundTripsExactly() {
    AppDefinition app = parse(REFERENCE);
    String written = AppJson.write(app);
    String expected = REFERENCE.replace("\"version\":", EXTRAS + "\"version\":");
    assertThat(written).isEqualTo(expected);
    // Without the extra fields the output is the reference text itself, byte for byte.
    ObjectNode o = AppJson.toJson(app);
    o.remove(List.of("readinessChecks", "fetch", "acceptedResourceRoles", "networks", "killSelection",
        "unreachableStrategy", "taskKillGracePeriodSeconds", "role"));
    assertThat(o.toString()).isEqualTo(REFERENCE);
    assertThat(parse(written)).isEqualTo(app);
  }

  @Test
  void minimalAppGetsEveryDefault() {
    AppDefinition app = parse("{\"id\":\"web\",\"cmd\":\"sleep 60\"}");
    assertThat(app.id()).isEqualTo(PathId.of("/web"));
    assertThat(app.instances()).isEqualTo(1);
    assertThat(app.cpus()).isEqualTo(1.0);
    assertThat(app.memMb()).isEqualTo(128.0);
    assertThat(app.diskMb()).isEqualTo(0.0);
    assertThat(app.backoffSeconds()).isEqualTo(1);
    assertThat(app.backoffFactor()).isEqualTo(1.15);
    assertThat(app.maxLaunchDelaySeconds()).isEqualTo(300);
    assertThat(app.upgradeStrategy()).isEqualTo(new UpgradeStrategy(1, 1));
    assertThat(app.unreachableStrategy()).isEqualTo(new UnreachableStrategy.Enabled(0, 0));
    assertThat(app.killSelection()).isEqualTo(KillSelection.YOUNGEST_FIRST);
    assertThat(app.portDefinitions()).containsExactly(PortDefinition.DEFAULT);
    assertThat(app.networks()).containsExactly(Network.HOST);
    assertThat(app.versionInfo()).isEmpty();
    assertThat(AppJson.write(app)).isEqualTo("{\"id\":\"/web\",\"cmd\":\"sleep 60\",\"args\":null,\"user\":null,"
        + "\"env\":{},\"labels\":{},\"instances\":1,\"cpus\":1,\"mem\":128,\"disk\":0,\"gpus\":0,\"executor\":\"\","
        + "\"constraints\":[],\"portDefinitions\":[{\"port\":0,\"protocol\":\"tcp\",\"name\":\"default\"}],"
        + "\"requirePorts\":false,\"backoffSeconds\":1,\"backoffFactor\":1.15,\"maxLaunchDelaySeconds\":300,"
        + "\"container\":null,\"healthChecks\":[],\"dependencies\":[],"
        + "\"upgradeStrategy\":{\"minimumHealthCapacity\":1,\"maximumOverCapacity\":1}," + EXTRAS.replaceAll(",$", "") + "}");
  }

  @Test
  void everyFieldRoundTrips() {
    String json = """
        {"id":"/prod/web","args":["httpd","-f"],"user":"nobody","env":{"A":"1","S":{"secret":"pw"}},
         "labels":{"HAPROXY_GROUP":"external"},"instances":3,"cpus":0.25,"mem":64.5,"disk":10,"gpus":0,
         "executor":"//cmd","constraints":[["hostname","UNIQUE"],["rack","GROUP_BY","2"]],
         "requirePorts":false,"backoffSeconds":2,"backoffFactor":2.5,"maxLaunchDelaySeconds":60,
         "container":{"type":"DOCKER","docker":{"image":"busybox","privileged":true,
           "parameters":[{"key":"label","value":"a=b"}],"forcePullImage":true},
           "portMappings":[{"containerPort":80,"hostPort":0,"servicePort":10001,"protocol":"tcp","name":"http",
             "labels":{"x":"y"}}]},
         "networks":[{"mode":"container/bridge"}],
         "healthChecks":[{"protocol":"MESOS_HTTP","path":"/","portIndex":0,"gracePeriodSeconds":10,
           "intervalSeconds":5,"timeoutSeconds":2,"maxConsecutiveFailures":1,"delaySeconds":1}],
         "readinessChecks":[{"name":"ready","protocol":"HTTP","path":"/ready","portName":"http","intervalSeconds":30,
           "timeoutSeconds":10,"httpStatusCodesForReady":[200,204],"preserveLastResponse":true}],
         "dependencies":["/prod/db","cache"],
         "upgradeStrategy":{"minimumHealthCapacity":0.5,"maximumOverCapacity":0.25},
         "fetch":[{"uri":"http://x/a.tgz","executable":false,"extract":true,"cache":true,"destPath":"a"}],
         "acceptedResourceRoles":["*","web"],"killSelection":"OLDEST_FIRST",
         "unreachableStrategy":{"inactiveAfterSeconds":60,"expungeAfterSeconds":120},
         "taskKillGracePeriodSeconds":5,"role":"web","tty":true,"secrets":{"pw":{"source":"/db/pw"}},
         "version":"2020-01-02T03:04:05.006Z",
         "versionInfo":{"lastScalingAt":"2020-01-02T03:04:05.006Z","lastConfigChangeAt":"2019-01-02T03:04:05.006Z"}}
        """;
    AppDefinition app = AppJson.parse(json, PathId.of("/prod")).orThrow();
    assertThat(app.dependencies()).containsExactly(PathId.of("/prod/db"), PathId.of("/prod/cache"));
    assertThat(app.env()).containsEntry("S", new EnvValue.SecretRef("pw"));
    assertThat(app.container().orElseThrow().portMappings().getFirst().servicePort()).isEqualTo(10001);
    assertThat(app.portDefinitions()).isEmpty();
    assertThat(app.versionInfo().orElseThrow().lastConfigChangeAt()).hasToString("2019-01-02T03:04:05.006Z");
    assertThat(Validation.validate(app)).isEmpty();
    AppDefinition again = parse(AppJson.write(app));
    assertThat(again).isEqualTo(app);
    assertThat(AppJson.write(again)).isEqualTo(AppJson.write(app));
    assertThat(AppJson.toJson(app).get("unreachableStrategy").toString())
        .isEqualTo("{\"inactiveAfterSeconds\":60,\"expungeAfterSeconds\":120}");
    assertThat(AppJson.toJson(app).get("container").get("portMappings").toString()).isEqualTo(
        "[{\"containerPort\":80,\"hostPort\":0,\"servicePort\":10001,\"protocol\":\"tcp\",\"name\":\"http\",\"labels\":{\"x\":\"y\"}}]");
  }

  @Test
  void unreachableDisabledAndUnknownFieldsAreAccepted() {
    AppDefinition app = parse("{\"id\":\"/a\",\"cmd\":\"x y\",\"unreachableStrategy\":\"disabled\",\"someNewField\":{\"x\":1}}");
    assertThat(app.unreachableStrategy()).isEqualTo(UnreachableStrategy.DISABLED);
    assertThat(AppJson.toJson(app).get("unreachableStrategy").asText()).isEqualTo("disabled");
    assertThat(AppJson.toJson(app).has("someNewField")).isFalse();
  }

  @Test
  void wholeNumbersAreWrittenWithoutFraction() {
    AppDefinition app = AppDefinition.builder(PathId.of("/a")).cmd("c").cpus(2).memMb(0.5).build();
    ObjectNode o = AppJson.toJson(app);
    assertThat(o.get("cpus").toString()).isEqualTo("2");
    assertThat(o.get("mem").toString()).isEqualTo("0.5");
  }

  @Test
  void builderDefaultsEqualParsedDefaults() {
    assertThat(AppDefinition.builder(PathId.of("/a")).cmd("c d").build()).isEqualTo(parse("{\"id\":\"/a\",\"cmd\":\"c d\"}"));
    AppDefinition app = parse(REFERENCE);
    assertThat(app.toBuilder().build()).isEqualTo(app);
    assertThat(app.servicePorts()).containsExactly(10013);
    assertThat(app.portCount()).isEqualTo(1);
    assertThat(app.version()).contains(Timestamp.parse("2015-09-25T15:13:48.343Z").orElseThrow());
    assertThat(app.withInstances(7).instances()).isEqualTo(7);
    assertThat(app.labels()).isEqualTo(Map.of());
    assertThat(app.user()).isEqualTo(Optional.empty());
  }
}
