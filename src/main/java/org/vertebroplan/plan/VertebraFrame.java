package org.vertebroplan.plan;

import java.util.Objects;
import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;

/**
 * A vertebra's own frame: its body centre and three orthonormal axes in LPS, {@code left} (normal of
 * the mid-sagittal plane, towards the patient's left), {@code posterior} (from the body towards the
 * spinous process, in the mid-sagittal plane) and {@code superior} (the endplate normal), right-handed
 * like LPS itself. Local coordinates ({@link #toLocal}) are millimetres from the centre along these
 * axes, so a square vertebra has local = LPS - centre.
 *
 * <p>How the frame is turned from the patient's, in the surgeon's terms (all in degrees):
 * <ul>
 *   <li>{@code coronalTiltDeg} = atan2(S.x, S.z): positive when the superior axis leans to the
 *       patient's left;</li>
 *   <li>{@code sagittalTiltDeg} = atan2(-S.y, S.z): positive when the superior axis leans
 *       anteriorly;</li>
 *   <li>{@code axialRotationDeg}: the turn of the left axis about S, measured from the patient's left
 *       axis carried onto the tilted endplate by the smallest rotation taking +z to S; positive when
 *       the front of the body turns towards the patient's left (right-hand rotation about S).</li>
 * </ul>
 * {@link #fromAngles} is the exact inverse: S is the unit vector along (tan coronal, -tan sagittal,
 * 1), the rotation is Q Rz(axial) with Q the smallest rotation from +z to S. The phantom turns its
 * anatomy with the same rotation, so measured angles compare with its truth directly.
 *
 * <p>Limits: tilts must stay below 90 degrees (S.z > 0), which holds for any vertebra of a patient
 * lying on a CT table.
 */
public record VertebraFrame(Vec3 centreLps, Vec3 left, Vec3 posterior, Vec3 superior) {

    public VertebraFrame {
        Objects.requireNonNull(centreLps, "centre");
        left = left.normalized();
        superior = superior.normalized();
        posterior = superior.cross(left).normalized();
        left = posterior.cross(superior).normalized();
        if (!(superior.z() > 0)) {
            throw new IllegalArgumentException("a vertebra frame's superior axis must point cranially");
        }
    }

    /** The patient frame at a point (no rotation). */
    public static VertebraFrame square(Vec3 centreLps) {
        return new VertebraFrame(centreLps, Vec3.X, Vec3.Y, Vec3.Z);
    }

    /** The frame turned from the patient's by these angles (see the class comment), at {@code centreLps}. */
    public static VertebraFrame fromAngles(Vec3 centreLps, double axialRotationDeg, double coronalTiltDeg,
                                           double sagittalTiltDeg) {
        if (Math.abs(coronalTiltDeg) >= 90 || Math.abs(sagittalTiltDeg) >= 90) {
            throw new IllegalArgumentException("tilts must be within -90..90 degrees");
        }
        Vec3 s = new Vec3(Math.tan(Math.toRadians(coronalTiltDeg)), -Math.tan(Math.toRadians(sagittalTiltDeg)), 1)
            .normalized();
        double a = Math.toRadians(axialRotationDeg);
        Vec3 x = new Vec3(Math.cos(a), Math.sin(a), 0);
        Vec3 y = new Vec3(-Math.sin(a), Math.cos(a), 0);
        return new VertebraFrame(centreLps, tiltToward(x, s), tiltToward(y, s), s);
    }

    /** The smallest rotation taking +z to {@code s}, applied to {@code v}. */
    private static Vec3 tiltToward(Vec3 v, Vec3 s) {
        Vec3 axis = Vec3.Z.cross(s);
        double sin = axis.norm();
        double cos = s.z();
        if (sin < 1e-12) {
            return v;
        }
        Vec3 k = axis.times(1 / sin);
        // Rodrigues: v cos + (k x v) sin + k (k . v)(1 - cos)
        return v.times(cos).plus(k.cross(v).times(sin)).plus(k.times(k.dot(v) * (1 - cos)));
    }

    /** The anterior axis (minus {@link #posterior}). */
    public Vec3 anterior() {
        return posterior.times(-1);
    }

    /** See the class comment. */
    public double coronalTiltDeg() {
        return Math.toDegrees(Math.atan2(superior.x(), superior.z()));
    }

    /** See the class comment. */
    public double sagittalTiltDeg() {
        return Math.toDegrees(Math.atan2(-superior.y(), superior.z()));
    }

    /** See the class comment. */
    public double axialRotationDeg() {
        Vec3 l0 = tiltToward(Vec3.X, superior);
        return Math.toDegrees(Math.atan2(l0.cross(left).dot(superior), l0.dot(left)));
    }

    /** Local coordinates (mm along left, posterior, superior from the centre) of an LPS point. */
    public Vec3 toLocal(Vec3 lps) {
        Vec3 d = lps.minus(centreLps);
        return new Vec3(d.dot(left), d.dot(posterior), d.dot(superior));
    }

    /** The LPS point of local coordinates. */
    public Vec3 toLps(Vec3 local) {
        return centreLps.plus(left.times(local.x())).plus(posterior.times(local.y())).plus(superior.times(local.z()));
    }

    /** An LPS direction in local axes. */
    public Vec3 directionToLocal(Vec3 lps) {
        return new Vec3(lps.dot(left), lps.dot(posterior), lps.dot(superior));
    }

    /** A local direction in LPS. */
    public Vec3 directionToLps(Vec3 local) {
        return left.times(local.x()).plus(posterior.times(local.y())).plus(superior.times(local.z()));
    }

    /** The map from local coordinates to LPS. */
    public Affine3 localToLps() {
        return Affine3.fromColumns(left, posterior, superior, centreLps);
    }

    /** The same axes at another centre. */
    public VertebraFrame withCentre(Vec3 c) {
        return new VertebraFrame(c, left, posterior, superior);
    }

    /** The needle angle axes of this vertebra (superior, anterior, left). */
    public AngleFrame angleFrame() {
        return new AngleFrame("vertebra", superior, anterior(), left);
    }

    /** Angle in degrees between the axes of two frames (the largest of the three axis differences). */
    public double angleToDeg(VertebraFrame o) {
        double worst = 0;
        for (Vec3[] pair : new Vec3[][] {{left, o.left}, {posterior, o.posterior}, {superior, o.superior}}) {
            double c = Math.max(-1, Math.min(1, pair[0].dot(pair[1])));
            worst = Math.max(worst, Math.toDegrees(Math.acos(c)));
        }
        return worst;
    }
}
