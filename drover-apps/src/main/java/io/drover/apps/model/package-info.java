/**
 * The Marathon app and group model (pure: no I/O, time and ids come in as arguments or an injected Rng).
 *
 * <p>Entry points: {@link io.drover.apps.model.AppJson} (parse, normalize, validate, write, merge app JSON),
 * {@link io.drover.apps.model.Validation}, {@link io.drover.apps.model.AppChanges} (scale vs. upgrade),
 * {@link io.drover.apps.model.Group} / {@link io.drover.apps.model.GroupJson} (the root group tree),
 * {@link io.drover.apps.model.TaskId} / {@link io.drover.apps.model.InstanceId}, {@link io.drover.apps.model.TaskJson}
 * and {@link io.drover.apps.model.TaskEnv}. Request-body outcomes are {@link io.drover.apps.model.Parsed} values
 * carrying Marathon's {@link io.drover.apps.model.ErrorBody}.
 */
package io.drover.apps.model;
