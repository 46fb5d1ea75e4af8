package org.heaviside.run;

/**
 * Receives progress from long-running core work. Called on the worker thread; implementations
 * must be cheap and thread-safe (the GUI adapts it to {@code Task.updateProgress}).
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores every report. */
    ProgressListener NONE = (done, total, note) -> { };

    /**
     * Reports that {@code done} of {@code total} units are finished.
     *
     * @param done  units finished so far
     * @param total units in all, or -1 when unknown
     * @param note  a short human-readable phrase describing the current step
     */
    void progress(long done, long total, String note);
}
