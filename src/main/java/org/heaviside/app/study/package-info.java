/**
 * The study the workbench works on: one observable model shared by every view model (data, settings,
 * trained model, comparison), and the study file that saves and reopens it.
 */
package org.heaviside.app.study;
