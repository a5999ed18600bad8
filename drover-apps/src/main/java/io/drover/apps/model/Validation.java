package io.drover.apps.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Marathon's app validation on a canonical {@link AppDefinition}, with its JSON paths and messages
 * ({@code AppValidation}, {@code AppDefinition.validBasicAppDefinition}, {@code SchedulingValidation},
 * {@code PathId}). Rules whose message the reference gives ({@code is greater than 1}) use the reference's text;
 * numeric bounds otherwise use Marathon's (wix accord) wording {@code got -1.0, expected 0.0 or more}.
 * An empty list means valid. Dependencies are checked for syntax only: like Marathon, a dependency on an id
 * that does not exist is allowed; cycles are a group-level rule ({@link Group#validate()}).
 */
public final class Validation {
  private static final Pattern EXECUTOR = Pattern.compile("^(//cmd)|(/?[^/]+(/[^/]+)*)|$");
  private static final Pattern IS_VALUE = Pattern.compile("^[a-zA-Z0-9_/.-]*$");
  private static final List<String> OPERATORS = List.of("UNIQUE", "CLUSTER", "GROUP_BY", "LIKE", "UNLIKE", "MAX_PER", "IS");

  public static final String CMD_ARGS_OR_CONTAINER =
      "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'.";
  public static final String HEALTH_PORT_INDEX =
      "Health check port indices must address an element of the ports array or container port mappings.";
  public static final String AT_MOST_ONE_MESOS_CHECK = "AppDefinition can contain at most one Mesos health check";
  public static final String NO_MIXED_CHECKS = "AppDefinition cannot mix Marathon and Mesos health checks";
  public static final String COMMAND_NEEDS_COMMAND = "COMMAND health checks require a command";
  public static final String SINGLE_INSTANCE = "Single instance app may only have one instance";
  public static final String OPERATOR_INVALID =
      "operator must be one of the following UNIQUE, CLUSTER, GROUP_BY, LIKE, MAX_PER, UNLIKE or IS";

  private Validation() {}

  /** All violations of {@code app}, grouped by path in first-seen order. */
  public static List<Violation> validate(AppDefinition app) {
    List<Violation> vs = new ArrayList<>();
    pathId(app.id(), "/id", vs);
    if (app.id().isRoot()) vs.add(Violation.of("/", "must not be root"));
    if (app.cmd().map(c -> c.length() <= 1).orElse(false)) vs.add(Violation.of("/", "must not be an empty string"));
    cmdArgsContainer(app, vs);
    min(app.cpus(), 0.0, "/cpus", vs);
    min(app.memMb(), 0.0, "/mem", vs);
    min(app.diskMb(), 0.0, "/disk", vs);
    minInt(app.gpus(), 0, "/gpus", vs);
    minInt(app.instances(), 0, "/instances", vs);
    minLong(app.backoffSeconds(), 0, "/backoffSeconds", vs);
    min(app.backoffFactor(), 1.0, "/backoffFactor", vs);
    minLong(app.maxLaunchDelaySeconds(), 0, "/maxLaunchDelaySeconds", vs);
    app.taskKillGracePeriodSeconds().ifPresent(t -> minLong(t, 0, "/taskKillGracePeriodSeconds", vs));
    if (!EXECUTOR.matcher(app.executor()).matches()) {
      vs.add(Violation.of("/executor", "must fully match regular expression '" + EXECUTOR.pattern() + "'"));
    }
    upgradeStrategy(app, vs);
    unreachable(app.unreachableStrategy(), vs);
    if (app.isResident() && !(app.unreachableStrategy() instanceof UnreachableStrategy.Disabled)) {
      vs.add(Violation.of("/", "unreachableStrategy must be disabled for resident tasks"));
    }
    if (app.isSingleInstance() && app.instances() > 1) vs.add(Violation.of("/", SINGLE_INSTANCE));
    for (int i = 0; i < app.constraints().size(); i++) constraint(app.constraints().get(i), "/constraints(" + i + ")", vs);
    ports(app, vs);
    container(app, vs);
    HealthChecks.validate(app, vs);
    readiness(app, vs);
    for (int i = 0; i < app.fetch().size(); i++) {
      try {
        new URI(app.fetch().get(i).uri());
      } catch (URISyntaxException e) {
        vs.add(Violation.of("/fetch(" + i + ")/uri", "URI has invalid syntax."));
      }
    }
    for (int i = 0; i < app.dependencies().size(); i++) pathId(app.dependencies().get(i), "/dependencies(" + i + ")", vs);
    if (app.acceptedResourceRoles().map(List::isEmpty).orElse(false)) {
      vs.add(Violation.of("/acceptedResourceRoles", "must not be empty"));
    }
    app.env().forEach((k, v) -> {
      if (v instanceof EnvValue.SecretRef s && !app.secrets().containsKey(s.secret())) {
        vs.add(Violation.of("/env/" + k, "references an undefined secret named '" + s.secret() + "'"));
      }
    });
    if (app.gpus() > 0 && app.container().map(c -> c.type() == Container.Type.DOCKER).orElse(false)) {
      vs.add(Violation.of("/", "GPU resources only work with the Mesos containerizer"));
    }
    return Violation.grouped(vs);
  }

  /** Marathon's {@code PathId.pathIdValidator} on a canonical id: allowed segments, no reserved last segment. */
  public static void pathId(PathId id, String path, List<Violation> vs) {
    if (id.isRoot()) {
      vs.add(Violation.of(path, "Path must contain at least one path element"));
      return;
    }
    if (!id.segments().stream().allMatch(s -> PathId.SEGMENT.matcher(s).matches())) {
      vs.add(Violation.of(path, "must fully match regular expression '" + PathId.SEGMENT.pattern() + "'"));
    }
    if (PathId.RESERVED.contains(id.name())) {
      vs.add(Violation.of(path, "must not end with any of the following reserved keywords: "
          + String.join(", ", PathId.RESERVED)));
    }
  }

  private static void cmdArgsContainer(AppDefinition app, List<Violation> vs) {
    boolean cmd = app.cmd().isPresent();
    boolean args = !app.args().isEmpty();
    boolean container = app.container()
        .map(c -> c.docker().isPresent() || c.type() == Container.Type.MESOS).orElse(false);
    if (!((cmd ^ args) || (!(cmd && args) && container))) vs.add(Violation.of("/", CMD_ARGS_OR_CONTAINER));
  }

  private static void upgradeStrategy(AppDefinition app, List<Violation> vs) {
    UpgradeStrategy u = app.upgradeStrategy();
    unit(u.minimumHealthCapacity(), "/upgradeStrategy/minimumHealthCapacity", vs);
    unit(u.maximumOverCapacity(), "/upgradeStrategy/maximumOverCapacity", vs);
    if (app.isSingleInstance()) {
      exactlyZero(u.minimumHealthCapacity(), "/upgradeStrategy/minimumHealthCapacity", vs);
      exactlyZero(u.maximumOverCapacity(), "/upgradeStrategy/maximumOverCapacity", vs);
    }
    if (app.isResident()) exactlyZero(u.maximumOverCapacity(), "/upgradeStrategy/maximumOverCapacity", vs);
  }

  private static void unit(double v, String path, List<Violation> vs) {
    if (v > 1.0) vs.add(Violation.of(path, "is greater than 1"));
    if (v < 0.0) vs.add(Violation.of(path, "is less than 0"));
  }

  private static void exactlyZero(double v, String path, List<Violation> vs) {
    if (v != 0.0) vs.add(Violation.of(path, "got " + v + ", expected 0.0"));
  }

  private static void unreachable(UnreachableStrategy u, List<Violation> vs) {
    if (!(u instanceof UnreachableStrategy.Enabled e)) return;
    String path = "/unreachableStrategy/inactiveAfterSeconds";
    if (e.inactiveAfterSeconds() < 0) {
      vs.add(Violation.of(path, "inactiveAfterSeconds (" + e.inactiveAfterSeconds() + ") must be greater than or equal to 0"));
    } else if (e.inactiveAfterSeconds() > e.expungeAfterSeconds()) {
      vs.add(Violation.of(path, "inactiveAfterSeconds (" + e.inactiveAfterSeconds()
          + ") must be less or equal to expungeAfterSeconds, which is " + e.expungeAfterSeconds()));
    }
  }

  /** Marathon's {@code complyWithAppConstraintRules}; the message list is empty for a valid constraint. */
  public static List<String> constraintErrors(Constraint c) {
    List<String> parts = c.parts();
    if (parts.size() < 2 || parts.size() > 3) return List.of("Each constraint must have either 2 or 3 fields");
    if (c.field().isEmpty()) return List.of("illegal constraint specification");
    String op = c.operator().toUpperCase();
    if (!OPERATORS.contains(op)) return List.of(OPERATOR_INVALID);
    Optional<String> value = c.value();
    return switch (op) {
      case "UNIQUE" -> value.isPresent() ? List.of("UNIQUE does not accept a value") : List.of();
      case "CLUSTER" -> List.of();
      case "GROUP_BY" -> value.isEmpty() || isInt(value.get()) ? List.of()
          : List.of("GROUP BY must define an integer value or else no value at all");
      case "MAX_PER" -> value.isPresent() && isInt(value.get()) ? List.of() : List.of("MAX_PER requires an integer value");
      case "LIKE", "UNLIKE" -> value.isEmpty() ? List.of("LIKE and UNLIKE require a non-empty, regular expression value")
          : validRegex(value.get()) ? List.of() : List.of("is not a valid regular expression");
      case "IS" -> IS_VALUE.matcher(value.orElse("")).matches() ? List.of()
          : List.of("IS only supports Mesos text and float values (see http://mesos.apache.org/documentation/latest/attributes-resources/)");
      default -> throw new IllegalStateException("operator list and switch disagree: " + op);
    };
  }

  private static void constraint(Constraint c, String path, List<Violation> vs) {
    constraintErrors(c).forEach(e -> vs.add(Violation.of(path, e)));
  }

  private static boolean isInt(String s) {
    try {
      Integer.parseInt(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean validRegex(String s) {
    try {
      Pattern.compile(s);
      return true;
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  private static void ports(AppDefinition app, List<Violation> vs) {
    List<Optional<String>> names = app.portDefinitions().stream().map(PortDefinition::name).toList();
    if (!AppNormalization.duplicates(names).isEmpty()) vs.add(Violation.of("/portDefinitions", "Port names must be unique."));
    List<Integer> fixed = app.portDefinitions().stream().map(PortDefinition::port).filter(p -> p != 0).toList();
    if (new HashSet<>(fixed).size() != fixed.size()) vs.add(Violation.of("/portDefinitions", "Ports must be unique."));
    for (int i = 0; i < app.portDefinitions().size(); i++) {
      int port = app.portDefinitions().get(i).port();
      if (port < 0 || port > 65535) vs.add(Violation.of("/portDefinitions(" + i + ")/port", "got " + port + ", expected between 0 and 65535"));
    }
  }

  private static void container(AppDefinition app, List<Violation> vs) {
    if (app.container().isEmpty()) return;
    Container c = app.container().get();
    List<Optional<String>> names = c.portMappings().stream().map(PortMapping::name).toList();
    if (!AppNormalization.duplicates(names).isEmpty()) vs.add(Violation.of("/container/portMappings", "Port names must be unique."));
    Set<String> networkNames = new HashSet<>();
    app.networks().forEach(n -> n.name().ifPresent(networkNames::add));
    for (int i = 0; i < c.portMappings().size(); i++) {
      for (String nn : c.portMappings().get(i).networkNames()) {
        if (!networkNames.contains(nn)) {
          vs.add(Violation.of("/container/portMappings(" + i + ")/networkNames", "is not one of (" + String.join(",", networkNames) + ")"));
        }
      }
    }
    if (c.type() == Container.Type.DOCKER) {
      if (c.docker().isEmpty()) {
        vs.add(Violation.of("/container/docker", "not defined"));
      } else {
        if (c.docker().get().image().isEmpty()) vs.add(Violation.of("/container/docker/image", "must not be empty"));
        if (c.docker().get().pullConfig().isPresent()) {
          vs.add(Violation.of("/container/docker/pullConfig", "pullConfig is not supported with Docker containerizer"));
        }
      }
      if (app.networks().stream().filter(n -> n.mode() == Network.Mode.CONTAINER).count() > 1) {
        vs.add(Violation.of("/", "may only specify a single container network when using the Docker container engine"));
      }
    } else if (c.docker().isPresent() && c.docker().get().image().isEmpty()) {
      vs.add(Violation.of("/container/docker/image", "must not be empty"));
    }
  }

  private static void readiness(AppDefinition app, List<Violation> vs) {
    if (app.readinessChecks().size() > 1) {
      vs.add(Violation.of("/readinessChecks", "got " + app.readinessChecks().size() + ", expected 1 or less"));
    }
    Set<String> portNames = new HashSet<>();
    if (app.container().map(c -> !c.portMappings().isEmpty()).orElse(false)) {
      app.container().get().portMappings().forEach(pm -> pm.name().ifPresent(portNames::add));
    } else {
      app.portDefinitions().forEach(pd -> pd.name().ifPresent(portNames::add));
    }
    for (int i = 0; i < app.readinessChecks().size(); i++) {
      ReadinessCheck rc = app.readinessChecks().get(i);
      String p = "/readinessChecks(" + i + ")";
      if (!portNames.contains(rc.portName())) {
        vs.add(Violation.of(p + "/portName", "No port definition reference for portName " + rc.portName()));
      }
      if (rc.timeoutSeconds() >= rc.intervalSeconds()) {
        vs.add(Violation.of(p + "/timeoutSeconds", "got " + rc.timeoutSeconds() + ", expected less than " + rc.intervalSeconds()));
      }
    }
  }

  private static void min(double v, double bound, String path, List<Violation> vs) {
    if (v < bound || Double.isNaN(v)) vs.add(Violation.of(path, "got " + v + ", expected " + bound + " or more"));
  }

  private static void minInt(int v, int bound, String path, List<Violation> vs) {
    if (v < bound) vs.add(Violation.of(path, "got " + v + ", expected " + bound + " or more"));
  }

  private static void minLong(long v, long bound, String path, List<Violation> vs) {
    if (v < bound) vs.add(Violation.of(path, "got " + v + ", expected " + bound + " or more"));
  }
}
