/**
 * Comparisons over seeds on the same data and β: convex programs against STE baselines, J and its
 * excess, metrics, time, spread and paired tests (docs/method.md sections 8, 9 and 11), saved as
 * re-runnable JSON and CSV.
 */
package org.heaviside.experiment;
