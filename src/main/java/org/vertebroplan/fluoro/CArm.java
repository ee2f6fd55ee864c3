package org.vertebroplan.fluoro;

import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.VertebraFrame;

/**
 * A C-arm's pose and geometry: a point source and a flat square detector facing it, both turning
 * about the isocentre. Everything is in the patient's frame (DICOM LPS, mm), not the table's, so the
 * same angles give the same picture whatever position the patient was scanned in.
 *
 * <p>Angles (degrees), with R = Rz(orbital) Rx(angular) (right-handed rotations about the patient's
 * superior +z and left +x axes):
 * <ul>
 *   <li>beam (unit, source to detector) = R (0, 1, 0): at orbital 0, angular 0 the beam runs from the
 *       patient's front to back (AP; for a prone patient the source is under the table);</li>
 *   <li>orbital: rotation about the patient's long axis. +90 puts the source on the patient's left
 *       (+x) and the detector on the right (lateral, beam from left to right); -90 the other way;</li>
 *   <li>angular: cranio-caudal tilt. Positive tilts the beam cranially on its way to the detector: the
 *       source moves caudally and the detector cranially ("cranial" angulation named by the detector).
 *       A vertebra whose endplates lean by its {@code sagittalTiltDeg} is seen in true AP at angular =
 *       that tilt.</li>
 * </ul>
 * The image is what the source sees: column direction {@code detectorRight} = R (1, 0, 0) and row
 * direction {@code detectorDown} = R (0, 0, -1). In AP the patient's left is on the image's right
 * (as a radiograph is read, facing the patient) and superior is up; in lateral (orbital +90)
 * posterior is on the image's right; right x down = beam.
 *
 * <p>The detector's centre lies on the principal ray through the isocentre, at {@code
 * sourceDetectorMm} from the source; pixel (c, r) is centred at {@code detectorOriginLps + right * c *
 * pixelMm + down * r * pixelMm}. Objects at the isocentre are magnified by sourceDetector / sourceIso.
 *
 * @param isoLps          the isocentre (the point the C-arm turns about), LPS mm
 * @param detectorMm      side of the square detector, mm
 * @param sizePx          pixels per side
 */
public record CArm(double orbitalDeg, double angularDeg, double sourceIsoMm, double sourceDetectorMm, Vec3 isoLps,
                   double detectorMm, int sizePx) {

    /** Source to isocentre, mm: a mobile C-arm's usual value. */
    public static final double SOURCE_ISO_MM = 600;
    /** Source to detector, mm. */
    public static final double SOURCE_DETECTOR_MM = 1000;
    /** Side of the flat detector, mm (a 30 x 30 cm panel: 18 cm across at the isocentre). */
    public static final double DETECTOR_MM = 300;
    /** Pixels per side. */
    public static final int SIZE_PX = 512;
    /** The largest image side accepted, pixels. */
    public static final int MAX_SIZE_PX = 4096;

    public CArm {
        if (!Double.isFinite(orbitalDeg) || !Double.isFinite(angularDeg)) {
            throw new IllegalArgumentException("C-arm angles must be finite");
        }
        if (!(sourceIsoMm > 0) || !(sourceDetectorMm > sourceIsoMm) || !Double.isFinite(sourceDetectorMm)) {
            throw new IllegalArgumentException("the source-to-detector distance must exceed the source-to-isocentre"
                + " distance, both positive (got " + sourceIsoMm + " and " + sourceDetectorMm + " mm)");
        }
        if (isoLps == null || !Double.isFinite(isoLps.x() + isoLps.y() + isoLps.z())) {
            throw new IllegalArgumentException("the isocentre must be a finite point");
        }
        if (!(detectorMm > 0) || !Double.isFinite(detectorMm)) {
            throw new IllegalArgumentException("the detector size must be positive");
        }
        if (sizePx < 2 || sizePx > MAX_SIZE_PX) {
            throw new IllegalArgumentException("the image size must be 2 to " + MAX_SIZE_PX + " pixels");
        }
    }

    /** The default C-arm at these angles about {@code isoLps}. */
    public static CArm at(Vec3 isoLps, double orbitalDeg, double angularDeg) {
        return new CArm(orbitalDeg, angularDeg, SOURCE_ISO_MM, SOURCE_DETECTOR_MM, isoLps, DETECTOR_MM, SIZE_PX);
    }

    /** AP: orbital 0, angular 0. */
    public static CArm ap(Vec3 isoLps) {
        return at(isoLps, 0, 0);
    }

    /** Lateral: orbital 90 (source on the patient's left). */
    public static CArm lateral(Vec3 isoLps) {
        return at(isoLps, 90, 0);
    }

    /**
     * The angles that send the beam along {@code beamLps} (any length): orbital = atan2(-b.x, b.y),
     * angular = asin(b.z) for the unit beam b.
     */
    public CArm withBeam(Vec3 beamLps) {
        Vec3 b = beamLps.normalized();
        double angular = Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, b.z()))));
        double horizontal = Math.hypot(b.x(), b.y());
        double orbital = horizontal < 1e-12 ? orbitalDeg : Math.toDegrees(Math.atan2(-b.x(), b.y()));
        return new CArm(orbital, angular, sourceIsoMm, sourceDetectorMm, isoLps, detectorMm, sizePx);
    }

    /**
     * The true AP of a vertebra: the beam along its posterior axis (front to back, parallel to its
     * endplates and its mid-sagittal plane), centred on its body.
     */
    public CArm trueAp(VertebraFrame f) {
        return withIso(f.centreLps()).withBeam(f.posterior());
    }

    public CArm withIso(Vec3 iso) {
        return new CArm(orbitalDeg, angularDeg, sourceIsoMm, sourceDetectorMm, iso, detectorMm, sizePx);
    }

    public CArm withAngles(double orbital, double angular) {
        return new CArm(orbital, angular, sourceIsoMm, sourceDetectorMm, isoLps, detectorMm, sizePx);
    }

    public CArm withDistances(double sourceIso, double sourceDetector) {
        return new CArm(orbitalDeg, angularDeg, sourceIso, sourceDetector, isoLps, detectorMm, sizePx);
    }

    public CArm withDetector(double sideMm, int px) {
        return new CArm(orbitalDeg, angularDeg, sourceIsoMm, sourceDetectorMm, isoLps, sideMm, px);
    }

    /** Unit direction of the central ray, source to detector: Rz(orbital) Rx(angular) (0, 1, 0). */
    public Vec3 beam() {
        double t = Math.toRadians(orbitalDeg), p = Math.toRadians(angularDeg);
        return new Vec3(-Math.sin(t) * Math.cos(p), Math.cos(t) * Math.cos(p), Math.sin(p));
    }

    /** Unit direction of increasing column on the detector: Rz(orbital) Rx(angular) (1, 0, 0). */
    public Vec3 detectorRight() {
        double t = Math.toRadians(orbitalDeg);
        return new Vec3(Math.cos(t), Math.sin(t), 0);
    }

    /** Unit direction of increasing row on the detector: Rz(orbital) Rx(angular) (0, 0, -1). */
    public Vec3 detectorDown() {
        double t = Math.toRadians(orbitalDeg), p = Math.toRadians(angularDeg);
        return new Vec3(-Math.sin(t) * Math.sin(p), Math.cos(t) * Math.sin(p), -Math.cos(p));
    }

    public Vec3 sourceLps() {
        return isoLps.plusScaled(beam(), -sourceIsoMm);
    }

    public Vec3 detectorCentreLps() {
        return isoLps.plusScaled(beam(), sourceDetectorMm - sourceIsoMm);
    }

    /** Pixel pitch at the detector, mm. */
    public double pixelMm() {
        return detectorMm / sizePx;
    }

    /** Magnification of an object at the isocentre. */
    public double magnification() {
        return sourceDetectorMm / sourceIsoMm;
    }

    /** Centre of pixel (0, 0) on the detector, LPS mm. */
    public Vec3 detectorOriginLps() {
        double half = (sizePx - 1) / 2.0 * pixelMm();
        return detectorCentreLps().plusScaled(detectorRight(), -half).plusScaled(detectorDown(), -half);
    }

    /** The detector point at (possibly fractional) column c, row r. */
    public Vec3 pixelLps(double c, double r) {
        double s = pixelMm();
        return detectorOriginLps().plusScaled(detectorRight(), c * s).plusScaled(detectorDown(), r * s);
    }

    /**
     * Where the ray from the source through {@code lps} meets the detector: {column, row}, possibly
     * fractional or outside the image; null for a point not in front of the source.
     */
    public double[] project(Vec3 lps) {
        Vec3 s = sourceLps();
        Vec3 d = lps.minus(s);
        double along = d.dot(beam());
        if (!(along > 1e-9)) {
            return null;
        }
        Vec3 hit = s.plusScaled(d, sourceDetectorMm / along).minus(detectorOriginLps());
        return new double[] {hit.dot(detectorRight()) / pixelMm(), hit.dot(detectorDown()) / pixelMm()};
    }
}
