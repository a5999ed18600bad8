package io.drover.apps.launch;

import static io.drover.apps.launch.LaunchFixtures.app;
import static io.drover.apps.launch.LaunchFixtures.match;
import static io.drover.apps.launch.LaunchFixtures.taskId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.apps.model.AppDefinition;
import io.drover.master.api.v1.ApiJson;
import io.drover.master.api.v1.Environment;
import io.drover.master.api.v1.TaskInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TaskBuilderTest {
  static final String TASK = "prod_web.instance-6a1f0c2e-4c30-11e5-98c1-be5b2935a987._app.1";
  static final String COMMAND_APP = """
      {"id":"/prod/web","cmd":"python3 -m http.server $PORT0","cpus":0.5,"mem":64,"version":"2015-09-25T15:13:48.343Z",
       "portDefinitions":[{"port":10000,"name":"http","labels":{"VIP_0":"web:80"}},{"port":10001,"protocol":"udp,tcp"}],
       "labels":{"HAPROXY_GROUP":"external"},"env":{"FOO":"bar","S":{"secret":"pw"}},"secrets":{"pw":{"source":"db/pw"}},
       "healthChecks":[{"protocol":"HTTP","path":"/health","portIndex":0}],"taskKillGracePeriodSeconds":7}
      """;

  static JsonNode tree(String json) {
    try {
      return ApiJson.mapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  static TaskInfo build(AppDefinition app, List<Integer> hostPorts) {
    return TaskBuilder.build(app, taskId(app.id().toString()), match(app.cpus(), app.memMb(), hostPorts));
  }

  static Map<String, String> env(TaskInfo t) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Environment.Variable v : t.command().environment().variables()) {
      assertThat(v.type()).isEqualTo(Environment.VariableType.VALUE);
      assertThat(env.put(v.name(), v.value())).as("duplicate " + v.name()).isNull();
    }
    return env;
  }

  @Test
  void commandAppWithTwoPortsAndAnHttpHealthCheckExactJson() {
    TaskInfo t = build(app(COMMAND_APP), List.of(31000, 31001));
    String env = """
        [{"name":"MESOS_TASK_ID","type":"VALUE","value":"%1$s"},
         {"name":"MARATHON_APP_ID","type":"VALUE","value":"/prod/web"},
         {"name":"MARATHON_APP_VERSION","type":"VALUE","value":"2015-09-25T15:13:48.343Z"},
         {"name":"MARATHON_APP_RESOURCE_CPUS","type":"VALUE","value":"0.5"},
         {"name":"MARATHON_APP_RESOURCE_MEM","type":"VALUE","value":"64.0"},
         {"name":"MARATHON_APP_RESOURCE_DISK","type":"VALUE","value":"0.0"},
         {"name":"MARATHON_APP_RESOURCE_GPUS","type":"VALUE","value":"0"},
         {"name":"MARATHON_APP_LABELS","type":"VALUE","value":"HAPROXY_GROUP"},
         {"name":"MARATHON_APP_LABEL_HAPROXY_GROUP","type":"VALUE","value":"external"},
         {"name":"PORT0","type":"VALUE","value":"31000"},{"name":"PORT1","type":"VALUE","value":"31001"},
         {"name":"PORT_10000","type":"VALUE","value":"31000"},{"name":"PORT_10001","type":"VALUE","value":"31001"},
         {"name":"PORT_HTTP","type":"VALUE","value":"31000"},{"name":"PORT","type":"VALUE","value":"31000"},
         {"name":"PORTS","type":"VALUE","value":"31000,31001"},
         {"name":"HOST","type":"VALUE","value":"node1.example.com"},{"name":"FOO","type":"VALUE","value":"bar"}]
        """.formatted(TASK);
    String expected = """
        {"name":"web.prod","task_id":{"value":"%1$s"},"agent_id":{"value":"agent-1"},
         "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":0.5},"allocation_info":{"role":"*"}},
           {"name":"mem","type":"SCALAR","scalar":{"value":64.0},"allocation_info":{"role":"*"}},
           {"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":31000},{"begin":31001,"end":31001}]},
            "allocation_info":{"role":"*"}}],
         "command":{"environment":{"variables":%2$s},"value":"python3 -m http.server $PORT0"},
         "health_check":{"type":"HTTP","http":{"protocol":"IPv4","scheme":"http","port":31000,"path":"/health"},
           "delay_seconds":15.0,"interval_seconds":60.0,"timeout_seconds":20.0,"consecutive_failures":3,
           "grace_period_seconds":300.0},
         "kill_policy":{"grace_period":{"nanoseconds":7000000000}},
         "labels":{"labels":[{"key":"HAPROXY_GROUP","value":"external"}]},
         "discovery":{"visibility":"FRAMEWORK","name":"web.prod","ports":{"ports":[
           {"number":31000,"name":"http","protocol":"tcp","labels":{"labels":[{"key":"VIP_0","value":"web:80"}]}},
           {"number":31001,"protocol":"udp"},{"number":31001,"protocol":"tcp"}]}}}
        """.formatted(TASK, env);
    assertThat(tree(ApiJson.write(t))).isEqualTo(tree(expected));
  }

  @Test
  void resourcesAreExactlyTheMatchsAndTheSecretIsNotInlined() {
    AppDefinition app = app(COMMAND_APP);
    var m = match(0.5, 64, List.of(31000, 31001));
    TaskInfo t = TaskBuilder.build(app, taskId("/prod/web"), m);
    assertThat(t.resources()).isEqualTo(m.resources());
    assertThat(env(t)).doesNotContainKey("S").containsEntry("FOO", "bar");
    assertThat(t.container()).as("no container, host networking: none, as Marathon").isNull();
    assertThat(t.command().user()).isNull();
    assertThat(t.command().uris()).isNull();
  }

  @Test
  void dockerBridgeAppWithPortMappingsAndParametersExactContainer() {
    AppDefinition app = app("""
        {"id":"/web","version":"2015-09-25T15:13:48.343Z","cmd":"httpd -f -p 80",
         "container":{"type":"DOCKER","docker":{"image":"busybox:1.36","privileged":true,"forcePullImage":true,
            "parameters":[{"key":"memory-swap","value":"-1"}]},
          "portMappings":[{"containerPort":80,"hostPort":0,"name":"http","labels":{"a":"b"}},
                          {"containerPort":0,"hostPort":0,"protocol":"udp"}]},
         "networks":[{"mode":"container/bridge"}],
         "healthChecks":[{"protocol":"MESOS_HTTP","path":"/","portIndex":0,"maxConsecutiveFailures":0}]}
        """);
    TaskInfo t = build(app, List.of(31080, 31081));
    String task = "web.instance-6a1f0c2e-4c30-11e5-98c1-be5b2935a987._app.1";
    assertThat(tree(ApiJson.write(t.container()))).isEqualTo(tree("""
        {"type":"DOCKER","docker":{"image":"busybox:1.36","network":"BRIDGE",
          "port_mappings":[{"host_port":31080,"container_port":80,"protocol":"tcp"},
                           {"host_port":31081,"container_port":31081,"protocol":"udp"}],
          "privileged":true,
          "parameters":[{"key":"memory-swap","value":"-1"},{"key":"label","value":"MESOS_TASK_ID=%s"}],
          "force_pull_image":true}}
        """.formatted(task)));
    assertThat(t.command().value()).isEqualTo("httpd -f -p 80");
    assertThat(t.command().shell()).as("shell absent = true").isNull();
    // MESOS_HTTP probes the container port (Marathon); 0 failures = kill at the first failure for Mesos checks.
    assertThat(t.healthCheck().http().port()).isEqualTo(80);
    assertThat(t.healthCheck().consecutiveFailures()).isEqualTo(1);
    assertThat(env(t)).containsEntry("PORT0", "31080").containsEntry("PORT1", "31081")
        .containsEntry("PORT_HTTP", "31080").containsEntry("MARATHON_APP_DOCKER_IMAGE", "busybox:1.36");
    assertThat(tree(ApiJson.write(t.discovery()))).isEqualTo(tree("""
        {"visibility":"FRAMEWORK","name":"web","ports":{"ports":[
          {"number":31080,"name":"http","protocol":"tcp",
           "labels":{"labels":[{"key":"a","value":"b"},{"key":"network-scope","value":"host"}]}},
          {"number":31081,"protocol":"udp","labels":{"labels":[{"key":"network-scope","value":"host"}]}}]}}
        """));
  }

  @Test
  void dockerHostAppNamesTheHostNetwork() {
    AppDefinition app = app("""
        {"id":"/a/b","version":"2015-09-25T15:13:48.343Z","container":{"type":"DOCKER","docker":{"image":"nginx"}}}
        """);
    TaskInfo t = build(app, List.of(31000));
    assertThat(t.container().docker().network().name()).isEqualTo("HOST");
    assertThat(t.container().docker().portMappings()).isEmpty();
    assertThat(t.container().docker().privileged()).isFalse();
    assertThat(t.command().shell()).as("no cmd, no args: the image's own command").isFalse();
    assertThat(t.command().value()).isNull();
    assertThat(t.command().arguments()).isNull();
    assertThat(t.name()).isEqualTo("b.a");
  }

  @Test
  void argsAppRunsArgvWithoutShell() {
    TaskInfo t = build(app("""
        {"id":"/argv","version":"2015-09-25T15:13:48.343Z","args":["/bin/sleep","600"]}
        """), List.of(31000));
    assertThat(t.command().shell()).isFalse();
    assertThat(t.command().value()).isEqualTo("/bin/sleep");
    assertThat(t.command().arguments()).containsExactly("/bin/sleep", "600");
  }

  @Test
  void dockerArgsAreAppendedToTheEntrypointWithoutAValue() {
    TaskInfo t = build(app("""
        {"id":"/argv","version":"2015-09-25T15:13:48.343Z","args":["-f","-p","8080"],
         "container":{"type":"DOCKER","docker":{"image":"busybox"}}}
        """), List.of(31000));
    assertThat(tree(ApiJson.write(t.command())).has("value")).isFalse();
    assertThat(t.command().shell()).isFalse();
    assertThat(t.command().arguments()).containsExactly("-f", "-p", "8080");
  }

  @Test
  void fetchUrisUserAndKillPolicy() {
    TaskInfo t = build(app("""
        {"id":"/f","version":"2015-09-25T15:13:48.343Z","cmd":"./run.sh","user":"nobody",
         "fetch":[{"uri":"http://repo/app.tgz"},{"uri":"file:///opt/run.sh","executable":true,"extract":false,
                   "cache":true,"destPath":"run.sh"}],
         "taskKillGracePeriodSeconds":30}
        """), List.of(31000));
    assertThat(tree(ApiJson.write(t.command().uris()))).isEqualTo(tree("""
        [{"value":"http://repo/app.tgz","executable":false,"extract":true,"cache":false},
         {"value":"file:///opt/run.sh","executable":true,"extract":false,"cache":true,"output_file":"run.sh"}]
        """));
    assertThat(t.command().user()).isEqualTo("nobody");
    assertThat(t.killPolicy().gracePeriod().nanoseconds()).isEqualTo(30_000_000_000L);
  }

  @Test
  void noKillPolicyWithoutAGracePeriodAndNoLabelsWithoutLabels() {
    TaskInfo t = build(app("""
        {"id":"/x","version":"2015-09-25T15:13:48.343Z","cmd":"sleep 1"}
        """), List.of(31000));
    assertThat(t.killPolicy()).isNull();
    assertThat(t.labels()).isNull();
    assertThat(t.healthCheck()).isNull();
  }

  @Test
  void mesosContainerIsAPlainCommandTask() {
    TaskInfo t = build(app("""
        {"id":"/m","version":"2015-09-25T15:13:48.343Z","cmd":"sleep 100","container":{"type":"MESOS"}}
        """), List.of(31000));
    assertThat(tree(ApiJson.write(t.container()))).isEqualTo(tree("{\"type\":\"MESOS\",\"mesos\":{}}"));
  }

  @Test
  void mesosContainerWithAnImageCarriesMarathonsMesosImage() {
    TaskInfo t = build(app("""
        {"id":"/m","version":"2015-09-25T15:13:48.343Z","cmd":"sleep 100",
         "container":{"type":"MESOS","docker":{"image":"alpine"}}}
        """), List.of(31000));
    assertThat(tree(ApiJson.write(t.container()))).isEqualTo(tree("""
        {"type":"MESOS","mesos":{"image":{"type":"DOCKER","docker":{"name":"alpine"}}}}"""));
  }

  @Test
  void healthCheckKinds() {
    String base = """
        {"id":"/h","version":"2015-09-25T15:13:48.343Z","cmd":"x","portDefinitions":[{"port":0},{"port":0}],
         "healthChecks":[%s]}""";
    TaskInfo tcp = build(app(base.formatted("""
        {"protocol":"TCP","portIndex":1,"gracePeriodSeconds":5,"intervalSeconds":2,"timeoutSeconds":1,
         "maxConsecutiveFailures":0,"delaySeconds":3}""")), List.of(31000, 31001));
    assertThat(tree(ApiJson.write(tcp.healthCheck()))).isEqualTo(tree("""
        {"type":"TCP","tcp":{"protocol":"IPv4","port":31001},"delay_seconds":3.0,"interval_seconds":2.0,
         "timeout_seconds":1.0,"consecutive_failures":2147483647,"grace_period_seconds":5.0}"""));
    TaskInfo https = build(app(base.formatted("{\"protocol\":\"HTTPS\",\"port\":8443,\"path\":\"/s\"}")),
        List.of(31000, 31001));
    assertThat(https.healthCheck().http().scheme()).isEqualTo("https");
    assertThat(https.healthCheck().http().port()).isEqualTo(8443);
    TaskInfo mesosTcp = build(app(base.formatted("{\"protocol\":\"MESOS_TCP\",\"portIndex\":1}")),
        List.of(31000, 31001));
    assertThat(mesosTcp.healthCheck().tcp().port()).as("host networking: the host port").isEqualTo(31001);
    TaskInfo cmd = build(app(base.formatted("""
        {"protocol":"COMMAND","command":{"value":"curl -f localhost:$PORT0"},"maxConsecutiveFailures":5}""")),
        List.of(31000, 31001));
    assertThat(tree(ApiJson.write(cmd.healthCheck()))).isEqualTo(tree("""
        {"type":"COMMAND","command":{"value":"curl -f localhost:$PORT0"},"delay_seconds":15.0,
         "interval_seconds":60.0,"timeout_seconds":20.0,"consecutive_failures":5,"grace_period_seconds":300.0}"""));
  }

  @Test
  void onlyTheFirstHealthCheckIsSent() {
    TaskInfo t = build(app("""
        {"id":"/h","version":"2015-09-25T15:13:48.343Z","cmd":"x",
         "healthChecks":[{"protocol":"MESOS_TCP"},{"protocol":"MESOS_HTTP","path":"/"}]}"""), List.of(31000));
    assertThat(t.healthCheck().type().name()).isEqualTo("TCP");
  }

  @Test
  void enforceGroupRoleFollowsTheResourceVariables() {
    AppDefinition app = app(COMMAND_APP);
    TaskInfo t = TaskBuilder.build(app, taskId("/prod/web"), match(0.5, 64, List.of(31000, 31001)), Optional.of(true));
    List<String> names = t.command().environment().variables().stream().map(Environment.Variable::name).toList();
    assertThat(names.get(names.indexOf("MARATHON_APP_RESOURCE_GPUS") + 1)).isEqualTo("MARATHON_APP_ENFORCE_GROUP_ROLE");
    assertThat(env(t)).containsEntry("MARATHON_APP_ENFORCE_GROUP_ROLE", "TRUE");
    assertThat(env(build(app, List.of(31000, 31001)))).doesNotContainKey("MARATHON_APP_ENFORCE_GROUP_ROLE");
  }

  @Test
  void aMatchWithTheWrongNumberOfPortsIsRefused() {
    assertThatThrownBy(() -> build(app(COMMAND_APP), List.of(31000)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 2");
  }
}
