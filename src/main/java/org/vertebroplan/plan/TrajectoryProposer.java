package org.vertebroplan.plan;

import java.util.ArrayList;
import java.util.List;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * Proposes bilateral transpedicular trajectories for the vertebra around a clicked point, so the
 * surgeon starts from a good plan.
 *
 * <p>How: the level is segmented ({@link VertebraSegmentation}). The midline is the canal's centroid.
 * On each side, the pedicle is the bone beside the canal (from the midline to {@code PEDICLE_REACH_MM}
 * beyond the canal's edge; the canal itself is not bone) in the band from 20 % to 60 % of the canal's
 * antero-posterior depth (behind the curved posterior wall of the body, in front of the articular processes); its centroid is taken as the isthmus centre. The target lies in the anterior third of the
 * body (30 % of the body depth behind the anterior cortex) at mid-height of the body, {@code
 * MIDLINE_OFFSET_MM} from the midline on the needle's own side (converging, never crossing). The entry
 * is where the line target -> isthmus centre leaves the skin.
 *
 * <p>Limits: needs a canal enclosed by the arch in some slices; the result is a proposal to be
 * checked ({@link SafetyAnalyzer}) and adjusted by the surgeon, not a verdict.
 */
public final class TrajectoryProposer {

    static final double PEDICLE_REACH_MM = 12;
    static final double MIDLINE_OFFSET_MM = 3;

    /** No proposal can be made here; the message says why, in words for the surgeon. */
    public static final class NoProposalException extends Exception {
        private static final long serialVersionUID = 1L;

        public NoProposalException(String message) {
            super(message);
        }
    }

    /** One proposed needle: side "left" (patient left, +x) or "right". */
    public record Proposal(String side, Vec3 entryLps, Vec3 targetLps, Vec3 pedicleCentreLps) {
    }

    private TrajectoryProposer() {
    }

    public static List<Proposal> propose(Volume v, Vec3 clickLps, SegmentationOptions o) throws NoProposalException {
        VertebraSegmentation seg = VertebraSegmentation.around(v, clickLps, o);
        if (!seg.hasCanal()) {
            throw new NoProposalException("no spinal canal found around the clicked point: click inside the"
                + " vertebral body of the target level");
        }
        VertebraSegmentation.CanalExtent canal = seg.canalExtent();
        double midX = canal.centroidX(), yMin = canal.minY(), xMin = canal.minX(), xMax = canal.maxX();
        double depth = canal.depthMm();
        Body body = body(v, seg, midX, yMin);
        List<Proposal> out = new ArrayList<>();
        for (int side : new int[] {+1, -1}) {
            double edge = side > 0 ? xMax : xMin;
            Vec3 pedicle = pedicleCentre(seg, side, midX, edge, yMin + 0.2 * depth, yMin + 0.6 * depth);
            if (pedicle == null) {
                throw new NoProposalException("no " + (side > 0 ? "left" : "right") + " pedicle found next to the canal");
            }
            double targetY = body.anteriorY + 0.3 * (body.posteriorY - body.anteriorY);
            Vec3 target = new Vec3(midX + side * MIDLINE_OFFSET_MM, targetY, body.midZ);
            Vec3 entry = SkinSnapper.snap(v, target, pedicle, SkinSnapper.SKIN_HU)
                .orElseThrow(() -> new NoProposalException("the line through the " + (side > 0 ? "left" : "right")
                    + " pedicle does not reach the skin inside the CT"));
            out.add(new Proposal(side > 0 ? "left" : "right", entry, target, pedicle));
        }
        return out;
    }

    private record Body(double anteriorY, double posteriorY, double midZ) {
    }

    /** The body's anterior cortex (near the midline), its posterior wall (the canal front), mid-height. */
    private static Body body(Volume v, VertebraSegmentation seg, double midX, double canalFrontY) {
        Vec3 c = seg.bodyCentroidLps();
        double anterior = c.y();
        double zMin = Double.POSITIVE_INFINITY, zMax = Double.NEGATIVE_INFINITY;
        double[] sp = v.spacingMm();
        double step = Math.min(sp[0], Math.min(sp[1], sp[2])) * 0.5;
        // walk anteriorly from the centroid along the midline until bone ends
        for (double y = c.y(); y > c.y() - 80; y -= step) {
            if (!seg.inVertebra(new Vec3(midX, y, c.z()))) {
                break;
            }
            anterior = y;
        }
        // the body's height along z through its centre (interior or cortex)
        double cy = (anterior + canalFrontY) / 2;
        for (double z = c.z(); z < c.z() + 60; z += step) {
            if (!seg.inVertebra(new Vec3(midX, cy, z))) {
                break;
            }
            zMax = z;
        }
        for (double z = c.z(); z > c.z() - 60; z -= step) {
            if (!seg.inVertebra(new Vec3(midX, cy, z))) {
                break;
            }
            zMin = z;
        }
        double midZ = Double.isInfinite(zMin) || Double.isInfinite(zMax) ? c.z() : (zMin + zMax) / 2;
        return new Body(anterior, canalFrontY, midZ);
    }

    private static Vec3 pedicleCentre(VertebraSegmentation seg, int side, double midX, double canalEdgeX, double yFront,
                                      double yMid) {
        double[] acc = new double[4];
        seg.forEach((p, l, ours) -> {
            double lateral = side * (p.x() - midX);
            if (lateral > 0 && lateral <= side * (canalEdgeX - midX) + PEDICLE_REACH_MM && p.y() >= yFront && p.y() <= yMid
                && ours) {
                acc[0] += p.x();
                acc[1] += p.y();
                acc[2] += p.z();
                acc[3]++;
            }
        });
        double count = acc[3];
        double sx = acc[0], sy = acc[1], sz = acc[2];
        return count < 10 ? null : new Vec3(sx / count, sy / count, sz / count);
    }
}
