package io.drover.apps.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Marathon's validation paths and messages, one rule per case. */
final class ValidationTest {
  /** Violations of an app body (merged into a minimal valid app) by path; fails if the body is not a 422. */
  static Map<String, List<String>> violations(String fields) {
    String json = "{\"id\":\"/app\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
    Parsed<AppDefinition> p = AppJson.read(json, PathId.ROOT);
    assertThat(p).as(json).isInstanceOf(Parsed.Invalid.class);
    ErrorBody body = ((Parsed.Invalid<AppDefinition>) p).body();
    assertThat(body.message()).isEqualTo("Object is not valid");
    Map<String, List<String>> out = new LinkedHashMap<>();
    body.details().orElseThrow().forEach(v -> out.put(v.path(), v.errors()));
    return out;
  }

  static void valid(String fields) {
    String json = "{\"id\":\"/app\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
    assertThat(AppJson.read(json, PathId.ROOT)).as(json).isInstanceOf(Parsed.Ok.class);
  }

  @Test
  void referenceBodyForMinimumHealthCapacity() {
    Parsed<AppDefinition> p = AppJson.read("{\"id\":\"/a\",\"cmd\":\"x y\",\"upgradeStrategy\":{\"minimumHealthCapacity\":1.5}}", PathId.ROOT);
    assertThat(((Parsed.Invalid<AppDefinition>) p).body().toJson().toString()).isEqualTo("{\"message\":\"Object is not valid\","
        + "\"details\":[{\"path\":\"/upgradeStrategy/minimumHealthCapacity\",\"errors\":[\"is greater than 1\"]}]}");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // id rules
      "\"cmd\":\"x y\",\"id\":\"/a/tasks\"|/id|must not end with any of the following reserved keywords: restart, tasks, versions, ., ..",
      "\"cmd\":\"x y\",\"id\":\"/\"|/id|Path must contain at least one path element",
      // command rules
      "\"cpus\":1|/|AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'.",
      "\"cmd\":\"x y\",\"args\":[\"a\"]|/|AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'.",
      "\"cmd\":\"x\"|/|must not be an empty string",
      // resources and counts
      "\"cmd\":\"x y\",\"cpus\":-1|/cpus|got -1.0, expected 0.0 or more",
      "\"cmd\":\"x y\",\"mem\":-0.5|/mem|got -0.5, expected 0.0 or more",
      "\"cmd\":\"x y\",\"disk\":-2|/disk|got -2.0, expected 0.0 or more",
      "\"cmd\":\"x y\",\"gpus\":-1|/gpus|got -1, expected 0 or more",
      "\"cmd\":\"x y\",\"instances\":-1|/instances|got -1, expected 0 or more",
      "\"cmd\":\"x y\",\"backoffFactor\":0.5|/backoffFactor|got 0.5, expected 1.0 or more",
      "\"cmd\":\"x y\",\"backoffSeconds\":-1|/backoffSeconds|got -1, expected 0 or more",
      "\"cmd\":\"x y\",\"maxLaunchDelaySeconds\":-5|/maxLaunchDelaySeconds|got -5, expected 0 or more",
      "\"cmd\":\"x y\",\"taskKillGracePeriodSeconds\":-1|/taskKillGracePeriodSeconds|got -1, expected 0 or more",
      // strategies
      "\"cmd\":\"x y\",\"upgradeStrategy\":{\"minimumHealthCapacity\":-0.1}|/upgradeStrategy/minimumHealthCapacity|is less than 0",
      "\"cmd\":\"x y\",\"upgradeStrategy\":{\"maximumOverCapacity\":2}|/upgradeStrategy/maximumOverCapacity|is greater than 1",
      "\"cmd\":\"x y\",\"unreachableStrategy\":{\"inactiveAfterSeconds\":10,\"expungeAfterSeconds\":5}|/unreachableStrategy/inactiveAfterSeconds|inactiveAfterSeconds (10) must be less or equal to expungeAfterSeconds, which is 5",
      "\"cmd\":\"x y\",\"unreachableStrategy\":{\"inactiveAfterSeconds\":-1,\"expungeAfterSeconds\":5}|/unreachableStrategy/inactiveAfterSeconds|inactiveAfterSeconds (-1) must be greater than or equal to 0",
      "\"cmd\":\"x y\",\"labels\":{\"MARATHON_SINGLE_INSTANCE_APP\":\"true\"},\"instances\":2,\"upgradeStrategy\":{\"minimumHealthCapacity\":0,\"maximumOverCapacity\":0}|/|Single instance app may only have one instance",
      "\"cmd\":\"x y\",\"labels\":{\"MARATHON_SINGLE_INSTANCE_APP\":\"true\"}|/upgradeStrategy/minimumHealthCapacity|got 1.0, expected 0.0",
      // constraints
      "\"cmd\":\"x y\",\"constraints\":[[\"hostname\"]]|/constraints(0)|Each constraint must have either 2 or 3 fields",
      "\"cmd\":\"x y\",\"constraints\":[[\"hostname\",\"UNIQUE\",\"x\"]]|/constraints(0)|UNIQUE does not accept a value",
      "\"cmd\":\"x y\",\"constraints\":[[\"hostname\",\"SPREAD\"]]|/constraints(0)|operator must be one of the following UNIQUE, CLUSTER, GROUP_BY, LIKE, MAX_PER, UNLIKE or IS",
      "\"cmd\":\"x y\",\"constraints\":[[\"rack\",\"GROUP_BY\",\"two\"]]|/constraints(0)|GROUP BY must define an integer value or else no value at all",
      "\"cmd\":\"x y\",\"constraints\":[[\"rack\",\"MAX_PER\"]]|/constraints(0)|MAX_PER requires an integer value",
      "\"cmd\":\"x y\",\"constraints\":[[\"rack\",\"MAX_PER\",\"1.5\"]]|/constraints(0)|MAX_PER requires an integer value",
      "\"cmd\":\"x y\",\"constraints\":[[\"rack\",\"LIKE\"]]|/constraints(0)|LIKE and UNLIKE require a non-empty, regular expression value",
      "\"cmd\":\"x y\",\"constraints\":[[\"rack\",\"UNLIKE\",\"[a-\"]]|/constraints(0)|is not a valid regular expression",
      "\"cmd\":\"x y\",\"constraints\":[[\"rack\",\"IS\",\"{a,b}\"]]|/constraints(0)|IS only supports Mesos text and float values (see http://mesos.apache.org/documentation/latest/attributes-resources/)",
      "\"cmd\":\"x y\",\"constraints\":[[\"\",\"UNIQUE\"]]|/constraints(0)|illegal constraint specification",
      // ports
      "\"cmd\":\"x y\",\"portDefinitions\":[{\"port\":0,\"name\":\"a\"},{\"port\":0,\"name\":\"a\"}]|/portDefinitions|Port names must be unique.",
      "\"cmd\":\"x y\",\"portDefinitions\":[{\"port\":80},{\"port\":80}]|/portDefinitions|Ports must be unique.",
      "\"container\":{\"docker\":{\"image\":\"x\"},\"portMappings\":[{\"name\":\"a\"},{\"name\":\"a\"}]},\"networks\":[{\"mode\":\"container/bridge\"}]|/container/portMappings|Port names must be unique.",
      // health checks
      "\"cmd\":\"x y\",\"healthChecks\":[{\"protocol\":\"HTTP\",\"portIndex\":1}]|/healthChecks(0)|Health check port indices must address an element of the ports array or container port mappings.",
      "\"cmd\":\"x y\",\"portDefinitions\":[],\"healthChecks\":[{\"protocol\":\"TCP\"}]|/healthChecks(0)|Health check port indices must address an element of the ports array or container port mappings.",
      "\"cmd\":\"x y\",\"healthChecks\":[{\"protocol\":\"COMMAND\"}]|/healthChecks(0)|COMMAND health checks require a command",
      "\"cmd\":\"x y\",\"healthChecks\":[{\"protocol\":\"MESOS_HTTP\"},{\"protocol\":\"MESOS_TCP\"}]|/|AppDefinition can contain at most one Mesos health check",
      "\"cmd\":\"x y\",\"healthChecks\":[{\"protocol\":\"HTTP\"},{\"protocol\":\"MESOS_TCP\"}]|/|AppDefinition cannot mix Marathon and Mesos health checks",
      "\"cmd\":\"x y\",\"healthChecks\":[{\"protocol\":\"HTTP\",\"ipProtocol\":\"IPv6\"}]|/healthChecks(0)|IPv6 can only be used for container type DOCKER and Mesos http/https/tcp health checks",
      // readiness
      "\"cmd\":\"x y\",\"readinessChecks\":[{\"portName\":\"web\"}]|/readinessChecks(0)/portName|No port definition reference for portName web",
      "\"cmd\":\"x y\",\"portDefinitions\":[{\"port\":0,\"name\":\"http-api\"}],\"readinessChecks\":[{\"intervalSeconds\":5,\"timeoutSeconds\":5}]|/readinessChecks(0)/timeoutSeconds|got 5, expected less than 5",
      // container, fetch, roles, env, gpus, dependencies, resident
      "\"container\":{\"type\":\"DOCKER\"}|/container/docker|not defined",
      "\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"\"}}|/container/docker/image|must not be empty",
      "\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"x\",\"pullConfig\":{\"secret\":\"s\"}}}|/container/docker/pullConfig|pullConfig is not supported with Docker containerizer",
      "\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"x\"}},\"gpus\":1|/|GPU resources only work with the Mesos containerizer",
      "\"cmd\":\"x y\",\"fetch\":[{\"uri\":\"http://a b\"}]|/fetch(0)/uri|URI has invalid syntax.",
      "\"cmd\":\"x y\",\"acceptedResourceRoles\":[]|/acceptedResourceRoles|must not be empty",
      "\"cmd\":\"x y\",\"env\":{\"PW\":{\"secret\":\"nope\"}}|/env/PW|references an undefined secret named 'nope'",
      "\"cmd\":\"x y\",\"container\":{\"type\":\"MESOS\",\"volumes\":[{\"persistent\":{\"size\":1}}]},\"unreachableStrategy\":{\"inactiveAfterSeconds\":1,\"expungeAfterSeconds\":2}|/|unreachableStrategy must be disabled for resident tasks",
      "\"cmd\":\"x y\",\"container\":{\"type\":\"MESOS\",\"volumes\":[{\"persistent\":{\"size\":1}}]},\"upgradeStrategy\":{\"minimumHealthCapacity\":0.5,\"maximumOverCapacity\":0.5}|/upgradeStrategy/maximumOverCapacity|got 0.5, expected 0.0",
  })
  void ruleReportsPathAndMessage(String fields, String path, String message) {
    assertThat(violations(fields)).containsKey(path);
    assertThat(violations(fields).get(path)).contains(message);
  }

  @Test
  void regexRulesReportThePattern() {
    String segment = "must fully match regular expression '" + PathId.SEGMENT.pattern() + "'";
    assertThat(violations("\"cmd\":\"x y\",\"id\":\"/My_App\"")).containsEntry("/id", List.of(segment));
    assertThat(violations("\"cmd\":\"x y\",\"id\":\"/a/-b\"")).containsEntry("/id", List.of(segment));
    assertThat(violations("\"cmd\":\"x y\",\"dependencies\":[\"/Bad_Dep\"]")).containsEntry("/dependencies(0)", List.of(segment));
    assertThat(violations("\"cmd\":\"x y\",\"executor\":\"a//b\"")).containsEntry("/executor",
        List.of("must fully match regular expression '^(//cmd)|(/?[^/]+(/[^/]+)*)|$'"));
  }

  @Test
  void validAppsPass() {
    valid("\"cmd\":\"sleep 60\"");
    valid("\"args\":[\"sleep\",\"60\"]");
    valid("\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"busybox\"}}");
    valid("\"container\":{\"type\":\"MESOS\"}");
    valid("\"args\":[\"x\"],\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"busybox\"}}");
    valid("\"cmd\":\"x y\",\"constraints\":[[\"hostname\",\"UNIQUE\"],[\"rack\",\"CLUSTER\",\"a\"],[\"rack\",\"GROUP_BY\"],"
        + "[\"rack\",\"group_by\",\"3\"],[\"host\",\"LIKE\",\"a.*\"],[\"host\",\"UNLIKE\",\"b\"],[\"r\",\"MAX_PER\",\"2\"],"
        + "[\"r\",\"IS\",\"1.5\"],[\"@zone\",\"CLUSTER\"]]");
    valid("\"cmd\":\"x y\",\"healthChecks\":[{\"protocol\":\"COMMAND\",\"command\":{\"value\":\"true\"}},"
        + "{\"protocol\":\"COMMAND\",\"command\":{\"value\":\"true\"}}]");
    valid("\"cmd\":\"x y\",\"healthChecks\":[{\"protocol\":\"HTTP\",\"port\":8080}],\"portDefinitions\":[]");
    valid("\"cmd\":\"x y\",\"labels\":{\"MARATHON_SINGLE_INSTANCE_APP\":\"true\"},"
        + "\"upgradeStrategy\":{\"minimumHealthCapacity\":0,\"maximumOverCapacity\":0}");
    valid("\"cmd\":\"x y\",\"unreachableStrategy\":{\"inactiveAfterSeconds\":5,\"expungeAfterSeconds\":5}");
    valid("\"cmd\":\"x y\",\"instances\":0,\"cpus\":0,\"mem\":0");
    valid("\"cmd\":\"x y\",\"dependencies\":[\"/does/not/exist\"]");
    valid("\"cmd\":\"x y\",\"readinessChecks\":[{}],\"portDefinitions\":[{\"port\":0,\"name\":\"http-api\"}]");
  }

  @Test
  void violationsAreGroupedByPath() {
    Map<String, List<String>> v = violations("\"cmd\":\"x y\",\"constraints\":[[\"a\",\"UNIQUE\",\"x\"],[\"b\",\"NOPE\"]],\"cpus\":-1");
    assertThat(v.keySet()).containsExactly("/cpus", "/constraints(0)", "/constraints(1)");
    assertThat(Validation.constraintErrors(Constraint.of("hostname", "unique"))).isEmpty();
  }
}
