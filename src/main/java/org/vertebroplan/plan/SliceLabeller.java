package org.vertebroplan.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * Labels one slice of a box for {@link VertebraSegmentation}: bone walls, soft tissue reachable from
 * the box border, and the regions the walls enclose (after closing small gaps in the walls) (4-connected components), each with its area,
 * mean HU and centroid. Enclosed regions that look like canal (low mean HU, canal-sized) are returned
 * for the caller to decide; all other enclosed regions are written as interior at once.
 */
final class SliceLabeller {

    /** An enclosed region of one slice; pixel indices are relative to the slice box. */
    record Region(int k, int[] pixels, double areaMm2, double meanHu, Vec3 centroidLps, boolean canalCandidate) {
    }

    private final Volume v;
    private final int i0, j0, w, h;
    private final SegmentationOptions o;
    private final double pixelArea;
    private final int[] queue;
    private final byte[] state; // 0 low unvisited, 1 barrier, 2 outside, 3 enclosed visited
    private final int closeRadius;

    SliceLabeller(Volume v, int i0, int j0, int w, int h, SegmentationOptions o) {
        this.v = v;
        this.i0 = i0;
        this.j0 = j0;
        this.w = w;
        this.h = h;
        this.o = o;
        double[] sp = v.spacingMm();
        this.pixelArea = sp[0] * sp[1];
        this.closeRadius = (int) Math.round(o.closingMm() / Math.min(sp[0], sp[1]));
        this.queue = new int[w * h];
        this.state = new byte[w * h];
    }

    /** Labels slice k into {@code labels[offset ..]} and returns its canal-candidate regions. */
    List<Region> label(int k, byte[] labels, int offset) {
        Arrays.fill(state, (byte) 0);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (v.get(i0 + x, j0 + y, k) >= o.barrierHu()) {
                    state[x + w * y] = 1;
                }
            }
        }
        close(state);
        for (int p = 0; p < w * h; p++) {
            if (state[p] == 1) {
                labels[offset + p] = VertebraSegmentation.BONE;
            }
        }
        // flood the soft tissue connected to the border
        int n = 0;
        for (int x = 0; x < w; x++) {
            n = seed(x, n);
            n = seed(x + w * (h - 1), n);
        }
        for (int y = 0; y < h; y++) {
            n = seed(w * y, n);
            n = seed(w - 1 + w * y, n);
        }
        flood(n, (byte) 2);
        List<Region> candidates = new ArrayList<>();
        for (int p = 0; p < w * h; p++) {
            if (state[p] != 0) {
                continue;
            }
            state[p] = 3;
            queue[0] = p;
            int count = flood(1, (byte) 3);
            double sum = 0, sx = 0, sy = 0;
            for (int q = 0; q < count; q++) {
                int px = queue[q];
                sum += v.get(i0 + px % w, j0 + px / w, k);
                sx += px % w;
                sy += px / w;
            }
            double area = count * pixelArea, mean = sum / count;
            Vec3 centroid = v.lpsOf(i0 + sx / count, j0 + sy / count, k);
            boolean canal = mean < o.canalMaxHu() && area >= o.minCanalAreaMm2() && area <= o.maxCanalAreaMm2();
            int[] pixels = Arrays.copyOf(queue, count);
            if (!canal) {
                for (int px : pixels) {
                    labels[offset + px] = VertebraSegmentation.INTERIOR;
                }
            }
            candidates.add(new Region(k, pixels, area, mean, centroid, canal));
        }
        return candidates;
    }

    /**
     * Morphological closing of the barrier (state 1) with a square of half size {@code closeRadius}
     * pixels: bridges thin gaps in the cortex (vessel foramina, partial volume) so that the bone
     * interior stays enclosed; openings as wide as the neural foramina stay open.
     */
    private void close(byte[] mask) {
        if (closeRadius <= 0) {
            return;
        }
        byte[] a = new byte[w * h];
        byte[] b = new byte[w * h];
        for (int p = 0; p < w * h; p++) {
            a[p] = mask[p] == 1 ? (byte) 1 : 0;
        }
        sweep(a, b, true, true);
        sweep(b, a, true, false);
        sweep(a, b, false, true);
        sweep(b, a, false, false);
        for (int p = 0; p < w * h; p++) {
            mask[p] = a[p];
        }
    }

    /**
     * One separable pass: dilate (max) or erode (min) along x or y into {@code out}, with a sliding count
     * of the ones in the window (outside the box is neutral: 0 for a dilation, 1 for an erosion).
     */
    private void sweep(byte[] in, byte[] out, boolean dilate, boolean alongX) {
        int r = closeRadius;
        int lines = alongX ? h : w, len = alongX ? w : h, stride = alongX ? 1 : w, lineStep = alongX ? w : 1;
        byte outside = dilate ? (byte) 0 : (byte) 1;
        for (int line = 0; line < lines; line++) {
            int start = line * lineStep;
            int ones = 0;
            // the window [pos - r, pos + r] for pos = 0
            for (int d = -r; d <= r; d++) {
                ones += d < 0 || d >= len ? outside : in[start + d * stride];
            }
            for (int pos = 0; pos < len; pos++) {
                out[start + pos * stride] = dilate ? (byte) (ones > 0 ? 1 : 0) : (byte) (ones == 2 * r + 1 ? 1 : 0);
                int leaving = pos - r, entering = pos + r + 1;
                ones -= leaving < 0 || leaving >= len ? outside : in[start + leaving * stride];
                ones += entering < 0 || entering >= len ? outside : in[start + entering * stride];
            }
        }
    }

    private int seed(int p, int n) {
        if (state[p] == 0) {
            state[p] = 2;
            queue[n++] = p;
        }
        return n;
    }

    /** Breadth-first flood of low pixels from queue[0..n); marks them {@code mark}; returns the count. */
    private int flood(int n, byte mark) {
        int head = 0;
        while (head < n) {
            int p = queue[head++];
            int x = p % w, y = p / w;
            if (x > 0 && state[p - 1] == 0) {
                state[p - 1] = mark;
                queue[n++] = p - 1;
            }
            if (x < w - 1 && state[p + 1] == 0) {
                state[p + 1] = mark;
                queue[n++] = p + 1;
            }
            if (y > 0 && state[p - w] == 0) {
                state[p - w] = mark;
                queue[n++] = p - w;
            }
            if (y < h - 1 && state[p + w] == 0) {
                state[p + w] = mark;
                queue[n++] = p + w;
            }
        }
        return n;
    }
}
