package io.drover.apps.deploy;

import io.drover.apps.deploy.DeploymentAction.RestartApplication;
import io.drover.apps.deploy.DeploymentAction.ScaleApplication;
import io.drover.apps.deploy.DeploymentAction.StartApplication;
import io.drover.apps.deploy.DeploymentAction.StopApplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A running deployment (Marathon's {@code DeploymentActor}) as a state machine: runs the plan's steps one after the
 * other, each step's actions concurrently, one {@link AppStepper} per action. Fed with instance updates, it answers
 * the commands to carry out (launches, kills, events) and moves to the next step when every action of the current
 * one is done. Not thread-safe: the driver calls it from one event loop.
 */
public final class DeploymentProgress {
  /** Where the deployment stands. */
  public enum Status { RUNNING, SUCCEEDED, FAILED, CANCELLED }

  /** The driver's view of the instances of an app, read when a step begins. */
  @FunctionalInterface
  public interface InstanceSource {
    List<InstanceView> instancesOf(String appId);
  }

  private final DeploymentPlan plan;
  private final Map<String, AppStepper> steppers = new LinkedHashMap<>();
  private int currentStep; // 1-based; 0 before the first step
  private Status status = Status.RUNNING;
  private String failure;

  private DeploymentProgress(DeploymentPlan plan) { this.plan = plan; }

  /** A deployment and its first commands. */
  public record Started(DeploymentProgress progress, List<DeploymentCommand> commands) {}

  /** Begins the first step (an empty plan succeeds at once). */
  public static Started start(DeploymentPlan plan, InstanceSource instances) {
    DeploymentProgress progress = new DeploymentProgress(Objects.requireNonNull(plan, "plan"));
    List<DeploymentCommand> out = new ArrayList<>();
    progress.advance(instances, out);
    return new Started(progress, List.copyOf(out));
  }

  /**
   * The latest state of one instance of {@code appId}. Updates of apps outside the current step are ignored, as is
   * everything once the deployment is no longer running.
   *
   * @param instances read for the apps of the next steps, should this update finish the current one
   */
  public List<DeploymentCommand> onInstance(String appId, InstanceView instance, InstanceSource instances) {
    if (status != Status.RUNNING) return List.of();
    AppStepper stepper = steppers.get(appId);
    if (stepper == null) return List.of();
    List<DeploymentCommand> out = new ArrayList<>();
    boolean wasDone = stepper.isDone();
    emit(appId, stepper.onInstance(instance), out);
    if (!wasDone && stepper.isDone() && stepper instanceof StopStepper) out.add(new DeploymentCommand.AppTerminated(appId));
    advance(instances, out);
    return List.copyOf(out);
  }

  /** Stops driving (force delete, or a forced deployment took over); instances stay as they are. */
  public void cancel() {
    if (status == Status.RUNNING) status = Status.CANCELLED;
  }

  /** Marks the deployment failed, e.g. the driver could not carry out a command; publish deployment_failed. */
  public void fail(String reason) {
    if (status == Status.RUNNING) {
      status = Status.FAILED;
      failure = Objects.requireNonNull(reason, "reason");
    }
  }

  public DeploymentPlan plan() { return plan; }

  public Status status() { return status; }

  /** Why it failed, or null. */
  public String failure() { return failure; }

  /** 1-based index of the running step; 0 before the first and for an empty plan; the last one once succeeded. */
  public int currentStep() { return currentStep; }

  /** The actions of the running step (the {@code currentActions} of the REST item), empty when none runs. */
  public List<DeploymentAction> currentActions() {
    if (status != Status.RUNNING || currentStep == 0) return List.of();
    return plan.steps().get(currentStep - 1).actions();
  }

  /** Whether the action of {@code appId} in the running step has finished. */
  public boolean isActionDone(String appId) {
    AppStepper stepper = steppers.get(appId);
    return stepper == null || stepper.isDone();
  }

  /**
   * Per app of the running step, the instances its action waits on to become healthy and ready (see {@link
   * AppStepper#awaited()}); empty once the deployment is no longer running.
   */
  public Map<String, Set<String>> awaited() {
    if (status != Status.RUNNING) return Map.of();
    Map<String, Set<String>> out = new LinkedHashMap<>();
    steppers.forEach((appId, stepper) -> {
      Set<String> ids = stepper.awaited();
      if (!ids.isEmpty()) out.put(appId, ids);
    });
    return out;
  }

  private void advance(InstanceSource instances, List<DeploymentCommand> out) {
    while (status == Status.RUNNING && steppers.values().stream().allMatch(AppStepper::isDone)) {
      if (currentStep > 0) out.add(new DeploymentCommand.StepSucceeded(currentStep));
      steppers.clear();
      if (currentStep == plan.steps().size()) {
        status = Status.SUCCEEDED;
        out.add(new DeploymentCommand.Succeeded());
        return;
      }
      currentStep++;
      out.add(new DeploymentCommand.StepStarted(currentStep));
      for (DeploymentAction action : plan.steps().get(currentStep - 1).actions()) begin(action, instances, out);
    }
  }

  private void begin(DeploymentAction action, InstanceSource instances, List<DeploymentCommand> out) {
    String appId = action.appId();
    switch (action) {
      case StartApplication start -> { } // registering the app with 0 instances needs no instance work
      case StopApplication stop -> {
        StopStepper.Begun begun = StopStepper.begin(instances.instancesOf(appId));
        steppers.put(appId, begun.stop());
        emit(appId, begun.commands(), out);
        out.add(new DeploymentCommand.ResetDelay(appId));
        if (begun.stop().isDone()) out.add(new DeploymentCommand.AppTerminated(appId));
      }
      case ScaleApplication scale -> {
        ScaleStepper.Begun begun =
            ScaleStepper.begin(scale.spec(), scale.scaleTo(), instances.instancesOf(appId), scale.toKill());
        steppers.put(appId, begun.scale());
        emit(appId, begun.commands(), out);
      }
      case RestartApplication restart -> {
        RollingRestart.Begun begun = RollingRestart.begin(restart.spec(), instances.instancesOf(appId));
        steppers.put(appId, begun.restart());
        emit(appId, begun.commands(), out);
        if (restart.spec().instances() > 0) out.add(new DeploymentCommand.ResetDelay(appId));
      }
    }
  }

  private void emit(String appId, InstanceCommands commands, List<DeploymentCommand> out) {
    if (!commands.kill().isEmpty()) out.add(new DeploymentCommand.Kill(appId, commands.kill()));
    if (commands.launch() > 0) {
      out.add(new DeploymentCommand.Launch(specOf(appId), commands.launch()));
    }
  }

  private RunSpec specOf(String appId) {
    for (DeploymentAction a : plan.steps().get(currentStep - 1).actions()) if (a.appId().equals(appId)) return a.spec();
    throw new IllegalStateException("no action for " + appId + " in step " + currentStep);
  }
}
