/**
 * Deliberately impure classes, one forbidden thing each, to prove {@link io.drover.common.arch.PurityRules} fails
 * when it should. Never used by production code.
 */
package io.drover.common.arch.impure_fixture;
