package org.heaviside.app.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The workbench's executor: daemon threads, so that closing the window never waits on work. */
public final class Background {

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "heaviside-worker-" + COUNT.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private Background() {
    }

    /** The shared executor for page services. */
    public static ExecutorService executor() {
        return EXECUTOR;
    }
}
