package org.vertebroplan.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Reslice;
import org.vertebroplan.volume.Volume;

/**
 * One vertebral level of a CT, seen in the vertebra's own frame: the measured {@link VertebraFrame},
 * the CT resampled on a grid aligned with it, the segmentation of that grid (bone walls, interior,
 * canal, the target vertebra), the canal wall ({@link CanalSurface}) and the body's walls, for the
 * safety check and the trajectory proposal. Everything below is in local millimetres (left,
 * posterior, superior from the body centre) unless a name says LPS.
 *
 * <p>How: {@link VertebraFrameFinder} measures the frame; the CT is resampled in it
 * ({@link Reslice}) at the CT's finest spacing (0.5..0.8 mm), over the body's height plus margins and
 * wide enough for the pedicles, the arch and the rib heads; {@link VertebraSegmentation} labels it
 * exactly as it would a square vertebra (its assumptions, axial slices with the canal behind the
 * body, hold in this frame whatever the vertebra's rotation and tilt). The canal wall is refined to
 * sub-voxel points on the CT itself. The posterior wall of the body is checked for gaps, and air
 * beside the body tells a thoracic level (lungs) from a lumbar one.
 *
 * <p>Limits: see {@link VertebraFrameFinder} and {@link VertebraSegmentation}.
 */
public final class LevelAnalysis {

    /** Half width (left-right) of the analysed box, local mm. */
    static final double HALF_X = 48;
    /** Anterior and posterior limits of the analysed box, local mm. */
    static final double Y_FROM = -42, Y_TO = 62;
    /** Margin above and below the endplates. */
    static final double Z_MARGIN = 10;
    /** A gap in the posterior wall larger than this (mm^2) is reported. */
    static final double POSTERIOR_GAP_WARNING_MM2 = 20;

    private final Volume ct;
    private final VertebraFrameFinder.Result found;
    private final VertebraFrame frame;
    private final Volume local;
    private final VertebraSegmentation seg;
    private final CanalSurface canal;
    private final double bodyAnteriorY, bodyPosteriorY, bodyTopZ, bodyBottomZ;
    private final boolean lungs;
    private final double boneEdgeHu;
    private final List<String> warnings;

    private LevelAnalysis(Volume ct, VertebraFrameFinder.Result found, Volume local, VertebraSegmentation seg) {
        this.ct = ct;
        this.found = found;
        this.frame = found.frame();
        this.local = local;
        this.seg = seg;
        this.canal = canalSurface();
        VertebraSegmentation.CanalExtent c = seg.canalExtent();
        double[] body = bodyWalls(c == null ? 12 : c.minY());
        this.bodyAnteriorY = body[0];
        this.bodyPosteriorY = body[1];
        this.bodyBottomZ = body[2];
        this.bodyTopZ = body[3];
        this.lungs = lungsBeside();
        this.boneEdgeHu = boneEdge();
        List<String> w = new ArrayList<>(found.warnings());
        if (!seg.hasCanal()) {
            w.add("the spinal canal could not be found at this level: canal distances are not checked");
        } else {
            double gap = posteriorWallGapMm2();
            if (gap > POSTERIOR_GAP_WARNING_MM2) {
                w.add(String.format(Locale.ROOT, "the posterior wall of the body is not intact (a gap of about %.0f"
                    + " mm2): cement may leak into the canal, a contraindication to check", gap));
            }
        }
        this.warnings = List.copyOf(w);
    }

    /** Analyses the level whose body is at or near {@code seedLps}. */
    public static LevelAnalysis around(Volume ct, Vec3 seedLps, SegmentationOptions o) {
        VertebraFrameFinder.Result found = VertebraFrameFinder.find(ct, seedLps);
        double s = spacing(ct);
        double zLo = -found.halfHeightBelowMm() - Z_MARGIN, zHi = found.halfHeightAboveMm() + Z_MARGIN;
        int nx = (int) Math.ceil(2 * HALF_X / s) + 1, ny = (int) Math.ceil((Y_TO - Y_FROM) / s) + 1;
        int nz = (int) Math.ceil((zHi - zLo) / s) + 1;
        Affine3 ijkToLocal = Affine3.fromColumns(Vec3.X.times(s), Vec3.Y.times(s), Vec3.Z.times(s),
            new Vec3(-HALF_X, Y_FROM, zLo));
        Volume local = Reslice.of(ct, nx, ny, nz, ijkToLocal, found.frame().localToLps(), (short) -1000);
        SegmentationOptions inFrame = new SegmentationOptions(o.barrierHu(), o.canalMaxHu(), o.minCanalAreaMm2(),
            o.maxCanalAreaMm2(), o.halfWidthMm(), Math.max(zHi, -zLo), o.closingMm());
        VertebraSegmentation seg = VertebraSegmentation.around(local, Vec3.ZERO, inFrame);
        return new LevelAnalysis(ct, found, local, seg);
    }

    /** The local grid spacing: the CT's finest spacing, within 0.5..0.8 mm. */
    static double spacing(Volume ct) {
        double[] sp = ct.spacingMm();
        double min = Math.min(sp[0], Math.min(sp[1], sp[2]));
        return Math.max(0.5, Math.min(0.8, min));
    }

    public VertebraFrame frame() {
        return frame;
    }

    /** How the frame was measured (symmetry score, endplate columns, warnings). */
    public VertebraFrameFinder.Result frameMeasurement() {
        return found;
    }

    /** Warnings on the level: frame quality, canal not found, posterior wall not intact. */
    public List<String> warnings() {
        return warnings;
    }

    public Vec3 toLocal(Vec3 lps) {
        return frame.toLocal(lps);
    }

    public Vec3 toLps(Vec3 local) {
        return frame.toLps(local);
    }

    VertebraSegmentation segmentation() {
        return seg;
    }

    public CanalSurface canal() {
        return canal;
    }

    public boolean hasCanal() {
        return seg.hasCanal();
    }

    /** The canal's extent in local x and y, or null. */
    public VertebraSegmentation.CanalExtent canalExtent() {
        return seg.canalExtent();
    }

    /** True when lungs lie beside the body (a thoracic level). */
    public boolean thoracic() {
        return lungs;
    }

    /** Local y of the body's anterior cortex at the midline, mid-height. */
    public double bodyAnteriorY() {
        return bodyAnteriorY;
    }

    /** Local y of the body's posterior wall (the canal's front). */
    public double bodyPosteriorY() {
        return bodyPosteriorY;
    }

    /** Local z of the inferior and superior endplates at the body's centre. */
    public double bodyBottomZ() {
        return bodyBottomZ;
    }

    public double bodyTopZ() {
        return bodyTopZ;
    }

    /**
     * The CT number where bone ends at this level: half-way between the canal's content and the
     * body's cancellous bone (within 60..200 HU), so an osteoporotic vertebra is not read as soft.
     */
    public double boneEdgeHu() {
        return boneEdgeHu;
    }

    /** The CT number at a local point (trilinear on the original CT); -1000 outside it. */
    public double ctAt(Vec3 local) {
        return ct.sample(frame.toLps(local), -1000);
    }

    /** Segmentation label at a local point (nearest voxel of the local grid). */
    public byte labelAt(Vec3 local) {
        return seg.labelAt(local);
    }

    /** True when the local point lies in the bone of the target vertebra. */
    public boolean inVertebra(Vec3 local) {
        return seg.inVertebra(local);
    }

    private PedicleFinder.Pedicle[] pedicles;

    /** The pedicles {left, right} (either null when not found), found once. */
    synchronized PedicleFinder.Pedicle[] pedicles() {
        if (pedicles == null) {
            pedicles = PedicleFinder.findBoth(this);
        }
        return pedicles;
    }

    /** True when the local point lies in bone joined to the vertebra only through a joint (a rib head). */
    public boolean jointedBone(Vec3 local) {
        return seg.joinedAt(local);
    }

    /** True when the local point lies in bone (walls or interior) of any bone in the box. */
    public boolean inBone(Vec3 local) {
        byte l = seg.labelAt(local);
        return l == VertebraSegmentation.BONE || l == VertebraSegmentation.INTERIOR;
    }

    /**
     * The outward normal of the bone surface near a local point (unit, local axes): minus the CT's
     * gradient, from central differences over 1 mm, averaged over a small neighbourhood.
     */
    public Vec3 outwardNormal(Vec3 p) {
        double h = 0.75;
        Vec3 g = Vec3.ZERO;
        for (Vec3 o : new Vec3[] {Vec3.ZERO, new Vec3(0.5, 0, 0), new Vec3(-0.5, 0, 0), new Vec3(0, 0.5, 0),
            new Vec3(0, -0.5, 0), new Vec3(0, 0, 0.5), new Vec3(0, 0, -0.5)}) {
            Vec3 q = p.plus(o);
            g = g.plus(new Vec3(ctAt(q.plus(new Vec3(h, 0, 0))) - ctAt(q.minus(new Vec3(h, 0, 0))),
                ctAt(q.plus(new Vec3(0, h, 0))) - ctAt(q.minus(new Vec3(0, h, 0))),
                ctAt(q.plus(new Vec3(0, 0, h))) - ctAt(q.minus(new Vec3(0, 0, h)))));
        }
        return g.norm() < 1e-9 ? Vec3.ZERO : g.times(-1 / g.norm());
    }

    // ---- construction helpers ----

    /** The canal wall (see {@link CanalSurface#of}). */
    private CanalSurface canalSurface() {
        if (!seg.hasCanal()) {
            return CanalSurface.EMPTY;
        }
        return CanalSurface.of(local, (i, j, k) -> seg.label(i, j, k) == VertebraSegmentation.CANAL, this::ctAt,
            canalContentHu());
    }

    private double canalContent = Double.NaN;

    /** Mean CT number of the canal voxels (computed once). */
    private double canalContentHu() {
        if (Double.isNaN(canalContent)) {
            canalContent = meanCanalHu();
        }
        return canalContent;
    }

    private double meanCanalHu() {
        double sum = 0;
        long n = 0;
        short[] v = local.voxels();
        for (int k = 0; k < local.nz(); k++) {
            for (int j = 0; j < local.ny(); j++) {
                for (int i = 0; i < local.nx(); i++) {
                    if (seg.label(i, j, k) == VertebraSegmentation.CANAL) {
                        sum += v[local.index(i, j, k)];
                        n++;
                    }
                }
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** {anterior y, posterior y, bottom z, top z} of the body along its central axis. */
    private double[] bodyWalls(double canalFrontY) {
        double[] profile = new double[161];
        double step = 0.25;
        double x = 0, z = 0;
        // anterior cortex: walk forward from the centre
        for (int t = 0; t < profile.length; t++) {
            profile[t] = ctAt(new Vec3(x, -t * step, z));
        }
        double front = Profiles.firstDrop(profile, profile.length - 13, 12);
        double anterior = Double.isNaN(front) ? -20 : -front * step;
        double posterior = Math.min(canalFrontY, 25);
        double midY = (anterior + posterior) / 2;
        double[] zs = new double[2];
        for (int dir : new int[] {-1, 1}) {
            for (int t = 0; t < profile.length; t++) {
                profile[t] = ctAt(new Vec3(x, midY, dir * t * step));
            }
            double e = Profiles.edgeBeforeValley(profile);
            if (Double.isNaN(e)) {
                e = Profiles.firstDrop(profile, profile.length - 17, 16);
            }
            zs[dir < 0 ? 0 : 1] = Double.isNaN(e) ? dir * 15 : dir * e * step;
        }
        return new double[] {anterior, posterior, zs[0], zs[1]};
    }

    private double boneEdge() {
        double midY = (bodyAnteriorY + bodyPosteriorY) / 2, midZ = (bodyTopZ + bodyBottomZ) / 2;
        double half = Math.min(5, Math.max(1, (bodyPosteriorY - bodyAnteriorY) / 4));
        List<Double> hu = new ArrayList<>();
        for (double z = -half; z <= half; z += 1) {
            for (double y = -half; y <= half; y += 1) {
                for (double x = -half; x <= half; x += 1) {
                    hu.add(ctAt(new Vec3(x, midY + y, midZ + z)));
                }
            }
        }
        java.util.Collections.sort(hu);
        double cancellous = hu.get(hu.size() / 2);
        double content = seg.hasCanal() ? canalContentHu() : 20;
        return Math.max(60, Math.min(200, (cancellous + content) / 2));
    }

    /** Lungs beside the body: air (below -500 HU) in a good part of the region lateral to the body. */
    private boolean lungsBeside() {
        int air = 0, all = 0;
        for (double z = bodyBottomZ; z <= bodyTopZ; z += 2) {
            for (double y = bodyAnteriorY - 10; y <= bodyPosteriorY + 10; y += 2) {
                for (double side : new double[] {-1, 1}) {
                    for (double dx = 22; dx <= 45; dx += 2) {
                        double hu = ct.sample(frame.toLps(new Vec3(side * dx, y, z)), Double.NaN);
                        if (!Double.isNaN(hu)) {
                            all++;
                            air += hu < -500 ? 1 : 0;
                        }
                    }
                }
            }
        }
        return all > 0 && air > 0.15 * all;
    }

    /**
     * Area (mm^2) of the largest gap in the posterior wall of the body: over the wall facing the canal
     * (between the endplates less 3 mm, wherever the canal's front lies within 3 mm of the body's
     * posterior wall), the places where no cortex rises just in front of the canal.
     */
    private double posteriorWallGapMm2() {
        double s = local.spacingMm()[0];
        double z0 = bodyBottomZ + 3, z1 = bodyTopZ - 3;
        Vec3 origin = local.lpsOf(0, 0, 0);
        int k0 = Math.max(0, (int) Math.ceil((z0 - origin.z()) / s)), k1 = Math.min(local.nz() - 1,
            (int) Math.floor((z1 - origin.z()) / s));
        int nx = local.nx(), nz = k1 - k0 + 1;
        if (nz <= 0) {
            return 0;
        }
        double[] peaks = new double[nx * nz];
        java.util.Arrays.fill(peaks, Double.NaN);
        for (int a = 0; a < nz; a++) {
            for (int i = 0; i < nx; i++) {
                int front = -1;
                for (int j = 0; j < local.ny() && front < 0; j++) {
                    if (seg.label(i, j, k0 + a) == VertebraSegmentation.CANAL) {
                        front = j;
                    }
                }
                if (front < 0) {
                    continue;
                }
                Vec3 f = local.lpsOf(i, front, k0 + a);
                if (f.y() > bodyPosteriorY + 3) {
                    continue;
                }
                double max = -Double.MAX_VALUE;
                for (double y = f.y() - 4; y <= f.y() + 1; y += 0.25) {
                    max = Math.max(max, ctAt(new Vec3(f.x(), y, f.z())));
                }
                peaks[i + nx * a] = max;
            }
        }
        double[] sorted = java.util.Arrays.stream(peaks).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return 0;
        }
        double step = s;
        double typical = sorted[(int) (0.75 * (sorted.length - 1))];
        double limit = Math.max(canalContentHu() + 60, 0.5 * (typical + canalContentHu()));
        boolean[] gap = new boolean[peaks.length];
        for (int p = 0; p < peaks.length; p++) {
            gap[p] = !Double.isNaN(peaks[p]) && peaks[p] < limit;
        }
        int largest = 0;
        int[] stack = new int[peaks.length];
        for (int p = 0; p < peaks.length; p++) {
            if (!gap[p]) {
                continue;
            }
            int size = 0, top = 0;
            stack[top++] = p;
            gap[p] = false;
            while (top > 0) {
                int q = stack[--top];
                size++;
                int qx = q % nx, qz = q / nx;
                int[] nb = {qx > 0 ? q - 1 : -1, qx < nx - 1 ? q + 1 : -1, qz > 0 ? q - nx : -1, qz < nz - 1 ? q + nx : -1};
                for (int r : nb) {
                    if (r >= 0 && gap[r]) {
                        gap[r] = false;
                        stack[top++] = r;
                    }
                }
            }
            largest = Math.max(largest, size);
        }
        return largest * step * step;
    }
}
