package org.vertebroplan.dicom;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Runs independent jobs 0..n-1 on all cores (one worker per available processor) and waits for them.
 * Jobs report their own failures (they must not throw); the caller's thread is not used.
 */
final class Parallel {

    private Parallel() {
    }

    static void forEach(int n, java.util.function.IntConsumer job) {
        int threads = Math.max(1, Math.min(n, Runtime.getRuntime().availableProcessors()));
        if (threads == 1) {
            for (int i = 0; i < n; i++) {
                job.accept(i);
            }
            return;
        }
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(job)).get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        } catch (ExecutionException ex) {
            Throwable c = ex.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdown();
        }
    }
}
