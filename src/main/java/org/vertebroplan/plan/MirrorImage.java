package org.vertebroplan.plan;

/**
 * For {@link VertebraFrameFinder}: a 2-D image on a regular grid (mm) and how well it maps onto its mirror
 * image about a line (angle, offset): the score, a grid search, hill climbing and parabolic refinement.
 */
final class MirrorImage {
    final float[] v;
    final int w, h;
    final double step, x0, y0;

    /** The non-zero pixels: their coordinates (mm) and values, for the score's loop. */
    private final double[] nzX, nzY;
    private final float[] nzV;

    MirrorImage(float[] v, int w, int h, double step, double x0, double y0) {
        this.v = v;
        this.w = w;
        this.h = h;
        this.step = step;
        this.x0 = x0;
        this.y0 = y0;
        int n = 0;
        for (float a : v) {
            n += a != 0 ? 1 : 0;
        }
        nzX = new double[n];
        nzY = new double[n];
        nzV = new float[n];
        int q = 0;
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                if (v[i + w * j] != 0) {
                    nzX[q] = x0 + i * step;
                    nzY[q] = y0 + j * step;
                    nzV[q++] = v[i + w * j];
                }
            }
        }
    }

    MirrorImage downsampled() {
        int w2 = (w + 1) / 2, h2 = (h + 1) / 2;
        float[] d = new float[w2 * h2];
        for (int y = 0; y < h2; y++) {
            for (int x = 0; x < w2; x++) {
                float s = 0;
                int n = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int xx = 2 * x + dx, yy = 2 * y + dy;
                        if (xx < w && yy < h) {
                            s += v[xx + w * yy];
                            n++;
                        }
                    }
                }
                d[x + w2 * y] = s / n;
            }
        }
        return new MirrorImage(d, w2, h2, step * 2, x0 + step / 2, y0 + step / 2);
    }

    double at(double x, double y) {
        double i = (x - x0) / step, j = (y - y0) / step;
        if (!(i >= 0 && j >= 0 && i <= w - 1 && j <= h - 1)) {
            return 0;
        }
        int i0 = Math.min((int) i, w - 2), j0 = Math.min((int) j, h - 2);
        double fx = i - i0, fy = j - j0;
        int p = i0 + w * j0;
        double a = v[p] + fx * (v[p + 1] - v[p]);
        double b = v[p + w] + fx * (v[p + w + 1] - v[p + w]);
        return a + fy * (b - a);
    }

    /** Sum of v(p) v(mirror(p)) for the line through (offset, 0) with normal (cos t, sin t). */
    double score(double theta, double offset) {
        double c = Math.cos(theta), s = Math.sin(theta);
        double sum = 0;
        for (int q = 0; q < nzV.length; q++) {
            double x = nzX[q], y = nzY[q];
            double dist = (x - offset) * c + y * s;
            sum += nzV[q] * at(x - 2 * dist * c, y - 2 * dist * s);
        }
        return sum;
    }

    double selfScore() {
        double s = 0;
        for (float a : v) {
            s += (double) a * a;
        }
        return s == 0 ? 1 : s;
    }

    /** Grid search (the angles on all cores); returns {theta, offset}. */
    double[] search(double t0, double t1, double dt, double o0, double o1, double dOff) {
        int nt = (int) Math.floor((t1 - t0) / dt + 1e-9) + 1, no = (int) Math.floor((o1 - o0) / dOff + 1e-9) + 1;
        double[] scores = new double[nt * no];
        org.vertebroplan.base.Parallel.forEach(org.vertebroplan.base.Parallel.defaultThreads(), nt, a -> {
            for (int b = 0; b < no; b++) {
                scores[a * no + b] = score(t0 + a * dt, o0 + b * dOff);
            }
        });
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return new double[] {t0 + (best / no) * dt, o0 + (best % no) * dOff};
    }

    /**
     * Hill climbing from (theta, offset) in steps of {@code dt} and {@code dOff}: moves to the best of
     * the four neighbours while one scores higher; returns {theta, offset}.
     */
    double[] climb(double theta, double offset, double dt, double dOff) {
        double best = score(theta, offset);
        for (int it = 0; it < 200; it++) {
            double[][] nb = {{theta + dt, offset}, {theta - dt, offset}, {theta, offset + dOff}, {theta, offset - dOff}};
            double[] move = null;
            for (double[] c : nb) {
                double sc = score(c[0], c[1]);
                if (sc > best) {
                    best = sc;
                    move = c;
                }
            }
            if (move == null) {
                break;
            }
            theta = move[0];
            offset = move[1];
        }
        return new double[] {theta, offset};
    }

    /** Parabolic refinement of a grid optimum, each coordinate in turn. */
    double[] refine(double t, double o, double dt, double dOff) {
        double c = score(t, o);
        double tl = score(t - dt, o), tr = score(t + dt, o);
        double ol = score(t, o - dOff), or = score(t, o + dOff);
        return new double[] {t + dt * Profiles.vertex(tl, c, tr), o + dOff * Profiles.vertex(ol, c, or)};
    }
}
