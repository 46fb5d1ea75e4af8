/**
 * The convex program of a two-layer threshold network: the pattern Lasso
 * min_z 0.5*||Y - Hz||^2 + beta*sum_j ||Z_j||_2, solved by coordinate descent on the bit-packed
 * pattern matrix, with duality gaps, safe screening, regularization paths and certificates.
 */
package org.heaviside.solver;
