/**
 * Deeper threshold networks built layer by layer: the three-layer shattering program in closed
 * form with its explicit network (docs/method.md section 6), and the deep Lasso on fixed sampled
 * earlier layers.
 */
package org.heaviside.deep;
