/**
 * The baseline trainer: threshold networks trained by gradient descent with a straight-through
 * estimator (identity, ReLU, leaky ReLU or clipped ReLU surrogate in the backward pass).
 */
package org.heaviside.ste;
