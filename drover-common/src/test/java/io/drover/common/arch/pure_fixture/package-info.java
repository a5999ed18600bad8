/** Classes that use only what a pure core may use; {@link io.drover.common.arch.PurityRules} must accept them. */
package io.drover.common.arch.pure_fixture;
