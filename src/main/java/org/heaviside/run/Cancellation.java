package org.heaviside.run;

/**
 * A cooperative cancellation flag that core loops poll once per sweep, epoch or block of rows.
 */
@FunctionalInterface
public interface Cancellation {

    /** A flag that is never raised. */
    Cancellation NEVER = () -> false;

    /** Returns whether the caller asked the work to stop. */
    boolean isCancelled();

    /** Throws {@link CancelledException} when cancellation was requested. */
    default void check() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }
}
