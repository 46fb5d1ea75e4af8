package org.heaviside.solver;

/**
 * An orthonormal basis Q (C × (C − 1)) of the zero-sum outputs {v ∈ R^C : Σ_c v_c = 0}: the Helmert
 * vectors q_a = (1, ..., 1, −a, 0, ..., 0) / √(a(a + 1)) with a ones (a = 1, ..., C − 1).
 *
 * <p>The softmax does not change when a constant is added to all outputs of a row, and at the optimum of
 * the multinomial program every pattern's weights Z_j sum to zero (its gradient h_jᵀθ does, since each
 * row of θ does). Writing Z_j = Q y_j keeps ‖Z_j‖₂ = ‖y_j‖₂, so the group penalty is the same and the
 * program is the same one in C − 1 coordinates per pattern, where each row's softmax Hessian is positive
 * definite ({@link MultinomialSolver}).
 */
final class CenteredBasis {

    private final int outputs;
    /** q[c][a]: entry c of basis vector a. */
    private final double[][] q;

    CenteredBasis(int outputs) {
        this.outputs = outputs;
        this.q = new double[outputs][outputs - 1];
        for (int a = 1; a < outputs; a++) {
            double norm = Math.sqrt(a * (a + 1.0));
            for (int c = 0; c < a; c++) {
                q[c][a - 1] = 1 / norm;
            }
            q[a][a - 1] = -a / norm;
        }
    }

    /** C − 1. */
    int dimension() {
        return outputs - 1;
    }

    /** Entry c of basis vector a. */
    double entry(int c, int a) {
        return q[c][a];
    }

    /** Qᵀ v for the C values v[from .. from + C) into out[to .. to + C − 1). */
    void reduce(double[] v, int from, double[] out, int to) {
        for (int a = 0; a < outputs - 1; a++) {
            double sum = 0;
            for (int c = 0; c <= a + 1; c++) {
                sum += q[c][a] * v[from + c];
            }
            out[to + a] = sum;
        }
    }

    /** Q y for the C − 1 values y[from ..) into out[to .. to + C). */
    void expand(double[] y, int from, double[] out, int to) {
        for (int c = 0; c < outputs; c++) {
            double sum = 0;
            for (int a = Math.max(c - 1, 0); a < outputs - 1; a++) {
                sum += q[c][a] * y[from + a];
            }
            out[to + c] = sum;
        }
    }

    /** Subtracts from each row of C weights its mean (the projection onto the zero-sum outputs). */
    static void center(double[] z, int outputs) {
        for (int j = 0; j < z.length / outputs; j++) {
            double mean = 0;
            for (int c = 0; c < outputs; c++) {
                mean += z[j * outputs + c];
            }
            mean /= outputs;
            if (mean != 0) {
                for (int c = 0; c < outputs; c++) {
                    z[j * outputs + c] -= mean;
                }
            }
        }
    }
}
