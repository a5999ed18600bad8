/**
 * The edge of the apps framework: Marathon's {@code /v2} REST routes ({@link io.drover.apps.api.v2.AppsApi}) on
 * Javalin, talking to the core only through {@link io.drover.apps.service.AppsBackend}.
 */
package io.drover.apps.api.v2;
