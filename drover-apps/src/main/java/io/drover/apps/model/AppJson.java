package io.drover.apps.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.common.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Marathon app JSON: parse (with normalization), validate, write, and merge a partial update.
 *
 * <p>Result kinds: syntax or type errors give {@link Parsed.InvalidJson} (400, {@code Invalid JSON}, Play error
 * keys); normalization conflicts and, for the {@code read…} methods, {@link Validation} failures give
 * {@link Parsed.Invalid} (422, {@code Object is not valid}). Unknown fields are ignored. Nothing here throws on
 * user input.
 */
public final class AppJson {
  private static final ObjectMapper MAPPER = Json.camelCase();

  private AppJson() {}

  /** Parses a JSON text into a tree; a syntax error gives a 400 body with path {@code /}. */
  public static Parsed<JsonNode> tree(String body) {
    try {
      JsonNode n = MAPPER.readTree(body);
      if (n == null || n.isMissingNode()) return Parsed.invalidJson(List.of(Violation.of("/", "error.expected.jsobject")));
      return new Parsed.Ok<>(n);
    } catch (JsonProcessingException e) {
      return Parsed.invalidJson(List.of(Violation.of("/", "error.invalid.json: " + e.getOriginalMessage())));
    }
  }

  /** Parses and normalizes an app body, resolving a relative {@code id} against group {@code base}; no validation. */
  public static Parsed<AppDefinition> parse(String body, PathId base) {
    return switch (tree(body)) {
      case Parsed.Ok<JsonNode> ok -> parse(ok.value(), base, Optional.empty(), AppDefinition.DEFAULT_ROLE);
      case Parsed.InvalidJson<JsonNode> e -> new Parsed.InvalidJson<>(e.body());
      case Parsed.Invalid<JsonNode> e -> new Parsed.Invalid<>(e.body());
    };
  }

  /**
   * Parses and normalizes one app object. {@code id} present: the app gets that id and the body's {@code id} is
   * ignored (PUT on a path, PATCH); empty: the body must carry {@code id}, resolved against {@code base}.
   * {@code defaultRole} fills an absent {@code role}.
   */
  public static Parsed<AppDefinition> parse(JsonNode node, PathId base, Optional<PathId> id, String defaultRole) {
    if (!node.isObject()) return Parsed.invalidJson(List.of(Violation.of("/", "error.expected.jsobject")));
    JsonIn in = new JsonIn();
    RawApp raw = new RawAppReader(in).read(node, "/", id.isEmpty());
    if (in.hasErrors()) return Parsed.invalidJson(in.errors());
    PathId appId = id.orElseGet(() -> PathId.parse(raw.id().orElseThrow()).canonical(base));
    AppNormalization.Result r = AppNormalization.normalize(raw, appId, base, defaultRole);
    if (!r.violations().isEmpty()) return Parsed.invalid(r.violations());
    return new Parsed.Ok<>(r.app().orElseThrow());
  }

  /** {@link #parse(String, PathId)} followed by {@link Validation#validate(AppDefinition)}. */
  public static Parsed<AppDefinition> read(String body, PathId base) { return validated(parse(body, base)); }

  /** Reads a JSON array of apps (bulk {@code PUT /v2/apps}); error paths are prefixed with {@code (i)}. */
  public static Parsed<List<AppDefinition>> readAll(String body, PathId base) {
    Parsed<JsonNode> t = tree(body);
    if (!(t instanceof Parsed.Ok<JsonNode> ok)) return switch (t) {
      case Parsed.InvalidJson<JsonNode> e -> new Parsed.InvalidJson<>(e.body());
      case Parsed.Invalid<JsonNode> e -> new Parsed.Invalid<>(e.body());
      case Parsed.Ok<JsonNode> unreachable -> throw new IllegalStateException();
    };
    if (!ok.value().isArray()) return Parsed.invalidJson(List.of(Violation.of("/", "error.expected.jsarray")));
    List<AppDefinition> apps = new ArrayList<>();
    List<Violation> jsonErrors = new ArrayList<>();
    List<Violation> invalid = new ArrayList<>();
    for (int i = 0; i < ok.value().size(); i++) {
      String prefix = "(" + i + ")";
      switch (validated(parse(ok.value().get(i), base, Optional.empty(), AppDefinition.DEFAULT_ROLE))) {
        case Parsed.Ok<AppDefinition> a -> apps.add(a.value());
        case Parsed.InvalidJson<AppDefinition> e -> e.body().details().orElseThrow().forEach(v -> jsonErrors.add(v.prefixed(prefix)));
        case Parsed.Invalid<AppDefinition> e -> e.body().details().orElseThrow().forEach(v -> invalid.add(v.prefixed(prefix)));
      }
    }
    if (!jsonErrors.isEmpty()) return Parsed.invalidJson(jsonErrors);
    if (!invalid.isEmpty()) return Parsed.invalid(invalid);
    return new Parsed.Ok<>(apps);
  }

  static Parsed<AppDefinition> validated(Parsed<AppDefinition> p) {
    if (p instanceof Parsed.Ok<AppDefinition> ok) {
      List<Violation> vs = Validation.validate(ok.value());
      if (!vs.isEmpty()) return Parsed.invalid(vs);
    }
    return p;
  }

  /** The definition part of AppInfo, as {@code GET /v2/apps/{id}} shows it. */
  public static ObjectNode toJson(AppDefinition app) { return AppJsonWriter.write(app); }

  public static String write(AppDefinition app) { return toJson(app).toString(); }

  /** One health check as in the app JSON (events carry it). */
  public static ObjectNode toJson(HealthCheck hc) {
    ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    AppJsonWriter.healthCheck(o, hc);
    return o;
  }

  /**
   * Marathon's partial update ({@code PATCH}, {@code PUT ?partialUpdate=true}): fields present (and not null) in
   * {@code patch} replace the existing ones, absent ones are kept; {@code id}, {@code version} and
   * {@code versionInfo} in the patch are ignored (the result keeps the existing id and version info; the caller
   * stamps a new version). Legacy fields replace their canonical counterparts ({@code ports} →
   * {@code portDefinitions}, {@code uris} → {@code fetch}); a change of networking without explicit ports lets the
   * port defaults be recomputed. The result is normalized and validated.
   */
  public static Parsed<AppDefinition> merge(AppDefinition existing, String patchBody) {
    return switch (tree(patchBody)) {
      case Parsed.Ok<JsonNode> ok -> merge(existing, ok.value());
      case Parsed.InvalidJson<JsonNode> e -> new Parsed.InvalidJson<>(e.body());
      case Parsed.Invalid<JsonNode> e -> new Parsed.Invalid<>(e.body());
    };
  }

  public static Parsed<AppDefinition> merge(AppDefinition existing, JsonNode patch) {
    if (!patch.isObject()) return Parsed.invalidJson(List.of(Violation.of("/", "error.expected.jsobject")));
    ObjectNode merged = toJson(existing);
    merged.remove(List.of("version", "versionInfo"));
    boolean networkingChanged = false;
    for (var e : patch.properties()) {
      String k = e.getKey();
      JsonNode v = e.getValue();
      if (v.isNull() || k.equals("id") || k.equals("version") || k.equals("versionInfo")) continue;
      switch (k) {
        case "ports" -> merged.remove("portDefinitions");
        case "portDefinitions" -> merged.remove("ports");
        case "uris" -> merged.remove("fetch");
        case "fetch" -> merged.remove("uris");
        case "ipAddress", "networks" -> networkingChanged = true;
        case "container" -> networkingChanged |= v.path("docker").has("network");
        default -> { }
      }
      merged.set(k, v);
    }
    if (networkingChanged) {
      if (!patch.has("networks")) merged.remove("networks");
      if (!patch.has("portDefinitions") && !patch.has("ports")) merged.remove("portDefinitions");
    }
    Parsed<AppDefinition> p = parse(merged, PathId.ROOT, Optional.of(existing.id()), existing.role());
    if (p instanceof Parsed.Ok<AppDefinition> ok) {
      p = new Parsed.Ok<>(ok.value().toBuilder().versionInfo(existing.versionInfo()).build());
    }
    return validated(p);
  }
}
