/**
 * The manager report: a comparison and a model turned into a PDF or HTML document with charts
 * rendered headless by JFreeChart (never JavaFX).
 */
package org.heaviside.report;
