package org.vertebroplan.mesh;

/**
 * Runs one worker on several platform threads and waits for all of them (the worker pulls its own
 * work items, e.g. from an AtomicInteger). Used by the extractor, the filters and the checks so that
 * {@code threads = 1} really means single-threaded and nothing touches the common fork-join pool.
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
            boolean interrupted = false;
            while (true) {
                try {
                    t.join();
                    break;
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
