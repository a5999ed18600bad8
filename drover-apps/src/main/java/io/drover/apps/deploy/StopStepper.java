package io.drover.apps.deploy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A stop action (Marathon's {@code stopRunnable}): kill every instance of the app; done when all are gone. */
public final class StopStepper implements AppStepper {
  private final Set<String> alive = new LinkedHashSet<>();

  private StopStepper() {}

  /** A stop and its first commands. */
  public record Begun(StopStepper stop, InstanceCommands commands) {}

  public static Begun begin(List<InstanceView> instances) {
    StopStepper stop = new StopStepper();
    for (InstanceView i : instances) if (!i.condition().consideredGone()) stop.alive.add(i.id());
    return new Begun(stop, new InstanceCommands(0, List.copyOf(stop.alive)));
  }

  @Override
  public InstanceCommands onInstance(InstanceView instance) {
    if (instance.condition().consideredGone()) alive.remove(instance.id());
    return InstanceCommands.NONE;
  }

  @Override
  public boolean isDone() { return alive.isEmpty(); }

  @Override
  public Set<String> awaited() { return Set.of(); }
}
