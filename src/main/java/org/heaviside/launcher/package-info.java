/**
 * The single entry point: no arguments open the workbench, a subcommand runs the command line.
 * The only package allowed to know both {@code app} and {@code cli}.
 */
package org.heaviside.launcher;
