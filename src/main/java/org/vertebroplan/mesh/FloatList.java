package org.vertebroplan.mesh;

import java.util.Arrays;

/** A growable float array (no boxing) for building vertex arrays. */
final class FloatList {

    private float[] a;
    private int n;

    FloatList(int capacity) {
        a = new float[Math.max(6, capacity)];
    }

    void add(float x, float y, float z) {
        if (n + 3 > a.length) {
            long cap = Math.max(n + 3L, (long) a.length + (a.length >> 1));
            if (cap > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("mesh too large");
            }
            a = Arrays.copyOf(a, (int) cap);
        }
        a[n] = x;
        a[n + 1] = y;
        a[n + 2] = z;
        n += 3;
    }

    int size() {
        return n;
    }

    /** The backing array; valid up to {@link #size()}. */
    float[] array() {
        return a;
    }

    float[] toArray() {
        return Arrays.copyOf(a, n);
    }
}
