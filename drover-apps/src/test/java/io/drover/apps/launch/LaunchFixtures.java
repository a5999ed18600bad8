package io.drover.apps.launch;

import io.drover.apps.model.AppDefinition;
import io.drover.apps.model.AppJson;
import io.drover.apps.model.InstanceId;
import io.drover.apps.model.PathId;
import io.drover.apps.model.TaskId;
import io.drover.apps.placement.MatchResult;
import io.drover.apps.placement.PlacedInstance;
import io.drover.master.api.v1.AgentID;
import io.drover.master.api.v1.ApiJson;
import io.drover.master.api.v1.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Apps, task ids and matches for the launch tests. */
final class LaunchFixtures {
  static final String VERSION = "2015-09-25T15:13:48.343Z";
  static final String AGENT = "agent-1";
  static final String HOST = "node1.example.com";

  private LaunchFixtures() {}

  static AppDefinition app(String json) { return AppJson.parse(json, PathId.ROOT).orThrow(); }

  static TaskId taskId(String appId) {
    return TaskId.of(new InstanceId(PathId.of(appId), InstanceId.PREFIX_INSTANCE,
        UUID.fromString("6a1f0c2e-4c30-11e5-98c1-be5b2935a987")), 1);
  }

  /** A match with cpus, mem and one single-port range per host port, as the matcher cuts them. */
  static MatchResult.Match match(double cpus, double mem, List<Integer> hostPorts) {
    List<Resource> rs = new ArrayList<>();
    rs.add(resource("""
        {"name":"cpus","type":"SCALAR","scalar":{"value":%s},"allocation_info":{"role":"*"}}""".formatted(cpus)));
    rs.add(resource("""
        {"name":"mem","type":"SCALAR","scalar":{"value":%s},"allocation_info":{"role":"*"}}""".formatted(mem)));
    if (!hostPorts.isEmpty()) {
      StringBuilder ranges = new StringBuilder();
      hostPorts.stream().filter(p -> p > 0).sorted().forEach(p ->
          ranges.append(ranges.isEmpty() ? "" : ",").append("{\"begin\":%d,\"end\":%d}".formatted(p, p)));
      rs.add(resource("""
          {"name":"ports","type":"RANGES","ranges":{"range":[%s]},"allocation_info":{"role":"*"}}""".formatted(ranges)));
    }
    return new MatchResult.Match(new AgentID(AGENT), HOST, rs, hostPorts,
        new PlacedInstance(AGENT, HOST, List.of(), null, null));
  }

  static Resource resource(String json) { return ApiJson.read(json, Resource.class); }
}
