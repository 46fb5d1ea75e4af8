/**
 * The Apache Spark engine of the two-layer convex program: rows and their pattern bits stay in the
 * partitions, the solver on the driver sees only aggregates (docs/method.md; README "Scaling out").
 * Only this package and cli may import Spark, which is a provided dependency: nothing here is loaded
 * unless {@code --engine spark} is chosen.
 */
package org.heaviside.spark;
