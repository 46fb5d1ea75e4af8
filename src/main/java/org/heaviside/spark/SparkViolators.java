package org.heaviside.spark;

import java.io.Serializable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.heaviside.arrangement.BlockViolatorSearch;

/**
 * The partitions' rows with the dual point of one certificate round, as {@link BlockViolatorSearch}
 * passes over them: each pass one {@code treeAggregate} of depth 2. The rows' dual values are
 * computed once per round and cached with references to the rows (no copy of the features).
 */
final class SparkViolators implements BlockViolatorSearch.Blocks, AutoCloseable {

    private final JavaRDD<BlockViolatorSearch.Block> blocks;
    private final int dimension;
    private final int outputs;
    private final long rows;
    private final SparkPatterns.Probe probe;
    private final Broadcast<?> support;

    SparkViolators(JavaRDD<BlockViolatorSearch.Block> blocks, int dimension, int outputs, long rows,
                   SparkPatterns.Probe probe, Broadcast<?> support) {
        this.blocks = blocks.persist(StorageLevel.MEMORY_ONLY());
        this.dimension = dimension;
        this.outputs = outputs;
        this.rows = rows;
        this.probe = probe;
        this.support = support;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int outputs() {
        return outputs;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public <R extends Serializable> R aggregate(R zero, BlockViolatorSearch.Fold<R> fold,
                                                BlockViolatorSearch.Merge<R> merge) {
        SparkPatterns.Probe probe = this.probe;
        return blocks.treeAggregate(zero, (sum, block) -> {
            probe.enter(block.id());
            return fold.apply(sum, block);
        }, merge::apply, 2);
    }

    @Override
    public void close() {
        blocks.unpersist(false);
        support.unpersist();
    }
}
