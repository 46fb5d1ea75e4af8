/**
 * The conditions of the guarantees (docs/method.md section 7): data, width, pattern and shattering
 * checks, each with a verdict, computed before training where the inputs allow and after a solve otherwise.
 */
package org.heaviside.conditions;
