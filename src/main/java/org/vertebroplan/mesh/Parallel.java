package org.vertebroplan.mesh;

/**
 * Runs one worker on several platform threads and waits for all of them (the worker pulls its own
 * work items, e.g. from an AtomicInteger). Used by the extractor, the filters and the checks so that
 * {@code threads = 1} really means single-threaded and nothing touches the common fork-join pool.
 * Interrupting the calling thread cancels: workers poll {@link #checkCancelled} and stop.
 */
final class Parallel {

    private Parallel() {
    }

    static void run(int threads, Runnable worker) {
        if (threads <= 1) {
            worker.run();
            return;
        }
        Thread[] pool = new Thread[threads - 1];
        for (int t = 0; t < pool.length; t++) {
            pool[t] = new Thread(worker, "vertebroplan-mesh-" + t);
            pool[t].setDaemon(true);
            pool[t].start();
        }
        worker.run();
        for (Thread t : pool) {
            try {
                t.join();
            } catch (InterruptedException e) {
                // keep the flag set so that the workers see the cancellation (checkCancelled), then wait
                Thread.currentThread().interrupt();
                while (t.isAlive()) {
                    Thread.onSpinWait();
                }
            }
        }
    }

    /**
     * Cancellation: long steps call this from every worker now and then; it throws when the thread
     * that started the work (the caller) has been interrupted, e.g. by a GUI that no longer needs the
     * result.
     */
    static void checkCancelled(Thread caller) {
        if (caller.isInterrupted()) {
            throw new java.util.concurrent.CancellationException("surface computation cancelled");
        }
    }

    /** Rethrows a worker's failure on the calling thread. */
    static void rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }
}
