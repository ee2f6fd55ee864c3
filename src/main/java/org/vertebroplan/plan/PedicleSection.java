package org.vertebroplan.plan;

import org.vertebroplan.geom.Vec3;

/**
 * The pedicle's cross-section along a needle line, in a level's local frame: where the line passes the
 * pedicle (the canal's antero-posterior band, in the vertebra's bone), the distances from the line to
 * the cortex edges towards and away from the midline (in the vertebra's axial plane) and cranially
 * and caudally: where the segmented bone ends, refined to the cortex's half-way edge on the CT
 * ({@link #extent}).
 * The narrowest section is the isthmus: its width, its centre, its lateral wall.
 */
final class PedicleSection {

    /** The narrowest section: centre (local), width across the line (mm), across direction (lateral), lateral wall point. */
    record Narrowest(Vec3 centre, double width, Vec3 across, Vec3 lateralWall) {
    }

    private static final double STEP_MM = 0.25;
    private static final int SAMPLES = 61;

    private PedicleSection() {
    }

    /**
     * The narrowest section of the pedicle along the line from {@code from} in direction {@code u} over
     * {@code length} mm, or null when the line does not pass the pedicle band in bone.
     */
    static Narrowest narrowest(LevelAnalysis level, Vec3 from, Vec3 u, double length) {
        VertebraSegmentation.CanalExtent canal = level.canalExtent();
        Vec3 across0 = Vec3.Z.cross(u);
        if (canal == null || across0.norm() < 0.2) {
            return null;
        }
        across0 = across0.normalized();
        Vec3 up0 = u.cross(across0).normalized();
        if (up0.z() < 0) {
            up0 = up0.times(-1);
        }
        double[] profile = new double[SAMPLES];
        Narrowest best = null;
        for (double t = 0; t <= length; t += 0.5) {
            Vec3 a = from.plus(u.times(t));
            if (a.y() < canal.minY() + 1 || a.y() > canal.minY() + 0.6 * canal.depthMm() || !level.inVertebra(a)) {
                continue;
            }
            Vec3 across = across0.x() * a.x() >= 0 ? across0 : across0.times(-1);
            double lateral = extent(level, a, across, profile);
            double medial = extent(level, a, across.times(-1), profile);
            if (Double.isNaN(lateral) || Double.isNaN(medial)) {
                continue;
            }
            double width = lateral + medial;
            if (best == null || width < best.width()) {
                double upper = extent(level, a, up0, profile), lower = extent(level, a, up0.times(-1), profile);
                double dz = Double.isNaN(upper) || Double.isNaN(lower) ? 0 : (upper - lower) / 2;
                Vec3 centre = a.plus(across.times((lateral - medial) / 2)).plus(up0.times(dz));
                best = new Narrowest(centre, width, across, a.plus(across.times(lateral)));
            }
        }
        return best;
    }

    /**
     * Distance (mm) from {@code a} along {@code dir} to the bone's edge, NaN if none within 15 mm: the
     * segmentation says where bone (cortex or the interior it encloses, so a pale cancellous core does
     * not count as outside) ends for at least a millimetre; the edge is then placed on the CT where it
     * falls half-way from the cortex's peak (within 1.5 mm inside) to the level outside (within 1 mm
     * beyond), the partial-volume edge of the cortex.
     */
    private static double extent(LevelAnalysis level, Vec3 a, Vec3 dir, double[] profile) {
        int out = -1, stay = (int) Math.round(1.0 / STEP_MM);
        for (int k = 0; k + stay < SAMPLES && out < 0; k++) {
            boolean outside = true;
            for (int j = 0; j <= stay && outside; j++) {
                outside = !level.inBone(a.plus(dir.times((k + j) * STEP_MM)));
            }
            if (outside) {
                out = k;
            }
        }
        if (out < 0) {
            return Double.NaN;
        }
        int from = Math.max(0, out - (int) Math.round(1.5 / STEP_MM)), to = Math.min(SAMPLES - 1, out + stay);
        double peak = -Double.MAX_VALUE, low = Double.MAX_VALUE;
        int peakAt = from;
        for (int k = from; k <= to; k++) {
            profile[k] = level.ctAt(a.plus(dir.times(k * STEP_MM)));
            if (k <= out && profile[k] > peak) {
                peak = profile[k];
                peakAt = k;
            }
            if (k >= out) {
                low = Math.min(low, profile[k]);
            }
        }
        double half = (peak + low) / 2;
        for (int k = peakAt + 1; k <= to; k++) {
            if (profile[k] < half) {
                return (k - 1 + (profile[k - 1] - half) / (profile[k - 1] - profile[k])) * STEP_MM;
            }
        }
        return out * STEP_MM;
    }
}
