package org.heaviside.ste;

import org.heaviside.run.Ids;

/** The optimizer of straight-through-estimator training. */
public enum Optimizer {
    /** Full-batch gradient descent with the step halved on a plateau (the paper's). */
    SGD("sgd"),
    /** Adam (Kingma and Ba, 2015) with β1 = 0.9, β2 = 0.999, ε = 1e-8. */
    ADAM("adam");

    private final String id;

    Optimizer(String id) {
        this.id = id;
    }

    /** The name used in files and on the command line. */
    public String id() {
        return id;
    }

    /** Files and JSON write the id. */
    @Override
    public String toString() {
        return id;
    }

    /** The optimizer named {@code text} ("sgd" or "adam"). */
    public static Optimizer parse(String text) {
        return Ids.parse(Optimizer.class, Optimizer::id, text, "optimizer");
    }
}
