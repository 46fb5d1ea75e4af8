/**
 * Hyperplane-arrangement patterns of the data: the bit-packed pattern matrix H, and the ways to
 * fill it (Gaussian sampling, data-anchored hyperplanes, exact enumeration for one or two features).
 */
package org.heaviside.arrangement;
