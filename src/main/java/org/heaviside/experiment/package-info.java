/**
 * Experiments: every method on every seed with the same data and β, their runs, summaries and paired
 * tests, and the results file.
 */
package org.heaviside.experiment;
