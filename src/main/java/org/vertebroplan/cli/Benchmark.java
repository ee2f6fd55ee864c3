package org.vertebroplan.cli;

import java.util.Arrays;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --repeat N} and the timings of the JSON's {@code millis} object, shared by the commands that can
 * be used as benchmarks (docs/performance.md): after the first run, the command's main step runs N more
 * times and its median is added to {@code millis} under the step's name + "Median".
 */
final class Benchmark {

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "0",
        description = "Benchmark: after the first run, run the main step N more times and add their median to millis.")
    int repeat;

    /** One run of the step that is timed. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /** A usage error (exit 2) unless N >= 0. */
    void check(CommandSpec spec) {
        if (repeat < 0) {
            throw new ParameterException(spec.commandLine(), "--repeat must be >= 0");
        }
    }

    /** Runs {@code step} N more times; their times in milliseconds, sorted (empty without --repeat). */
    double[] times(Step step) throws Exception {
        double[] times = new double[Math.max(0, repeat)];
        for (int i = 0; i < times.length; i++) {
            long t = System.nanoTime();
            step.run();
            times[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(times);
        return times;
    }

    /** The median of sorted times (the mean of the middle two for an even count). */
    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Whole milliseconds since {@code t0} (a {@link System#nanoTime()}), as every {@code millis} entry. */
    static long millisSince(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e6);
    }
}
