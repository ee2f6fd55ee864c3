package org.vertebroplan.mesh;

import java.util.Arrays;

/** A growable int array (no boxing) for building meshes. */
final class IntList {

    private int[] a;
    private int n;

    IntList(int capacity) {
        a = new int[Math.max(4, capacity)];
    }

    void add(int v) {
        if (n == a.length) {
            grow(n + 1);
        }
        a[n++] = v;
    }

    private void grow(int min) {
        long cap = Math.max(min, (long) a.length + (a.length >> 1));
        if (cap > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("mesh too large");
        }
        a = Arrays.copyOf(a, (int) cap);
    }

    int size() {
        return n;
    }

    int get(int i) {
        return a[i];
    }

    /** The backing array; valid up to {@link #size()}. */
    int[] array() {
        return a;
    }

    int[] toArray() {
        return Arrays.copyOf(a, n);
    }
}
