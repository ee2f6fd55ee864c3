package org.vertebroplan.phantom;

import static org.vertebroplan.phantom.PhantomAnatomy.CENTRE_LPS;
import static org.vertebroplan.phantom.PhantomAnatomy.MARKER_DIAMETER;
import static org.vertebroplan.phantom.PhantomAnatomy.MARKER_W;

import java.util.ArrayList;
import java.util.List;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Side;
import org.vertebroplan.plan.VertebraFrame;

/**
 * A {@link PhantomVariant} worked out: the frame the spine is turned to, where the pedicles, targets,
 * needle entries and markers are in LPS, the rib pieces, and the sampling grid.
 *
 * <p>The spine's local coordinates q (mm from the target body centre C along its left, posterior and
 * superior axes) map to LPS as C + L q.x + P q.y + S q.z, where (L, P, S) are the axes of
 * {@code VertebraFrame.fromAngles(C, axial, coronal, sagittal)}; the model evaluates the spine at the inverse,
 * q = ((p - C).L, (p - C).P, (p - C).S). A square spine (no turn) uses q = p - C directly, so the default
 * phantom's numbers are exactly those of the original square model.
 *
 * <p>The grid is the level's (it holds the markers, which do not move); a turned spine whose needle entries
 * or targets would come within 10 mm of the grid's first or last slice gets more slices (same spacing, still
 * centred on C).
 */
public final class PhantomLayout {

    /** The bundled sample's layout (square L2). */
    public static final PhantomLayout DEFAULT = new PhantomLayout(PhantomVariant.DEFAULT);

    /** Slices kept beyond the needle entries and markers of a tilted spine (mm). */
    static final double GRID_MARGIN_MM = 10;

    private final PhantomVariant variant;
    private final PhantomLevel level;
    private final VertebraFrame frame;
    private final boolean turned;
    /** Rotation (columns L, P, S), for the model's inner loop. */
    final double lx, ly, lz, px, py, pz, sx, sy, sz;
    final Vec3[] pedicleOrigin = new Vec3[2];
    final Vec3[] pedicleAxis = new Vec3[2];
    final Vec3[] pedicleAcross = new Vec3[2];
    final Vec3[] pedicleUp = new Vec3[2];
    /** sin, cos, tan of half the wedge angle. */
    final double wedgeSin, wedgeCos, wedgeTan;
    /** Rib capsules (local): per piece ax, ay, az, bx, by, bz, radius, then the bounding box min/max xyz. */
    final double[] ribPieces;
    final int ribPieceCount;
    private final Vec3[] entry = new Vec3[2];
    private final PhantomGrid grid;

    public PhantomLayout(PhantomVariant variant) {
        this.variant = variant;
        this.level = variant.level();
        this.frame = VertebraFrame.fromAngles(CENTRE_LPS, variant.axialRotationDeg(), variant.coronalTiltDeg(),
            variant.sagittalTiltDeg());
        this.turned = variant.turned();
        lx = frame.left().x();
        ly = frame.left().y();
        lz = frame.left().z();
        px = frame.posterior().x();
        py = frame.posterior().y();
        pz = frame.posterior().z();
        sx = frame.superior().x();
        sy = frame.superior().y();
        sz = frame.superior().z();
        PhantomLevel.Pedicle ped = level.pedicle();
        for (Side side : Side.values()) {
            int s = side.ordinal();
            pedicleOrigin[s] = PhantomAnatomy.sided(ped.isthmusLeft(), side);
            pedicleAxis[s] = PhantomAnatomy.sided(ped.targetLeft(), side).minus(pedicleOrigin[s]).normalized();
            pedicleAcross[s] = pedicleAxis[s].cross(Vec3.Z).normalized();
            pedicleUp[s] = pedicleAcross[s].cross(pedicleAxis[s]).normalized();
        }
        double half = Math.toRadians(variant.wedgeDeg() / 2);
        wedgeSin = Math.sin(half);
        wedgeCos = Math.cos(half);
        wedgeTan = Math.tan(half);
        List<PhantomSolid.Capsule> pieces = new ArrayList<>();
        if (level.thoracic()) {
            for (PhantomRib rib : level.thorax().ribs()) {
                for (Side side : List.of(Side.LEFT, Side.RIGHT)) {
                    pieces.addAll(rib.pieces(side));
                }
            }
        }
        ribPieceCount = pieces.size();
        ribPieces = new double[13 * ribPieceCount];
        for (int i = 0; i < ribPieceCount; i++) {
            PhantomSolid.Capsule c = pieces.get(i);
            double[] a = c.from().toArray(), b = c.to().toArray();
            int o = 13 * i;
            for (int k = 0; k < 3; k++) {
                ribPieces[o + k] = a[k];
                ribPieces[o + 3 + k] = b[k];
                ribPieces[o + 7 + 2 * k] = Math.min(a[k], b[k]) - c.radius();
                ribPieces[o + 8 + 2 * k] = Math.max(a[k], b[k]) + c.radius();
            }
            ribPieces[o + 6] = c.radius();
        }
        for (Side side : Side.values()) {
            entry[side.ordinal()] = findEntry(side);
        }
        this.grid = sizeGrid();
    }

    public PhantomVariant variant() {
        return variant;
    }

    public PhantomLevel level() {
        return level;
    }

    /** The target vertebra's frame: centre C and the turned axes. */
    public VertebraFrame frame() {
        return frame;
    }

    /** Whether the spine is turned (else local = LPS - C exactly). */
    public boolean turned() {
        return turned;
    }

    /** The sampling grid. */
    public PhantomGrid grid() {
        return grid;
    }

    /** LPS of a point given in the spine's local frame. */
    public Vec3 toLps(Vec3 local) {
        return turned ? frame.toLps(local) : CENTRE_LPS.plus(local);
    }

    /** The spine's local coordinates of an LPS point. */
    public Vec3 toLocal(Vec3 lps) {
        return turned ? frame.toLocal(lps) : lps.minus(CENTRE_LPS);
    }

    /** An LPS direction of a direction given in the spine's local frame. */
    public Vec3 directionToLps(Vec3 local) {
        return turned ? frame.directionToLps(local) : local;
    }

    /** LPS of a point given in the patient-aligned local frame (soft tissue, markers: never turned). */
    public static Vec3 patientLps(Vec3 local) {
        return CENTRE_LPS.plus(local);
    }

    /** LPS of the pedicle isthmus centre (on the pedicle axis) of a side. */
    public Vec3 isthmusLps(Side side) {
        return toLps(pedicleOrigin[side.ordinal()]);
    }

    /** LPS of the needle target (anterior part of the body) of a side. */
    public Vec3 targetLps(Side side) {
        return toLps(PhantomAnatomy.sided(level.pedicle().targetLeft(), side));
    }

    /** Unit direction of the pedicle axis, posterior to anterior (isthmus towards target), LPS. */
    public Vec3 pedicleAxisLps(Side side) {
        return targetLps(side).minus(isthmusLps(side)).normalized();
    }

    /**
     * Unit LPS direction of the pedicle's width in its cross-section, pointing away from the midline: axis x
     * superior of the square spine, turned, and for the left pedicle reversed.
     */
    public Vec3 pedicleLateralLps(Side side) {
        Vec3 across = directionToLps(pedicleAcross[side.ordinal()]);
        return side == Side.LEFT ? across.times(-1) : across;
    }

    /** Unit LPS direction of the pedicle's height (perpendicular to its axis and {@link #pedicleLateralLps}). */
    public Vec3 pedicleUpLps(Side side) {
        return directionToLps(pedicleUp[side.ordinal()]);
    }

    /** Centre of marker {@code index} (0 = M1, cranial): on the midline, touching the back skin. */
    public Vec3 markerLps(int index) {
        return patientLps(new Vec3(0, level.torso().backSkinV() + MARKER_DIAMETER / 2, MARKER_W.get(index)));
    }

    /** Signed distance (mm, first order) to the skin surface. */
    public double skinSdf(Vec3 lps) {
        Vec3 q = lps.minus(CENTRE_LPS);
        return level.torso().sdf(q.x(), q.y());
    }

    /** Where the pedicle axis of a side, extended posteriorly from the target, meets the skin. */
    public Vec3 needleEntryLps(Side side) {
        return entry[side.ordinal()];
    }

    private Vec3 findEntry(Side side) {
        Vec3 target = targetLps(side);
        Vec3 back = pedicleAxisLps(side).times(-1);
        double lo = 0, hi = 400;
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            if (skinSdf(target.plusScaled(back, mid)) <= 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return target.plusScaled(back, (lo + hi) / 2);
    }

    private PhantomGrid sizeGrid() {
        PhantomGrid base = level.grid();
        List<Vec3> keep = new ArrayList<>();
        for (Side side : Side.values()) {
            keep.add(needleEntryLps(side));
            keep.add(targetLps(side));
        }
        double need = 0;
        for (Vec3 p : keep) {
            need = Math.max(need, Math.abs(p.z() - CENTRE_LPS.z()) + GRID_MARGIN_MM);
        }
        for (int i = 0; i < MARKER_W.size(); i++) {
            keep.add(markerLps(i));
        }
        PhantomGrid g = base;
        if (turned && need > (base.nz() - 1) * base.dz() / 2) {
            int nz = (int) Math.ceil(2 * need / base.dz()) + 1;
            if ((nz - base.nz()) % 2 != 0) {
                nz++;
            }
            g = PhantomGrid.centred(base.nx(), base.ny(), nz, base.dx(), base.dy(), base.dz(),
                base.originLps().y() - CENTRE_LPS.y());
        }
        Vec3 lo = g.originLps(), hi = g.maxLps();
        for (Vec3 p : keep) {
            if (p.x() < lo.x() || p.x() > hi.x() || p.y() < lo.y() || p.y() > hi.y()) {
                throw new IllegalStateException("the phantom grid does not hold " + p + " for " + variant.key());
            }
        }
        return g;
    }
}
