/**
 * Threshold networks built from convex solutions: reconstruction of hyperplanes, amplitudes and
 * output weights, prediction, the effective objective J, metrics, and the convex trainer that ties
 * patterns, solver and reconstruction together.
 */
package org.heaviside.network;
