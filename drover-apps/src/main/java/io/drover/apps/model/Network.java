package io.drover.apps.model;

import java.util.Map;
import java.util.Optional;

/** One entry of an app's {@code networks} (Marathon 1.5+). */
public record Network(Mode mode, Optional<String> name, Map<String, String> labels) {
  public Network {
    labels = Map.copyOf(labels);
  }

  public static final Network HOST = new Network(Mode.HOST, Optional.empty(), Map.of());
  public static final Network BRIDGE = new Network(Mode.CONTAINER_BRIDGE, Optional.empty(), Map.of());

  /** Network modes with their JSON spelling. */
  public enum Mode {
    HOST("host"), CONTAINER_BRIDGE("container/bridge"), CONTAINER("container");

    private final String json;

    Mode(String json) { this.json = json; }

    public String json() { return json; }

    public static Optional<Mode> fromJson(String s) {
      for (Mode m : values()) {
        if (m.json.equals(s)) return Optional.of(m);
      }
      return Optional.empty();
    }
  }
}
