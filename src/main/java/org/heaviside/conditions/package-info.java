/**
 * The conditions of the convex programs' guarantees (docs/method.md section 7): data, width,
 * patterns and shattering checks, each with a verdict, its numbers, what it means and what to do.
 */
package org.heaviside.conditions;
