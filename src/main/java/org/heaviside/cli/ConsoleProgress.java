package org.heaviside.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.heaviside.run.ProgressListener;

/**
 * Progress of a long command on the error stream, one line rewritten in place ({@code [12 s] [3/8] note}):
 * the standard output keeps only the result. Reports come from worker threads (cross-validation's folds),
 * so the line is written under a lock, at most every {@value #EVERY_MILLIS} ms unless the note changes.
 */
final class ConsoleProgress implements ProgressListener {

    private static final long EVERY_MILLIS = 250;
    private static final int WIDTH = 78;

    private final PrintWriter err;
    private final long started = System.nanoTime();
    private long lastMillis = -EVERY_MILLIS;
    private String lastNote = "";
    private boolean shown;

    ConsoleProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void progress(long done, long total, String note) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        String text = note == null ? "" : note;
        if (text.equals(lastNote) && millis - lastMillis < EVERY_MILLIS) {
            return;
        }
        lastMillis = millis;
        lastNote = text;
        String count = total > 0 ? String.format(Locale.ROOT, "[%d/%d] ", done, total) : "";
        String line = String.format(Locale.ROOT, "[%4d s] %s%s", millis / 1000, count, text);
        if (line.length() > WIDTH) {
            line = line.substring(0, WIDTH);
        }
        err.print("\r" + line + " ".repeat(WIDTH - line.length()));
        err.flush();
        shown = true;
    }

    /** Clears the progress line (when one was shown), so what follows starts on a clean line. */
    synchronized void clear() {
        if (shown) {
            err.print("\r" + " ".repeat(WIDTH) + "\r");
            err.flush();
            shown = false;
        }
    }
}
