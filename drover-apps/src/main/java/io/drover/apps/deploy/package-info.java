/**
 * Deployments as pure code (Marathon's {@code core.deployment}): the planner (old run specs + new run specs →
 * ordered steps), locking between deployments, rollback, the rolling-restart and scale steppers and the step runner
 * core. Nothing here does I/O; the driver feeds instance updates in and carries the returned launch/kill commands out.
 *
 * <p>This package uses {@code io.drover.apps.model} only for {@link io.drover.apps.model.KillSelection}; the
 * wiring maps each AppDefinition to a {@link io.drover.apps.deploy.RunSpec}, the planner-facing view.
 */
package io.drover.apps.deploy;
