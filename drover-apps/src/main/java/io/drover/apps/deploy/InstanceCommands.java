package io.drover.apps.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * What a stepper asks of the driver for one app: launch {@code launch} new instances of the target spec (each gets
 * a fresh instance id) and kill the named instances.
 */
public record InstanceCommands(int launch, List<String> kill) {
  public static final InstanceCommands NONE = new InstanceCommands(0, List.of());

  public InstanceCommands {
    if (launch < 0) throw new IllegalArgumentException("launch must be >= 0: " + launch);
    kill = List.copyOf(kill);
  }

  public boolean isEmpty() { return launch == 0 && kill.isEmpty(); }

  public InstanceCommands plus(InstanceCommands other) {
    List<String> both = new ArrayList<>(kill);
    both.addAll(other.kill);
    return new InstanceCommands(launch + other.launch, both);
  }
}
