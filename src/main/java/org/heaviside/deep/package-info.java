/**
 * Convex training of deeper threshold networks (docs/method.md section 6): the three-layer shattering
 * program and the deep Lasso on fixed earlier layers, built layer by layer.
 */
package org.heaviside.deep;
