/**
 * The baseline (docs/method.md section 8): threshold networks trained by a straight-through estimator
 * with a choice of surrogate gradients, recording the objective and metrics along the epochs.
 */
package org.heaviside.ste;
