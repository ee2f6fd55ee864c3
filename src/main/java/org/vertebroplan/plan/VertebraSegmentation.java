package org.vertebroplan.plan;

import java.util.ArrayList;
import java.util.List;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * A label map of one vertebral level, for the safety check: bone walls, the cancellous interior the
 * walls enclose, and the spinal canal.
 *
 * <p>How: in each slice of a box around the level, voxels below {@code barrierHu} are flooded from the
 * box border (4-connected); what the flood cannot reach is enclosed by bone. Enclosed regions whose
 * mean HU is low (CSF, cord, fat) and whose size fits are canal candidates; the others are bone
 * interior (cancellous body, pedicles, processes). Canal candidates are kept only posterior to the
 * vertebral body and near its midline. In slices where the arch is open (the foramina) the canal is
 * not enclosed; there the nearest slice's canal cross-section is carried over, so the canal stays a
 * continuous tube through the level.
 *
 * <p>Limits: assumes axial slices (k close to the body axis); a basivertebral gap in the posterior wall
 * can merge canal and body in a slice; very osteoporotic cancellous bone near {@code canalMaxHu} can
 * be mistaken for canal (a false "unsafe", never a false "safe").
 */
public final class VertebraSegmentation {

    public static final byte SOFT = 0;
    public static final byte BONE = 1;
    public static final byte CANAL = 2;
    public static final byte INTERIOR = 3;

    private final Volume volume;
    private final int i0, j0, k0, w, h, d;
    private final byte[] labels;
    private final Vec3 bodyCentroidLps;
    private final List<Vec3> canalPointsLps;

    private VertebraSegmentation(Volume volume, int i0, int j0, int k0, int w, int h, int d, byte[] labels,
                                 Vec3 bodyCentroidLps, List<Vec3> canalPointsLps) {
        this.volume = volume;
        this.i0 = i0;
        this.j0 = j0;
        this.k0 = k0;
        this.w = w;
        this.h = h;
        this.d = d;
        this.labels = labels;
        this.bodyCentroidLps = bodyCentroidLps;
        this.canalPointsLps = canalPointsLps;
    }

    /** Segments the level around {@code centreLps} (a point in or near the vertebral body). */
    public static VertebraSegmentation around(Volume v, Vec3 centreLps, SegmentationOptions o) {
        // an LPS box around the level: the arch and spinous process lie posterior (+y) of the body
        double hw = o.halfWidthMm(), hh = o.halfHeightMm();
        double[] lo = {centreLps.x() - hw, centreLps.y() - 0.6 * hw, centreLps.z() - hh};
        double[] hi = {centreLps.x() + hw, centreLps.y() + 1.4 * hw, centreLps.z() + hh};
        double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int corner = 0; corner < 8; corner++) {
            Vec3 q = v.lpsToIjk().apply((corner & 1) == 0 ? lo[0] : hi[0], (corner & 2) == 0 ? lo[1] : hi[1],
                (corner & 4) == 0 ? lo[2] : hi[2]);
            double[] a = q.toArray();
            for (int axis = 0; axis < 3; axis++) {
                min[axis] = Math.min(min[axis], a[axis]);
                max[axis] = Math.max(max[axis], a[axis]);
            }
        }
        int i0 = clamp((int) Math.floor(min[0]), v.nx()), i1 = clamp((int) Math.ceil(max[0]), v.nx());
        int j0 = clamp((int) Math.floor(min[1]), v.ny()), j1 = clamp((int) Math.ceil(max[1]), v.ny());
        int k0 = clamp((int) Math.floor(min[2]), v.nz()), k1 = clamp((int) Math.ceil(max[2]), v.nz());
        int w = i1 - i0 + 1, h = j1 - j0 + 1, d = k1 - k0 + 1;
        byte[] labels = new byte[w * h * d];
        SliceLabeller labeller = new SliceLabeller(v, i0, j0, w, h, o);
        List<SliceLabeller.Region> canalCandidates = new ArrayList<>();
        double bx = 0, by = 0, bz = 0, bn = 0;
        for (int k = 0; k < d; k++) {
            List<SliceLabeller.Region> regions = labeller.label(k0 + k, labels, k * w * h);
            for (SliceLabeller.Region r : regions) {
                if (r.canalCandidate()) {
                    canalCandidates.add(r);
                } else if (r.areaMm2() > 50) {
                    bx += r.centroidLps().x() * r.areaMm2();
                    by += r.centroidLps().y() * r.areaMm2();
                    bz += r.centroidLps().z() * r.areaMm2();
                    bn += r.areaMm2();
                }
            }
        }
        Vec3 body = bn > 0 ? new Vec3(bx / bn, by / bn, bz / bn) : centreLps;
        // keep canal candidates behind the body and near its midline; the rest is bone interior
        boolean[] canalSlice = new boolean[d];
        for (SliceLabeller.Region r : canalCandidates) {
            boolean canal = r.centroidLps().y() > body.y() + 3 && Math.abs(r.centroidLps().x() - body.x()) < 20;
            byte value = canal ? CANAL : INTERIOR;
            int base = (r.k() - k0) * w * h;
            for (int p : r.pixels()) {
                labels[base + p] = value;
            }
            if (canal) {
                canalSlice[r.k() - k0] = true;
            }
        }
        carryCanalOver(labels, canalSlice, w * h);
        List<Vec3> canalPoints = new ArrayList<>();
        for (int k = 0; k < d; k++) {
            for (int p = 0; p < w * h; p++) {
                if (labels[k * w * h + p] == CANAL) {
                    canalPoints.add(v.lpsOf(i0 + p % w, j0 + p / w, k0 + k));
                }
            }
        }
        return new VertebraSegmentation(v, i0, j0, k0, w, h, d, labels, body, List.copyOf(canalPoints));
    }

    /** Slices without an enclosed canal get the canal cross-section of the nearest slice that has one. */
    private static void carryCanalOver(byte[] labels, boolean[] canalSlice, int sliceSize) {
        int d = canalSlice.length;
        for (int k = 0; k < d; k++) {
            if (canalSlice[k]) {
                continue;
            }
            int best = -1;
            for (int off = 1; off < d && best < 0; off++) {
                if (k - off >= 0 && canalSlice[k - off]) {
                    best = k - off;
                } else if (k + off < d && canalSlice[k + off]) {
                    best = k + off;
                }
            }
            if (best < 0) {
                return; // no canal anywhere
            }
            for (int p = 0; p < sliceSize; p++) {
                if (labels[best * sliceSize + p] == CANAL && labels[k * sliceSize + p] != BONE) {
                    labels[k * sliceSize + p] = CANAL;
                }
            }
        }
    }

    private static int clamp(int v, int n) {
        return Math.max(0, Math.min(n - 1, v));
    }

    /** The label at an LPS point (nearest voxel); {@link #SOFT} outside the analysed box. */
    public byte labelAt(Vec3 lps) {
        Vec3 p = volume.lpsToIjk().apply(lps);
        int i = (int) Math.round(p.x()) - i0, j = (int) Math.round(p.y()) - j0, k = (int) Math.round(p.z()) - k0;
        if (i < 0 || j < 0 || k < 0 || i >= w || j >= h || k >= d) {
            return SOFT;
        }
        return labels[i + w * (j + h * k)];
    }

    /** Receives each voxel of the analysed box with its LPS centre and label. */
    @FunctionalInterface
    public interface Visitor {
        void visit(Vec3 lps, byte label);
    }

    /** Visits every voxel of the analysed box. */
    public void forEach(Visitor visitor) {
        for (int k = 0; k < d; k++) {
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    visitor.visit(volume.lpsOf(i0 + i, j0 + j, k0 + k), labels[i + w * (j + h * k)]);
                }
            }
        }
    }

    /** Area-weighted centroid of the enclosed bone interior (the vertebral body dominates it). */
    public Vec3 bodyCentroidLps() {
        return bodyCentroidLps;
    }

    /** Centres of the canal voxels, LPS. */
    public List<Vec3> canalPointsLps() {
        return canalPointsLps;
    }

    public boolean hasCanal() {
        return !canalPointsLps.isEmpty();
    }
}
