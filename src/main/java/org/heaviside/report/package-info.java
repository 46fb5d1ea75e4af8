/**
 * The manager report as PDF or HTML, with JFreeChart rendered headless; no JavaFX, so the command line
 * and the workbench both write it.
 */
package org.heaviside.report;
