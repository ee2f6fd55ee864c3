package org.vertebroplan.fluoro;

import java.util.List;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.volume.Parallel;
import org.vertebroplan.volume.Volume;

/**
 * Digitally reconstructed radiographs (simulated fluoroscopy shots) of a CT, with planned needles.
 *
 * <p>How: a parallel-beam projection. For every pixel a ray crosses the volume's bounding box along
 * the view direction; the linear attenuation mu = MU_WATER * (1 + HU / 1000) (clamped at 0) is
 * sampled trilinearly every half voxel (stepping in voxel coordinates) and summed. Needles are steel rods: the chord each pixel's ray
 * cuts through a needle's cylinder adds MU_STEEL times its length. Rows are rendered in parallel.
 *
 * <p>Limits: parallel rays (a C-arm's cone beam magnifies by 10-20 %); monoenergetic attenuation, no
 * scatter or detector model; the patient table is projected as the CT shows it.
 */
public final class DrrRenderer {

    /** Linear attenuation of water near 70 keV, per mm. */
    public static final double MU_WATER = 0.019;
    /** Linear attenuation of stainless steel near 70 keV, per mm. */
    public static final double MU_STEEL = 0.9;

    private DrrRenderer() {
    }

    public static DrrImage render(Volume v, DrrView view, List<Needle> needles, int threads) {
        double[] sp = v.spacingMm();
        double pixel = Math.min(sp[0], Math.min(sp[1], sp[2]));
        double step = pixel / 2;
        // the volume's extent along the three view axes
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        Vec3[] axes = {view.right(), view.up(), view.ray()};
        for (int c = 0; c < 8; c++) {
            Vec3 p = v.lpsOf((c & 1) == 0 ? 0 : v.nx() - 1, (c & 2) == 0 ? 0 : v.ny() - 1, (c & 4) == 0 ? 0 : v.nz() - 1);
            for (int a = 0; a < 3; a++) {
                lo[a] = Math.min(lo[a], p.dot(axes[a]));
                hi[a] = Math.max(hi[a], p.dot(axes[a]));
            }
        }
        int width = (int) Math.ceil((hi[0] - lo[0]) / pixel) + 1;
        int height = (int) Math.ceil((hi[1] - lo[1]) / pixel) + 1;
        int samples = (int) Math.ceil((hi[2] - lo[2]) / step) + 1;
        // image origin: the top-left pixel centre, in the plane of the first ray sample
        Vec3 origin = view.right().times(lo[0]).plus(view.up().times(hi[1])).plus(view.ray().times(lo[2]));
        float[] out = new float[width * height];
        // march in voxel coordinates: one affine map per ray, none per sample
        Vec3 stepIjk = v.lpsToIjk().applyVector(view.ray().times(step));
        Parallel.forEach(threads, height, row -> {
            for (int u = 0; u < width; u++) {
                Vec3 start = origin.plus(view.right().times(u * pixel)).minus(view.up().times(row * pixel));
                Vec3 ijk = v.lpsToIjk().apply(start);
                double sum = 0;
                for (int s = 0; s < samples; s++) {
                    double hu = v.sampleIjk(ijk.x() + s * stepIjk.x(), ijk.y() + s * stepIjk.y(),
                        ijk.z() + s * stepIjk.z(), -1000);
                    double mu = MU_WATER * (1 + hu / 1000);
                    if (mu > 0) {
                        sum += mu * step;
                    }
                }
                for (Needle n : needles) {
                    sum += MU_STEEL * chord(start, view.ray(), n);
                }
                out[u + width * row] = (float) sum;
            }
        });
        return new DrrImage(view, width, height, pixel, origin, out);
    }

    /** Length of the line {@code p + t * d} (unit d) inside the needle's cylinder (finite, flat ends). */
    static double chord(Vec3 p, Vec3 d, Needle n) {
        Vec3 a = n.entryLps(), b = n.targetLps();
        Vec3 axis = b.minus(a);
        double len = axis.norm();
        Vec3 w = axis.times(1 / len);
        double r = n.diameterMm() / 2;
        // components perpendicular to the needle axis
        Vec3 dp = d.minus(w.times(d.dot(w)));
        Vec3 pa = p.minus(a);
        Vec3 q = pa.minus(w.times(pa.dot(w)));
        double qa = dp.dot(dp), qb = 2 * q.dot(dp), qc = q.dot(q) - r * r;
        double t0, t1;
        if (qa < 1e-12) {
            if (qc > 0) {
                return 0;
            }
            t0 = -Double.MAX_VALUE;
            t1 = Double.MAX_VALUE;
        } else {
            double disc = qb * qb - 4 * qa * qc;
            if (disc <= 0) {
                return 0;
            }
            double sq = Math.sqrt(disc);
            t0 = (-qb - sq) / (2 * qa);
            t1 = (-qb + sq) / (2 * qa);
        }
        // clip to the slab 0 <= (x - a).w <= len
        double s0 = pa.dot(w), ds = d.dot(w);
        if (Math.abs(ds) < 1e-12) {
            if (s0 < 0 || s0 > len) {
                return 0;
            }
        } else {
            double ta = (0 - s0) / ds, tb = (len - s0) / ds;
            t0 = Math.max(t0, Math.min(ta, tb));
            t1 = Math.min(t1, Math.max(ta, tb));
        }
        return Math.max(0, t1 - t0);
    }
}
