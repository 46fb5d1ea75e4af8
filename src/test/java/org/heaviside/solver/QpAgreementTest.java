package org.heaviside.solver;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.heaviside.arrangement.PatternMatrix;
import org.heaviside.run.Cancellation;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/** The coordinate-descent optimum agrees with ojAlgo's convex QP solver on small random problems. */
public class QpAgreementTest {

    @Property(tries = 15, seed = "2023")
    void objectiveMatchesOjAlgoQuadraticProgram(@ForAll @IntRange(min = 6, max = 25) int n,
                                                @ForAll @IntRange(min = 1, max = 1000) int seed,
                                                @ForAll @IntRange(min = 1, max = 50) int ratioPercent) {
        PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(n, n, seed);
        double[] y = CoordinateDescentSolverTest.randomTargets(n, seed + 7);
        LassoProblem problem = LassoProblem.of(h, y);
        double beta = ratioPercent / 100.0 * problem.penaltyMax();
        SolverResult ours = new CoordinateDescentSolver(SolverOptions.defaults().withTolerance(1e-10).withThreads(1))
                .solve(problem, beta, null, ConvergenceListener.NONE, Cancellation.NEVER);
        double reference = qp(h, y, beta);
        assertThat(ours.status()).isEqualTo(SolverStatus.CONVERGED);
        // the QP's value is feasible, so ours (a certified optimum) can only be lower or equal
        assertThat(Math.abs(ours.objective() - reference)).isLessThanOrEqualTo(1e-7 * reference);
    }

    /**
     * ½‖y − H(p − m)‖² + β Σ (p + m) over p, m ≥ 0, as ½ vᵀ Q v + cᵀ v + ½‖y‖² with v = (p, m).
     */
    public static double qp(PatternMatrix h, double[] y, double beta) {
        double[] ones = new double[y.length];
        java.util.Arrays.fill(ones, 1.0);
        return qp(h, y, ones, beta);
    }

    /**
     * ½ Σ w_i (y_i − (H(p − m))_i)² + β Σ (p + m) over p, m ≥ 0 by ojAlgo's QP solver, as
     * ½ vᵀ Q v + cᵀ v + ½ Σ w_i y_i² with v = (p, m).
     */
    public static double qp(PatternMatrix h, double[] y, double[] w, double beta) {
        int n = h.rows();
        int p = h.columns();
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] v = new Variable[2 * p];
        for (int k = 0; k < 2 * p; k++) {
            v[k] = model.addVariable("v" + k).lower(0);
        }
        Expression objective = model.addExpression("objective").weight(1);
        for (int a = 0; a < p; a++) {
            double hy = 0;
            for (int i = 0; i < n; i++) {
                hy += h.get(i, a) ? w[i] * y[i] : 0;
            }
            objective.set(v[a], beta - hy);
            objective.set(v[p + a], beta + hy);
            for (int b = 0; b < p; b++) {
                double common = 0;
                for (int i = 0; i < n; i++) {
                    common += h.get(i, a) && h.get(i, b) ? w[i] : 0;
                }
                if (common != 0) {
                    objective.set(v[a], v[b], 0.5 * common);
                    objective.set(v[p + a], v[p + b], 0.5 * common);
                    objective.set(v[a], v[p + b], -0.5 * common);
                    objective.set(v[p + a], v[b], -0.5 * common);
                }
            }
        }
        Optimisation.Result result = model.minimise();
        assertThat(result.getState().isOptimal()).as("ojAlgo state %s", result.getState()).isTrue();
        double yy = 0;
        for (int i = 0; i < n; i++) {
            yy += w[i] * y[i] * y[i];
        }
        return result.getValue() + 0.5 * yy;
    }
}
