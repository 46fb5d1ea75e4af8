package org.heaviside.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs independent tasks concurrently, one per core (at most {@code slots}), each slot a fork/join
 * pool of one worker: a task's own fork/join work and parallel streams stay on its slot's thread, so
 * two tasks use the two cores without contending for them. Tasks are taken in order; results come
 * back in order.
 */
final class TwoAtATime<T> {

    private final List<Supplier<T>> tasks;
    private final List<CompletableFuture<T>> results = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean abandoned;
    private boolean started;

    private TwoAtATime(List<Supplier<T>> tasks) {
        this.tasks = List.copyOf(tasks);
        for (int k = 0; k < tasks.size(); k++) {
            results.add(new CompletableFuture<>());
        }
    }

    /** How many tasks run at once: two, or one on a one-core machine. */
    static int slots() {
        return Math.min(2, Runtime.getRuntime().availableProcessors());
    }

    /** Starts the tasks; with one slot or one task nothing runs until {@link #get} asks for it. */
    static <T> TwoAtATime<T> start(List<Supplier<T>> tasks) {
        TwoAtATime<T> runner = new TwoAtATime<>(tasks);
        int slots = Math.min(slots(), tasks.size());
        if (slots > 1) {
            runner.started = true;
            for (int s = 0; s < slots; s++) {
                ForkJoinPool pool = new ForkJoinPool(1);
                pool.execute(() -> {
                    runner.drain();
                    pool.shutdown();
                });
            }
        }
        return runner;
    }

    private void drain() {
        for (int k = next.getAndIncrement(); k < tasks.size() && !abandoned; k = next.getAndIncrement()) {
            run(k);
        }
    }

    /** Task k's result (run here when no slot runs the tasks); its exception is rethrown as is. */
    T get(int k) {
        if (!started) {
            drainHereUpTo(k);
        }
        try {
            return results.get(k).join();
        } catch (CompletionException e) {
            abandoned = true;
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Runs on the calling thread the tasks up to task k not run yet. */
    private void drainHereUpTo(int k) {
        for (int j = next.get(); j <= k; j = next.get()) {
            next.set(j + 1);
            run(j);
        }
    }

    private void run(int k) {
        try {
            results.get(k).complete(tasks.get(k).get());
        } catch (RuntimeException | Error e) {
            results.get(k).completeExceptionally(e);
        }
    }
}
