package org.vertebroplan.mesh;

import java.util.Arrays;

/**
 * A 4-ary min-heap of candidate edges (cost, vertex pair, stamp) in parallel primitive arrays, for
 * {@link QuadricDecimation}. Stale entries are not removed: the caller compares the stamp with the
 * vertices' current versions when it takes the cheapest edge (lazy invalidation). Four children per
 * node halve the depth of a binary heap and keep siblings in one cache line.
 */
final class EdgeHeap {

    private double[] cost = new double[1024];
    private long[] pairs = new long[1024];
    private int[] stamps = new int[1024];
    private int size;

    int size() {
        return size;
    }

    int topU() {
        return (int) (pairs[0] >>> 32);
    }

    int topV() {
        return (int) pairs[0];
    }

    int topStamp() {
        return stamps[0];
    }

    void push(double c, int u, int v, int stamp) {
        if (size == cost.length) {
            int cap = size * 2;
            cost = Arrays.copyOf(cost, cap);
            pairs = Arrays.copyOf(pairs, cap);
            stamps = Arrays.copyOf(stamps, cap);
        }
        long pair = ((long) u << 32) | (v & 0xffffffffL);
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >> 2;
            if (cost[parent] <= c) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        cost[i] = c;
        pairs[i] = pair;
        stamps[i] = stamp;
    }

    /** Removes the cheapest entry. */
    void pop() {
        size--;
        if (size == 0) {
            return;
        }
        double c = cost[size];
        long pair = pairs[size];
        int st = stamps[size];
        int i = 0;
        while (true) {
            int first = 4 * i + 1;
            if (first >= size) {
                break;
            }
            int best = first;
            int last = Math.min(first + 4, size);
            for (int k = first + 1; k < last; k++) {
                if (cost[k] < cost[best]) {
                    best = k;
                }
            }
            if (cost[best] >= c) {
                break;
            }
            move(best, i);
            i = best;
        }
        cost[i] = c;
        pairs[i] = pair;
        stamps[i] = st;
    }

    private void move(int from, int to) {
        cost[to] = cost[from];
        pairs[to] = pairs[from];
        stamps[to] = stamps[from];
    }
}
