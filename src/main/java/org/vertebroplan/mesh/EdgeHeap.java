package org.vertebroplan.mesh;

import java.util.Arrays;

/**
 * A 4-ary min-heap of candidate edges for {@link QuadricDecimation}, two longs per entry in one
 * array: the key (cost as float bits, which order like the costs for non-negative values, above the
 * stamp) and the vertex pair. One array and four children side by side keep a sift step to about one
 * cache line; the heap holds millions of entries. Stale entries are not removed: the caller compares
 * the stamp with the vertices' current versions when it takes the cheapest edge (lazy invalidation).
 */
final class EdgeHeap {

    private long[] e = new long[2048];
    private int size;

    int size() {
        return size;
    }

    int topU() {
        return (int) (e[1] >>> 32);
    }

    int topV() {
        return (int) e[1];
    }

    int topStamp() {
        return (int) e[0];
    }

    /** Adds an edge; costs below zero (rounding) count as zero. */
    void push(double cost, int u, int v, int stamp) {
        if (2 * size == e.length) {
            e = Arrays.copyOf(e, e.length * 2);
        }
        float c = (float) Math.max(0, cost);
        long key = ((long) Float.floatToIntBits(c) << 32) | (stamp & 0xffffffffL);
        long pair = ((long) u << 32) | (v & 0xffffffffL);
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >> 2;
            if (e[2 * parent] <= key) {
                break;
            }
            e[2 * i] = e[2 * parent];
            e[2 * i + 1] = e[2 * parent + 1];
            i = parent;
        }
        e[2 * i] = key;
        e[2 * i + 1] = pair;
    }

    /** Removes the cheapest entry. */
    void pop() {
        size--;
        if (size == 0) {
            return;
        }
        long key = e[2 * size], pair = e[2 * size + 1];
        int i = 0;
        while (true) {
            int first = 4 * i + 1;
            if (first >= size) {
                break;
            }
            int best = first;
            int last = Math.min(first + 4, size);
            for (int k = first + 1; k < last; k++) {
                if (e[2 * k] < e[2 * best]) {
                    best = k;
                }
            }
            if (e[2 * best] >= key) {
                break;
            }
            e[2 * i] = e[2 * best];
            e[2 * i + 1] = e[2 * best + 1];
            i = best;
        }
        e[2 * i] = key;
        e[2 * i + 1] = pair;
    }
}
