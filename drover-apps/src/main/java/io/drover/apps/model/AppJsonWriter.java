package io.drover.apps.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the definition part of Marathon's AppInfo. Field order and nulls follow the reference example
 * ({@code id, cmd, args, user, env, labels, instances, cpus, mem, disk, gpus, executor, constraints,
 * portDefinitions, requirePorts, backoffSeconds, backoffFactor, maxLaunchDelaySeconds, container, healthChecks,
 * dependencies, upgradeStrategy}); the fields the example omits follow ({@code readinessChecks, fetch,
 * acceptedResourceRoles, networks, killSelection, unreachableStrategy, taskKillGracePeriodSeconds, role} and, when
 * set, {@code tty, secrets, check, resourceLimits, executorResources, residency}); {@code version} and
 * {@code versionInfo} come last when the app has been stored. Whole numbers are written without a fraction
 * ({@code "mem":32}), as in the reference.
 */
final class AppJsonWriter {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private AppJsonWriter() {}

  static ObjectNode write(AppDefinition a) {
    ObjectNode o = F.objectNode();
    o.put("id", a.id().toString());
    putOpt(o, "cmd", a.cmd());
    if (a.args().isEmpty()) o.putNull("args");
    else strings(o.putArray("args"), a.args());
    putOpt(o, "user", a.user());
    ObjectNode env = o.putObject("env");
    a.env().forEach((k, v) -> {
      switch (v) {
        case EnvValue.Literal l -> env.put(k, l.value());
        case EnvValue.SecretRef s -> env.putObject(k).put("secret", s.secret());
      }
    });
    labels(o.putObject("labels"), a.labels());
    o.put("instances", a.instances());
    o.set("cpus", num(a.cpus()));
    o.set("mem", num(a.memMb()));
    o.set("disk", num(a.diskMb()));
    o.put("gpus", a.gpus());
    o.put("executor", a.executor());
    ArrayNode cs = o.putArray("constraints");
    a.constraints().forEach(c -> strings(cs.addArray(), c.parts()));
    ArrayNode pds = o.putArray("portDefinitions");
    a.portDefinitions().forEach(pd -> portDefinition(pds.addObject(), pd));
    o.put("requirePorts", a.requirePorts());
    o.put("backoffSeconds", a.backoffSeconds());
    o.set("backoffFactor", num(a.backoffFactor()));
    o.put("maxLaunchDelaySeconds", a.maxLaunchDelaySeconds());
    if (a.container().isPresent()) container(o.putObject("container"), a.container().get());
    else o.putNull("container");
    ArrayNode hcs = o.putArray("healthChecks");
    a.healthChecks().forEach(hc -> healthCheck(hcs.addObject(), hc));
    strings(o.putArray("dependencies"), a.dependencies().stream().map(PathId::toString).toList());
    ObjectNode us = o.putObject("upgradeStrategy");
    us.set("minimumHealthCapacity", num(a.upgradeStrategy().minimumHealthCapacity()));
    us.set("maximumOverCapacity", num(a.upgradeStrategy().maximumOverCapacity()));
    ArrayNode rcs = o.putArray("readinessChecks");
    a.readinessChecks().forEach(rc -> readinessCheck(rcs.addObject(), rc));
    ArrayNode fetch = o.putArray("fetch");
    a.fetch().forEach(f -> fetchUri(fetch.addObject(), f));
    if (a.acceptedResourceRoles().isPresent()) strings(o.putArray("acceptedResourceRoles"), a.acceptedResourceRoles().get());
    else o.putNull("acceptedResourceRoles");
    ArrayNode nets = o.putArray("networks");
    a.networks().forEach(n -> network(nets.addObject(), n));
    o.put("killSelection", a.killSelection().name());
    o.set("unreachableStrategy", unreachable(a.unreachableStrategy()));
    if (a.taskKillGracePeriodSeconds().isPresent()) o.put("taskKillGracePeriodSeconds", a.taskKillGracePeriodSeconds().get());
    else o.putNull("taskKillGracePeriodSeconds");
    o.put("role", a.role());
    a.tty().ifPresent(t -> o.put("tty", t));
    if (!a.secrets().isEmpty()) {
      ObjectNode s = o.putObject("secrets");
      a.secrets().forEach(s::set);
    }
    a.check().ifPresent(n -> o.set("check", n));
    a.resourceLimits().ifPresent(n -> o.set("resourceLimits", n));
    a.executorResources().ifPresent(n -> o.set("executorResources", n));
    a.residency().ifPresent(n -> o.set("residency", n));
    a.versionInfo().ifPresent(vi -> {
      o.put("version", vi.version().toString());
      ObjectNode v = o.putObject("versionInfo");
      v.put("lastScalingAt", vi.lastScalingAt().toString());
      v.put("lastConfigChangeAt", vi.lastConfigChangeAt().toString());
    });
    return o;
  }

  static JsonNode unreachable(UnreachableStrategy u) {
    return switch (u) {
      case UnreachableStrategy.Disabled d -> F.textNode("disabled");
      case UnreachableStrategy.Enabled e -> F.objectNode().put("inactiveAfterSeconds", e.inactiveAfterSeconds())
          .put("expungeAfterSeconds", e.expungeAfterSeconds());
    };
  }

  /** A double as JSON, whole numbers without a fraction. */
  static JsonNode num(double d) {
    if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) return F.numberNode((long) d);
    return F.numberNode(d);
  }

  private static void putOpt(ObjectNode o, String name, Optional<String> v) {
    if (v.isPresent()) o.put(name, v.get());
    else o.putNull(name);
  }

  private static void strings(ArrayNode arr, List<String> values) { values.forEach(arr::add); }

  private static void labels(ObjectNode o, Map<String, String> m) { m.forEach(o::put); }

  private static void portDefinition(ObjectNode o, PortDefinition pd) {
    o.put("port", pd.port());
    o.put("protocol", pd.protocol());
    pd.name().ifPresent(n -> o.put("name", n));
    if (!pd.labels().isEmpty()) labels(o.putObject("labels"), pd.labels());
  }

  private static void container(ObjectNode o, Container c) {
    o.put("type", c.type().name());
    c.docker().ifPresent(d -> {
      ObjectNode dn = o.putObject("docker");
      dn.put("image", d.image());
      dn.put("privileged", d.privileged());
      ArrayNode ps = dn.putArray("parameters");
      d.parameters().forEach(p -> ps.addObject().put("key", p.key()).put("value", p.value()));
      dn.put("forcePullImage", d.forcePullImage());
      d.credential().ifPresent(n -> dn.set("credential", n));
      d.pullConfig().ifPresent(n -> dn.set("pullConfig", n));
    });
    ArrayNode vols = o.putArray("volumes");
    c.volumes().forEach(vols::add);
    if (!c.portMappings().isEmpty()) {
      ArrayNode pms = o.putArray("portMappings");
      for (PortMapping pm : c.portMappings()) {
        ObjectNode p = pms.addObject();
        p.put("containerPort", pm.containerPort());
        pm.hostPort().ifPresent(h -> p.put("hostPort", h));
        p.put("servicePort", pm.servicePort());
        p.put("protocol", pm.protocol());
        pm.name().ifPresent(n -> p.put("name", n));
        labels(p.putObject("labels"), pm.labels());
        if (!pm.networkNames().isEmpty()) strings(p.putArray("networkNames"), pm.networkNames());
      }
    }
  }

  static void healthCheck(ObjectNode o, HealthCheck hc) {
    o.put("gracePeriodSeconds", hc.gracePeriodSeconds());
    o.put("intervalSeconds", hc.intervalSeconds());
    o.put("maxConsecutiveFailures", hc.maxConsecutiveFailures());
    hc.path().ifPresent(p -> o.put("path", p));
    hc.portIndex().ifPresent(p -> o.put("portIndex", p));
    hc.port().ifPresent(p -> o.put("port", p));
    o.put("protocol", hc.protocol().name());
    o.put("ipProtocol", hc.ipProtocol());
    o.put("timeoutSeconds", hc.timeoutSeconds());
    o.put("delaySeconds", hc.delaySeconds());
    if (hc.protocol() == HealthCheck.Protocol.HTTP || hc.protocol() == HealthCheck.Protocol.HTTPS) {
      o.put("ignoreHttp1xx", hc.ignoreHttp1xx());
    }
    hc.command().ifPresent(c -> o.putObject("command").put("value", c));
  }

  private static void readinessCheck(ObjectNode o, ReadinessCheck rc) {
    o.put("name", rc.name());
    o.put("protocol", rc.protocol());
    o.put("path", rc.path());
    o.put("portName", rc.portName());
    o.put("intervalSeconds", rc.intervalSeconds());
    o.put("timeoutSeconds", rc.timeoutSeconds());
    ArrayNode codes = o.putArray("httpStatusCodesForReady");
    rc.httpStatusCodesForReady().forEach(codes::add);
    o.put("preserveLastResponse", rc.preserveLastResponse());
  }

  private static void fetchUri(ObjectNode o, FetchUri f) {
    o.put("uri", f.uri());
    o.put("extract", f.extract());
    o.put("executable", f.executable());
    o.put("cache", f.cache());
    f.destPath().ifPresent(d -> o.put("destPath", d));
  }

  private static void network(ObjectNode o, Network n) {
    o.put("mode", n.mode().json());
    n.name().ifPresent(s -> o.put("name", s));
    if (!n.labels().isEmpty()) labels(o.putObject("labels"), n.labels());
  }
}
