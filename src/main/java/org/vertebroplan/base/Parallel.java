package org.vertebroplan.base;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs one worker on several threads and returns when the work is done. The worker pulls its own
 * work items (e.g. from an AtomicInteger) until none is left; the calling thread is one of the
 * workers, the others come from a shared pool of daemon threads that stay alive between calls.
 *
 * <p>The caller waits only for helpers that actually started: a helper that is scheduled late (a
 * busy machine) finds the work closed and leaves, so a late thread never delays the result. Thus
 * {@code threads = 1} is single-threaded, and nothing touches the common fork-join pool.
 * Interrupting the calling thread cancels: workers poll {@link #checkCancelled} and stop. The one
 * threading helper of the core: import, surfaces, the guide's fields and radiographs all use it.
 */
public final class Parallel {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "vertebroplan-worker-" + NAMES.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private Parallel() {
    }

    /** The number of threads long work uses by default: every core of the machine. */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Runs {@code job} for every index 0..n-1 on up to {@code threads} threads (the caller included)
     * and returns when all are done; the first failure of a job is rethrown on the calling thread.
     */
    public static void forEach(int threads, int n, IntConsumer job) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        run(Math.max(1, Math.min(threads, n)), () -> {
            for (int i = next.getAndIncrement(); i < n && failure.get() == null; i = next.getAndIncrement()) {
                try {
                    job.accept(i);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }
        });
        if (failure.get() != null) {
            rethrow(failure.get());
        }
    }

    /** Runs {@code worker} on {@code threads} threads, the caller included (see the class comment). */
    public static void run(int threads, Runnable worker) {
        if (threads <= 1) {
            worker.run();
            return;
        }
        Gate gate = new Gate();
        for (int t = 1; t < threads; t++) {
            POOL.execute(() -> {
                if (gate.enter()) {
                    try {
                        worker.run();
                    } finally {
                        gate.leave();
                    }
                }
            });
        }
        try {
            worker.run();
        } finally {
            gate.closeAndAwait();
        }
    }

    /** Counts the helpers inside the work; closed once the caller is done with its own share. */
    private static final class Gate {
        private int active;
        private boolean closed;

        synchronized boolean enter() {
            if (closed) {
                return false;
            }
            active++;
            return true;
        }

        synchronized void leave() {
            active--;
            if (active == 0) {
                notifyAll();
            }
        }

        /**
         * Closes the gate and waits for the helpers inside. An interrupt while waiting is kept and
         * restored afterwards (the helpers finish their current items; the next cancellation check
         * of the caller then throws).
         */
        synchronized void closeAndAwait() {
            closed = true;
            boolean interrupted = false;
            while (active > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Rethrows a worker's failure on the calling thread. */
    public static void rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    /**
     * Cancellation: long steps call this from every worker now and then; it throws when the thread
     * that started the work (the caller) has been interrupted, e.g. by a GUI that no longer needs the
     * result.
     */
    public static void checkCancelled(Thread caller) {
        if (caller.isInterrupted()) {
            throw new java.util.concurrent.CancellationException("cancelled");
        }
    }
}
