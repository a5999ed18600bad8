package io.drover.apps.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.apps.model.RawApp.RawContainer;
import io.drover.apps.model.RawApp.RawDocker;
import io.drover.apps.model.RawApp.RawIpAddress;
import io.drover.apps.model.RawApp.RawUpgradeStrategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an app body into a {@link RawApp}, recording type errors in a {@link JsonIn}. Unknown fields are ignored,
 * as Marathon's generated Play readers do. Range and cross-field rules are {@link Validation}'s job.
 */
final class RawAppReader {
  private final JsonIn in;

  RawAppReader(JsonIn in) { this.in = in; }

  /** {@code requireId}: app bodies need {@code id}; PATCH/update bodies do not. */
  RawApp read(JsonNode o, String p, boolean requireId) {
    return new RawApp(
        requireId ? in.requiredString(o, "id", p) : in.string(o, "id", p),
        in.string(o, "cmd", p),
        in.stringList(o, "args", p),
        in.string(o, "user", p),
        env(o, p),
        in.stringMap(o, "labels", p),
        in.integer(o, "instances", p),
        in.number(o, "cpus", p),
        in.number(o, "mem", p),
        in.number(o, "disk", p),
        in.integer(o, "gpus", p),
        in.string(o, "executor", p),
        in.list(o, "constraints", p, this::constraint),
        in.list(o, "portDefinitions", p, this::portDefinition),
        in.list(o, "ports", p, in::asInt),
        in.bool(o, "requirePorts", p),
        in.longValue(o, "backoffSeconds", p),
        in.number(o, "backoffFactor", p),
        in.longValue(o, "maxLaunchDelaySeconds", p),
        in.object(o, "container", p).map(c -> container(c, JsonIn.at(p, "container"))),
        in.list(o, "healthChecks", p, this::healthCheck),
        in.list(o, "readinessChecks", p, this::readinessCheck),
        in.stringList(o, "dependencies", p),
        in.object(o, "upgradeStrategy", p).map(u -> upgradeStrategy(u, JsonIn.at(p, "upgradeStrategy"))),
        in.list(o, "fetch", p, this::fetchUri),
        in.stringList(o, "uris", p),
        in.stringList(o, "acceptedResourceRoles", p),
        in.list(o, "networks", p, this::network),
        in.object(o, "ipAddress", p).map(i -> ipAddress(i, JsonIn.at(p, "ipAddress"))),
        in.enumValue(o, "killSelection", p, KillSelection.class),
        unreachable(o, p),
        in.longValue(o, "taskKillGracePeriodSeconds", p),
        in.string(o, "role", p),
        in.bool(o, "tty", p),
        in.object(o, "secrets", p).map(RawAppReader::fields),
        in.any(o, "check"),
        in.any(o, "resourceLimits"),
        in.any(o, "executorResources"),
        in.any(o, "residency"),
        in.string(o, "version", p).flatMap(s -> timestamp(s, JsonIn.at(p, "version"))),
        in.object(o, "versionInfo", p).flatMap(v -> versionInfo(v, JsonIn.at(p, "versionInfo"))));
  }

  private static Map<String, JsonNode> fields(JsonNode o) {
    Map<String, JsonNode> m = new LinkedHashMap<>();
    o.properties().forEach(e -> m.put(e.getKey(), e.getValue()));
    return m;
  }

  private Optional<Timestamp> timestamp(String s, String path) {
    Optional<Timestamp> t = Timestamp.parse(s);
    if (t.isEmpty()) in.error(path, "error.expected.date.isoformat");
    return t;
  }

  private Optional<VersionInfo> versionInfo(JsonNode v, String p) {
    Optional<Timestamp> scaling = in.string(v, "lastScalingAt", p).flatMap(s -> timestamp(s, JsonIn.at(p, "lastScalingAt")));
    Optional<Timestamp> config = in.string(v, "lastConfigChangeAt", p)
        .flatMap(s -> timestamp(s, JsonIn.at(p, "lastConfigChangeAt")));
    if (scaling.isEmpty() || config.isEmpty()) return Optional.empty();
    Timestamp version = scaling.get().compareTo(config.get()) >= 0 ? scaling.get() : config.get();
    return Optional.of(new VersionInfo(version, scaling.get(), config.get()));
  }

  private Optional<Map<String, EnvValue>> env(JsonNode o, String p) {
    return in.object(o, "env", p).map(e -> {
      Map<String, EnvValue> out = new LinkedHashMap<>();
      String ep = JsonIn.at(p, "env");
      e.properties().forEach(f -> {
        JsonNode v = f.getValue();
        String vp = JsonIn.at(ep, f.getKey());
        if (v.isTextual()) {
          out.put(f.getKey(), new EnvValue.Literal(v.asText()));
        } else if (v.isObject() && v.has("secret")) {
          in.string(v, "secret", vp).ifPresent(s -> out.put(f.getKey(), new EnvValue.SecretRef(s)));
        } else {
          in.error(vp, "error.expected.jsstring");
        }
      });
      return out;
    });
  }

  private Optional<Constraint> constraint(JsonNode n, String p) {
    if (!n.isArray()) {
      in.error(p, "error.expected.jsarray");
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      Optional<String> s = in.asString(n.get(i), JsonIn.idx(p, i));
      if (s.isEmpty()) return Optional.empty();
      parts.add(s.get());
    }
    return Optional.of(new Constraint(parts));
  }

  private Optional<PortDefinition> portDefinition(JsonNode n, String p) {
    if (!n.isObject()) {
      in.error(p, "error.expected.jsobject");
      return Optional.empty();
    }
    return Optional.of(new PortDefinition(in.integer(n, "port", p).orElse(0), in.string(n, "protocol", p).orElse("tcp"),
        in.string(n, "name", p), in.stringMap(n, "labels", p).orElse(Map.of())));
  }

  private Optional<PortMapping> portMapping(JsonNode n, String p) {
    if (!n.isObject()) {
      in.error(p, "error.expected.jsobject");
      return Optional.empty();
    }
    return Optional.of(new PortMapping(in.integer(n, "containerPort", p).orElse(0), in.integer(n, "hostPort", p),
        in.integer(n, "servicePort", p).orElse(0), in.string(n, "protocol", p).orElse("tcp"), in.string(n, "name", p),
        in.stringMap(n, "labels", p).orElse(Map.of()), in.stringList(n, "networkNames", p).orElse(List.of())));
  }

  private RawContainer container(JsonNode c, String p) {
    Container.Type type = in.enumValue(c, "type", p, Container.Type.class).orElse(Container.Type.DOCKER);
    Optional<RawDocker> docker = in.object(c, "docker", p).map(d -> docker(d, JsonIn.at(p, "docker")));
    List<JsonNode> volumes = in.list(c, "volumes", p, (n, vp) -> {
      if (n.isObject()) return Optional.of(n);
      in.error(vp, "error.expected.jsobject");
      return Optional.<JsonNode>empty();
    }).orElse(List.of());
    return new RawContainer(type, docker, in.list(c, "portMappings", p, this::portMapping), volumes);
  }

  private RawDocker docker(JsonNode d, String p) {
    List<Container.Parameter> params = in.list(d, "parameters", p, (n, pp) -> {
      if (!n.isObject()) {
        in.error(pp, "error.expected.jsobject");
        return Optional.<Container.Parameter>empty();
      }
      Optional<String> k = in.requiredString(n, "key", pp);
      Optional<String> v = in.requiredString(n, "value", pp);
      return k.isPresent() && v.isPresent() ? Optional.of(new Container.Parameter(k.get(), v.get())) : Optional.empty();
    }).orElse(List.of());
    return new RawDocker(in.requiredString(d, "image", p), in.string(d, "network", p),
        in.list(d, "portMappings", p, this::portMapping), in.bool(d, "privileged", p).orElse(false), params,
        in.bool(d, "forcePullImage", p).orElse(false), in.any(d, "credential"), in.any(d, "pullConfig"));
  }

  private Optional<HealthCheck> healthCheck(JsonNode n, String p) {
    if (!n.isObject()) {
      in.error(p, "error.expected.jsobject");
      return Optional.empty();
    }
    Optional<String> command = in.object(n, "command", p).flatMap(c -> in.string(c, "value", JsonIn.at(p, "command")));
    HealthCheck.Protocol protocol = in.enumValue(n, "protocol", p, HealthCheck.Protocol.class)
        .orElse(HealthCheck.Protocol.HTTP);
    // A check with a command is a command check whatever its protocol says (Marathon's conversion does the same).
    if (command.isPresent()) protocol = HealthCheck.Protocol.COMMAND;
    return Optional.of(new HealthCheck(protocol, in.string(n, "path", p), in.integer(n, "portIndex", p),
        in.integer(n, "port", p), command, in.longValue(n, "gracePeriodSeconds", p).orElse(300L),
        in.longValue(n, "intervalSeconds", p).orElse(60L), in.longValue(n, "timeoutSeconds", p).orElse(20L),
        in.integer(n, "maxConsecutiveFailures", p).orElse(3), in.longValue(n, "delaySeconds", p).orElse(15L),
        in.bool(n, "ignoreHttp1xx", p).orElse(false), in.string(n, "ipProtocol", p).orElse("IPv4")));
  }

  private Optional<ReadinessCheck> readinessCheck(JsonNode n, String p) {
    if (!n.isObject()) {
      in.error(p, "error.expected.jsobject");
      return Optional.empty();
    }
    List<Integer> codes = in.list(n, "httpStatusCodesForReady", p, in::asInt).filter(l -> !l.isEmpty())
        .orElse(List.of(200));
    return Optional.of(new ReadinessCheck(in.string(n, "name", p).orElse("readinessCheck"),
        in.string(n, "protocol", p).orElse("HTTP"), in.string(n, "path", p).orElse("/"),
        in.string(n, "portName", p).orElse("http-api"), in.longValue(n, "intervalSeconds", p).orElse(30L),
        in.longValue(n, "timeoutSeconds", p).orElse(10L), codes, in.bool(n, "preserveLastResponse", p).orElse(false)));
  }

  private RawUpgradeStrategy upgradeStrategy(JsonNode u, String p) {
    return new RawUpgradeStrategy(in.number(u, "minimumHealthCapacity", p), in.number(u, "maximumOverCapacity", p));
  }

  private Optional<FetchUri> fetchUri(JsonNode n, String p) {
    if (!n.isObject()) {
      in.error(p, "error.expected.jsobject");
      return Optional.empty();
    }
    return in.requiredString(n, "uri", p).map(uri -> new FetchUri(uri, in.bool(n, "executable", p).orElse(false),
        in.bool(n, "extract", p).orElse(true), in.bool(n, "cache", p).orElse(false), in.string(n, "destPath", p)));
  }

  private Optional<Network> network(JsonNode n, String p) {
    if (!n.isObject()) {
      in.error(p, "error.expected.jsobject");
      return Optional.empty();
    }
    Optional<Network.Mode> mode = in.string(n, "mode", p).flatMap(s -> {
      Optional<Network.Mode> m = Network.Mode.fromJson(s);
      if (m.isEmpty()) in.error(JsonIn.at(p, "mode"), "error.unknown.enum.literal");
      return m;
    });
    // RAML default mode is "container".
    if (mode.isEmpty() && in.present(n, "mode")) return Optional.empty();
    return Optional.of(new Network(mode.orElse(Network.Mode.CONTAINER), in.string(n, "name", p),
        in.stringMap(n, "labels", p).orElse(Map.of())));
  }

  private RawIpAddress ipAddress(JsonNode i, String p) {
    List<PortMapping> ports = in.object(i, "discovery", p).flatMap(d -> in.list(d, "ports", JsonIn.at(p, "discovery"),
        (n, pp) -> {
          if (!n.isObject()) {
            in.error(pp, "error.expected.jsobject");
            return Optional.<PortMapping>empty();
          }
          return Optional.of(new PortMapping(in.integer(n, "number", pp).orElse(0), Optional.empty(), 0,
              in.string(n, "protocol", pp).orElse("tcp"), in.string(n, "name", pp),
              in.stringMap(n, "labels", pp).orElse(Map.of()), List.of()));
        })).orElse(List.of());
    return new RawIpAddress(in.string(i, "networkName", p), in.stringMap(i, "labels", p).orElse(Map.of()), ports);
  }

  private Optional<UnreachableStrategy> unreachable(JsonNode o, String p) {
    return in.any(o, "unreachableStrategy").flatMap(n -> {
      String up = JsonIn.at(p, "unreachableStrategy");
      if (n.isTextual()) {
        if (n.asText().equals("disabled")) return Optional.of(UnreachableStrategy.DISABLED);
        in.error(up, "error.unknown.enum.literal");
        return Optional.empty();
      }
      if (!n.isObject()) {
        in.error(up, "error.expected.jsobject");
        return Optional.empty();
      }
      return Optional.of(new UnreachableStrategy.Enabled(in.longValue(n, "inactiveAfterSeconds", up).orElse(0L),
          in.longValue(n, "expungeAfterSeconds", up).orElse(0L)));
    });
  }
}
