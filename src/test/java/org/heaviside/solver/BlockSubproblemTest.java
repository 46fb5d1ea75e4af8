package org.heaviside.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.heaviside.arrangement.PatternMatrix;
import org.heaviside.run.Cancellation;
import org.junit.jupiter.api.Test;

/** The block model of the multinomial program: its basis, the row blocks, the model's gap and optimum. */
class BlockSubproblemTest {

    @Test
    void theBasisIsOrthonormalAndSumsToZero() {
        for (int outputs = 2; outputs <= 10; outputs++) {
            CenteredBasis basis = new CenteredBasis(outputs);
            for (int a = 0; a < outputs - 1; a++) {
                double sum = 0;
                for (int c = 0; c < outputs; c++) {
                    sum += basis.entry(c, a);
                }
                assertThat(sum).isCloseTo(0.0, within(1e-14));
                for (int b = 0; b < outputs - 1; b++) {
                    double dot = 0;
                    for (int c = 0; c < outputs; c++) {
                        dot += basis.entry(c, a) * basis.entry(c, b);
                    }
                    assertThat(dot).isCloseTo(a == b ? 1.0 : 0.0, within(1e-14));
                }
            }
            double[] y = new double[outputs - 1];
            for (int a = 0; a < y.length; a++) {
                y[a] = a - 0.3 * a * a;
            }
            double[] v = new double[outputs];
            basis.expand(y, 0, v, 0);
            double[] back = new double[outputs - 1];
            basis.reduce(v, 0, back, 0);
            for (int a = 0; a < y.length; a++) {
                assertThat(back[a]).isCloseTo(y[a], within(1e-13));
            }
        }
    }

    /** The blocks are w·Qᵀ(diag p − ppᵀ)Q (plus the floor): the loss's second differences along Q's columns. */
    @Property(tries = 50, seed = "5")
    void theSoftmaxBlocksAreTheRowHessianOnTheZeroSumOutputs(@ForAll @IntRange(min = 3, max = 6) int classes,
                                                             @ForAll @IntRange(min = 1, max = 10_000) int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] f = new double[classes][1];
        for (int c = 0; c < classes; c++) {
            f[c][0] = 2 * random.nextGaussian();
        }
        double[][] y = MultinomialSolverTest.labels(1, classes, seed);
        double[] w = {0.5 + random.nextDouble()};
        MultinomialSolver.Softmax loss = new MultinomialSolver.Softmax(y, w);
        loss.at(f);
        int d = classes - 1;
        double[] rows = new double[BlockGram.packed(d)];
        loss.blocks(1.0, rows);
        CenteredBasis basis = loss.basis();
        double step = 1e-4;
        for (int r = 0; r < d; r++) {
            for (int s = 0; s <= r; s++) {
                // second difference of the loss along the basis vectors r and s
                double value = (shifted(loss, f, basis, r, s, step, step) - shifted(loss, f, basis, r, s, step, -step)
                        - shifted(loss, f, basis, r, s, -step, step) + shifted(loss, f, basis, r, s, -step, -step))
                        / (4 * step * step);
                double floor = r == s ? ProximalNewton.FLOOR * w[0] : 0.0;
                assertThat(rows[BlockGram.at(r, s)]).isCloseTo(value + floor, within(1e-5));
            }
        }
    }

    private static double shifted(RowLoss loss, double[][] f, CenteredBasis basis, int r, int s, double a, double b) {
        double[][] moved = new double[f.length][1];
        for (int c = 0; c < f.length; c++) {
            moved[c][0] = f[c][0] + a * basis.entry(c, r) + b * basis.entry(c, s);
        }
        return loss.value(moved);
    }

    /**
     * BlockGram.build (its d = 2 kernel splits each word into halves, the others loop over the packed
     * entries) equals the straightforward K_kl = Σ_{i : H_ik = H_il = 1} A_i, on both threads' splits and
     * row counts that end inside a word's low and high half.
     */
    @Test
    void blockGramIsTheSumOfTheSharedRowsBlocks() {
        for (int n : new int[] {20, 150, 200}) {
            for (int d = 1; d <= 3; d++) {
                SplittableRandom random = new SplittableRandom(31L * n + d);
                PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(n, 60, n + d);
                int size = n == 20 ? 12 : h.columns();
                // the larger cases reach the three-class tables' path (at least 32 columns), the smallest not
                assertThat(size >= 32).isEqualTo(n >= 150);
                int[] working = new int[size];
                for (int k = 0; k < size; k++) {
                    working[k] = size - 1 - k;
                }
                int entries = BlockGram.packed(d);
                double[] rows = new double[n * entries];
                for (int t = 0; t < rows.length; t++) {
                    rows[t] = random.nextDouble(-1, 1);
                }
                for (int threads = 1; threads <= 2; threads++) {
                    double[] k = BlockGram.build(h, working, rows, d, threads);
                    int dim = size * d;
                    for (int a = 0; a < size; a++) {
                        for (int b = 0; b < size; b++) {
                            for (int r = 0; r < d; r++) {
                                for (int s = 0; s < d; s++) {
                                    double expected = 0;
                                    for (int i = 0; i < n; i++) {
                                        if (h.get(i, working[a]) && h.get(i, working[b])) {
                                            expected += rows[i * entries + BlockGram.at(Math.max(r, s), Math.min(r, s))];
                                        }
                                    }
                                    assertThat(k[(a * d + r) * dim + b * d + s]).isCloseTo(expected, within(1e-12));
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** A random model: rows' SPD blocks A_i, θ_i, a pattern matrix and a start Y₀. */
    private record Model(PatternMatrix h, int[] working, double[][] a, double[][] theta, double[] y0, int d,
                         double penalty) {
        int size() {
            return working.length;
        }
    }

    private static Model model(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(n, 40, seed);
        int size = Math.min(h.columns(), 12);
        int[] working = new int[size];
        for (int k = 0; k < size; k++) {
            working[k] = k;
        }
        double[][] a = new double[n][d * d];
        double[][] theta = new double[n][d];
        for (int i = 0; i < n; i++) {
            double[] m = new double[d * d];
            for (int t = 0; t < m.length; t++) {
                m[t] = random.nextGaussian();
            }
            // A = M Mᵀ / d + 0.05 I
            for (int r = 0; r < d; r++) {
                for (int s = 0; s < d; s++) {
                    double sum = r == s ? 0.05 : 0.0;
                    for (int t = 0; t < d; t++) {
                        sum += m[r * d + t] * m[s * d + t] / d;
                    }
                    a[i][r * d + s] = sum;
                }
                theta[i][r] = random.nextGaussian();
            }
        }
        double[] y0 = new double[size * d];
        for (int t = 0; t < y0.length; t += 3) {
            y0[t] = random.nextGaussian();
        }
        return new Model(h, working, a, theta, y0, d, 2.0 + random.nextDouble());
    }

    private static BlockSubproblem subproblem(Model m) {
        int n = m.h().rows();
        int d = m.d();
        double[] rows = new double[n * BlockGram.packed(d)];
        double energy = 0;
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < d; r++) {
                for (int s = 0; s <= r; s++) {
                    rows[i * BlockGram.packed(d) + BlockGram.at(r, s)] = m.a()[i][r * d + s];
                }
            }
            double[] packed = java.util.Arrays.copyOfRange(rows, i * BlockGram.packed(d), (i + 1) * BlockGram.packed(d));
            energy += MultinomialSolver.inverseForm(packed, m.theta()[i], d);
        }
        double[] k = BlockGram.build(m.h(), m.working(), rows, d, 1);
        double[] g = new double[m.size() * d];
        for (int b = 0; b < m.size(); b++) {
            for (int i = 0; i < n; i++) {
                if (m.h().get(i, m.working()[b])) {
                    for (int r = 0; r < d; r++) {
                        g[b * d + r] += m.theta()[i][r];
                    }
                }
            }
        }
        return new BlockSubproblem(k, g, m.y0(), d, energy, m.penalty());
    }

    /** P − D of the model computed over the rows: ν_i = θ_i − A_i δ_i, D = Σ sν_i·φ₀_i − ½(θ_i − sν_i)ᵀA_i⁻¹(θ_i − sν_i). */
    private static double[] rowSpaceObjectiveAndGap(Model m, double[] y) {
        int n = m.h().rows();
        int d = m.d();
        double[][] delta = new double[n][d];
        double[][] start = new double[n][d];
        for (int b = 0; b < m.size(); b++) {
            for (int i = 0; i < n; i++) {
                if (m.h().get(i, m.working()[b])) {
                    for (int r = 0; r < d; r++) {
                        delta[i][r] += y[b * d + r] - m.y0()[b * d + r];
                        start[i][r] += m.y0()[b * d + r];
                    }
                }
            }
        }
        double primal = 0;
        double[][] nu = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < d; r++) {
                double ad = 0;
                for (int s = 0; s < d; s++) {
                    ad += m.a()[i][r * d + s] * delta[i][s];
                }
                primal += -m.theta()[i][r] * delta[i][r] + 0.5 * delta[i][r] * ad;
                nu[i][r] = m.theta()[i][r] - ad;
            }
        }
        double largest = 0;
        for (int b = 0; b < m.size(); b++) {
            double norm = 0;
            double yNorm = 0;
            for (int r = 0; r < d; r++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += m.h().get(i, m.working()[b]) ? nu[i][r] : 0.0;
                }
                norm += sum * sum;
                yNorm += y[b * d + r] * y[b * d + r];
            }
            largest = Math.max(largest, Math.sqrt(norm));
            primal += m.penalty() * Math.sqrt(yNorm);
        }
        double scale = largest > m.penalty() ? m.penalty() / largest : 1.0;
        double dual = 0;
        for (int i = 0; i < n; i++) {
            double[] rest = new double[d];
            for (int r = 0; r < d; r++) {
                dual += scale * nu[i][r] * start[i][r];
                rest[r] = m.theta()[i][r] - scale * nu[i][r];
            }
            double[] packed = new double[BlockGram.packed(d)];
            for (int r = 0; r < d; r++) {
                for (int s = 0; s <= r; s++) {
                    packed[BlockGram.at(r, s)] = m.a()[i][r * d + s];
                }
            }
            dual -= 0.5 * MultinomialSolver.inverseForm(packed, rest, d);
        }
        return new double[] {primal, primal - dual};
    }

    @Property(tries = 30, seed = "11")
    void theGapFromTheGramIsTheModelsGapOverTheRows(@ForAll @IntRange(min = 1, max = 4) int d,
                                                     @ForAll @IntRange(min = 1, max = 10_000) int seed,
                                                     @ForAll @IntRange(min = 0, max = 3) int sweeps) {
        Model m = model(40, d, seed);
        BlockSubproblem sub = subproblem(m);
        if (sweeps > 0) {
            sub.solve(0, sweeps, ConvergenceListener.NONE, 0, Cancellation.NEVER);
        }
        double[] direct = rowSpaceObjectiveAndGap(m, sub.weights());
        double scale = Math.max(1.0, Math.abs(direct[0]));
        assertThat(sub.objective()).isCloseTo(direct[0], within(1e-9 * scale));
        assertThat(sub.gap()).isCloseTo(direct[1], within(1e-9 * scale));
        assertThat(sub.gap()).isGreaterThanOrEqualTo(-1e-9 * scale);
    }

    /** Solved to a tiny gap, the model meets its KKT conditions: q_k = β y_k/‖y_k‖ on the support, ‖q_k‖ ≤ β off it. */
    @Property(tries = 30, seed = "12")
    void theModelIsSolvedToItsKktConditions(@ForAll @IntRange(min = 1, max = 4) int d,
                                            @ForAll @IntRange(min = 1, max = 10_000) int seed) {
        Model m = model(40, d, seed);
        BlockSubproblem sub = subproblem(m);
        sub.solve(1e-12, 1000, ConvergenceListener.NONE, 0, Cancellation.NEVER);
        assertThat(sub.gap()).isLessThanOrEqualTo(1e-9);
        double[] y = sub.weights();
        int n = m.h().rows();
        for (int b = 0; b < m.size(); b++) {
            // q_b = h_bᵀν with ν_i = θ_i − A_i δ_i
            double[] q = new double[d];
            double yNorm = 0;
            for (int r = 0; r < d; r++) {
                yNorm += y[b * d + r] * y[b * d + r];
            }
            yNorm = Math.sqrt(yNorm);
            for (int i = 0; i < n; i++) {
                if (!m.h().get(i, m.working()[b])) {
                    continue;
                }
                double[] delta = new double[d];
                for (int c = 0; c < m.size(); c++) {
                    if (m.h().get(i, m.working()[c])) {
                        for (int r = 0; r < d; r++) {
                            delta[r] += y[c * d + r] - m.y0()[c * d + r];
                        }
                    }
                }
                for (int r = 0; r < d; r++) {
                    double ad = 0;
                    for (int s = 0; s < d; s++) {
                        ad += m.a()[i][r * d + s] * delta[s];
                    }
                    q[r] += m.theta()[i][r] - ad;
                }
            }
            double qNorm = Math.sqrt(java.util.Arrays.stream(q).map(v -> v * v).sum());
            if (yNorm == 0) {
                assertThat(qNorm).isLessThanOrEqualTo(m.penalty() * (1 + 1e-6));
            } else {
                for (int r = 0; r < d; r++) {
                    assertThat(q[r]).isCloseTo(m.penalty() * y[b * d + r] / yNorm, within(1e-4 * m.penalty()));
                }
            }
        }
    }
}
