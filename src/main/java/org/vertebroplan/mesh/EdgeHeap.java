package org.vertebroplan.mesh;

import java.util.Arrays;

/**
 * A binary min-heap of candidate edges (cost, vertex u, vertex v, stamp) in parallel primitive
 * arrays, for {@link QuadricDecimation}. Stale entries are not removed: the caller compares the stamp
 * with the vertices' current versions when it takes the cheapest edge (lazy invalidation).
 */
final class EdgeHeap {

    private double[] cost = new double[1024];
    private int[] us = new int[1024];
    private int[] vs = new int[1024];
    private long[] stamps = new long[1024];
    private int size;

    int size() {
        return size;
    }

    int topU() {
        return us[0];
    }

    int topV() {
        return vs[0];
    }

    long topStamp() {
        return stamps[0];
    }

    void push(double c, int u, int v, long stamp) {
        if (size == cost.length) {
            int cap = size * 2;
            cost = Arrays.copyOf(cost, cap);
            us = Arrays.copyOf(us, cap);
            vs = Arrays.copyOf(vs, cap);
            stamps = Arrays.copyOf(stamps, cap);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (cost[parent] <= c) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, c, u, v, stamp);
    }

    /** Removes the cheapest entry. */
    void pop() {
        size--;
        if (size == 0) {
            return;
        }
        double c = cost[size];
        int u = us[size], v = vs[size];
        long st = stamps[size];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && cost[child + 1] < cost[child]) {
                child++;
            }
            if (cost[child] >= c) {
                break;
            }
            move(child, i);
            i = child;
        }
        set(i, c, u, v, st);
    }

    private void set(int i, double c, int u, int v, long stamp) {
        cost[i] = c;
        us[i] = u;
        vs[i] = v;
        stamps[i] = stamp;
    }

    private void move(int from, int to) {
        set(to, cost[from], us[from], vs[from], stamps[from]);
    }
}
