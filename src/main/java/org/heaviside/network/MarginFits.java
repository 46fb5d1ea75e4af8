package org.heaviside.network;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.heaviside.arrangement.PatternMatrix;
import org.heaviside.arrangement.RowProducts;

/**
 * The maximum-margin fits of a training's neurons ({@link Separator#fit}), some computed ahead: a fit
 * depends only on its pattern (and the pattern's generator, where the fit starts), never on the
 * weights, so the fits of the current support can run on a background thread while the training
 * thread solves the next certificate round alone on one core (the other core is idle then). At the
 * end the neurons' fits are taken from there, and the missing ones computed on both cores. Every
 * fit is the same function of its pattern wherever it runs, so the network has the same bits.
 *
 * <p>The training thread calls {@link #queue} after a solve (the support's columns not yet fit that were in
 * the support after the solve before too: about a fifth of the support is new after each certificate round
 * and most of those columns leave again, so fitting them at once was most of the fits ahead: 568 fits for the
 * 165 neurons of the wine shape, up to 926 for steel plates' 392),
 * {@link #resume} and {@link #pause} around the next solve (the background thread takes no new fit
 * outside them, so it does not compete with the violator search's two threads), then
 * {@link #fits} once. Columns of the pattern matrix are only appended, so a
 * column index names the same pattern throughout a training.
 *
 * <p>On small data (fewer than {@value #AHEAD_ENTRIES} rows × features) nothing runs ahead: the fits at the
 * end are then cheap (the wine shape's 165 on 133 × 13 take tens of milliseconds on both cores), while the
 * fits ahead, about three times as many, share the second core with the JIT compiler in a fresh JVM, which
 * keeps it busy through such a training.
 */
final class MarginFits {

    /** Rows × features from which fits run ahead (the 133 × 13 wine shape fits at the end only). */
    static final long AHEAD_ENTRIES = 10_000;

    private final double[][] x;
    /** Whether {@link #queue} queues fits for the background thread. */
    private final boolean ahead;
    /** The rows by feature, made once for every fit (read only, by both threads). */
    private final RowProducts rows;
    /** The fits by column (touched by the training thread only). */
    private final Map<Integer, Slot> slots = new HashMap<>();
    /** The support at the last {@link #queue} (touched by the training thread only). */
    private Set<Integer> lastSupport = Set.of();
    /** Fits queued for the background thread (guarded by the gate). */
    private final ArrayDeque<Slot> pending = new ArrayDeque<>();
    private final Object gate = new Object();
    private boolean running;
    private Thread worker;

    /** Fits on the rows x (n x d), ahead from {@value #AHEAD_ENTRIES} entries on. */
    MarginFits(double[][] x) {
        this(x, (long) x.length * (x.length == 0 ? 0 : x[0].length) >= AHEAD_ENTRIES);
    }

    /** Fits on the rows x (n x d), some ahead when {@code ahead} (else all at the end). */
    MarginFits(double[][] x, boolean ahead) {
        this.x = x;
        this.rows = new RowProducts(x);
        this.ahead = ahead;
    }

    /** One column's fit: claimed by whichever thread starts it first, completed once. */
    private static final class Slot {
        final boolean[] pattern;
        final double[] generator;
        final AtomicBoolean claimed = new AtomicBoolean();
        /** ‖Z_j‖² at the last {@link #queue} that found the column in the support. */
        double weight;
        final CompletableFuture<Separator.Fit> fit = new CompletableFuture<>();

        Slot(boolean[] pattern, double[] generator) {
            this.pattern = pattern;
            this.generator = generator;
        }

        /** Computes the fit when no thread has claimed it yet; true when this call did. */
        boolean runIfOpen(double[][] x, RowProducts rows) {
            if (!claimed.compareAndSet(false, true)) {
                return false;
            }
            try {
                fit.complete(Separator.fit(x, rows, pattern, generator, Reconstruction.FIT_WORK));
            } catch (RuntimeException | Error e) {
                fit.completeExceptionally(e);
            }
            return true;
        }

        Separator.Fit await() {
            try {
                return fit.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
    }

    /**
     * The columns that get a neuron with a maximum-margin hyperplane: non-zero rows of Z (rows of
     * C outputs), the all-ones pattern excepted (its neuron keeps the bias generator).
     */
    static int[] neurons(PatternMatrix h, double[] z, int outputs) {
        return IntStream.range(0, h.columns()).filter(j -> {
            for (int c = 0; c < outputs; c++) {
                if (z[j * outputs + c] != 0) {
                    return h.ones(j) != h.rows();
                }
            }
            return false;
        }).toArray();
    }

    /**
     * Queues the fits not yet started of the support of Z that was in the support at the last call too,
     * largest ‖Z_j‖ first, in place of those queued before (a column that left the support is dropped unless
     * its fit started; a column new to the support waits for the next call). Nothing when fits do not
     * run ahead.
     */
    void queue(PatternMatrix h, double[] z, int outputs) {
        if (!ahead) {
            return;
        }
        List<Slot> open = new ArrayList<>();
        Set<Integer> support = new HashSet<>();
        for (int j : neurons(h, z, outputs)) {
            support.add(j);
            if (!lastSupport.contains(j)) {
                continue;
            }
            Slot slot = slots.computeIfAbsent(j, column -> new Slot(pattern(h, column), h.generator(column)));
            double norm = 0;
            for (int c = 0; c < outputs; c++) {
                norm += z[j * outputs + c] * z[j * outputs + c];
            }
            slot.weight = norm;
            if (!slot.claimed.get()) {
                open.add(slot);
            }
        }
        lastSupport = support;
        // the largest weights first: they are the likeliest to stay in the support until the end
        open.sort(Comparator.comparingDouble((Slot slot) -> -slot.weight));
        synchronized (gate) {
            pending.clear();
            pending.addAll(open);
        }
    }

    /** The fits queued and not yet taken (for tests). */
    int queued() {
        synchronized (gate) {
            return pending.size();
        }
    }

    /**
     * Lets a background thread take the queued fits, one after another, until {@link #pause} or
     * until none is left (the thread then ends).
     */
    void resume() {
        synchronized (gate) {
            running = true;
            if (worker == null && !pending.isEmpty()) {
                worker = new Thread(this::work, "heaviside-margin-fits");
                worker.setDaemon(true);
                worker.start();
            }
        }
    }

    /** The background thread takes no new fit (the one it runs finishes) and ends. */
    void pause() {
        synchronized (gate) {
            running = false;
        }
    }

    private void work() {
        while (true) {
            Slot slot;
            synchronized (gate) {
                slot = running ? pending.pollFirst() : null;
                if (slot == null) {
                    worker = null;
                    return;
                }
            }
            slot.runIfOpen(x, rows);
        }
    }

    /**
     * The fits of the neurons of Z by column (null elsewhere, and where {@link Separator#fit} found
     * none): those done ahead, the rest computed now in parallel (a fit the background thread is
     * running is awaited).
     */
    Separator.Fit[] fits(PatternMatrix h, double[] z, int outputs) {
        pause();
        Separator.Fit[] fits = new Separator.Fit[h.columns()];
        int[] neurons = neurons(h, z, outputs);
        List<Slot> needed = IntStream.of(neurons).mapToObj(j -> slots.computeIfAbsent(j,
                column -> new Slot(pattern(h, column), h.generator(column)))).toList();
        IntStream.range(0, neurons.length).parallel().forEach(k -> needed.get(k).runIfOpen(x, rows));
        for (int k = 0; k < neurons.length; k++) {
            fits[neurons[k]] = needed.get(k).await();
        }
        return fits;
    }

    /** Column j as one boolean per row. */
    static boolean[] pattern(PatternMatrix h, int j) {
        boolean[] pattern = new boolean[h.rows()];
        for (int i = 0; i < h.rows(); i++) {
            pattern[i] = h.get(i, j);
        }
        return pattern;
    }
}
