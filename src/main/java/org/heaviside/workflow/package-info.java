/**
 * The use cases every front end shares: training a threshold network from a request (method,
 * penalty, patterns, certificate, seed) on a prepared table, with its conditions, metrics and a
 * complete provenance. The command line, the workbench, experiments and benchmarks call this
 * package instead of assembling the trainers themselves.
 */
package org.heaviside.workflow;
