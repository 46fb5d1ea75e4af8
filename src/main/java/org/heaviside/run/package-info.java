/**
 * What every run carries: progress reporting, cooperative cancellation and timing.
 * Nothing here knows about data, solvers or the GUI.
 */
package org.heaviside.run;
