/**
 * The apps framework's scheduler logic as pure code ({@link io.drover.apps.core.AppsCore}): commands in, effects
 * out. No I/O, threads or wall clock; the driver loop carries effects to the scheduler client, the store and the
 * event bus.
 */
package io.drover.apps.core;
