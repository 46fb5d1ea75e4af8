package org.heaviside.run;

/**
 * Thrown by work that cannot return a partial result (such as loading a file) when it was
 * cancelled. Work with a meaningful partial result (a solver) returns it with a status instead.
 */
public final class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with the standard message. */
    public CancelledException() {
        super("Cancelled by the user.");
    }
}
