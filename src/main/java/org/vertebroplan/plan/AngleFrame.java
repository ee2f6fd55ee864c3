package org.vertebroplan.plan;

import org.vertebroplan.geom.Vec3;

/**
 * The axes the needle angles are measured in: superior S, anterior A and the patient's left L, an
 * orthonormal right-handed set (A = L x S). {@link #PATIENT} is the patient frame of DESIGN.md
 * (S = +z, A = -y, L = +x in LPS). A vertebra frame follows the target vertebra instead: S is the
 * normal of its superior endplate and L the normal of its mid-sagittal plane, so a tilted or rotated
 * vertebra (scoliosis, a patient not lying straight) gets angles relative to its own anatomy.
 */
public record AngleFrame(String name, Vec3 superior, Vec3 anterior, Vec3 left) {

    public static final AngleFrame PATIENT = new AngleFrame("patient", Vec3.Z, new Vec3(0, -1, 0), Vec3.X);

    /**
     * A vertebra frame from the superior endplate's normal (pointing roughly cranially) and the
     * mid-sagittal plane's normal (pointing roughly to the patient's left). The second is made
     * orthogonal to the first; signs are fixed so that S has +z and L has +x components.
     */
    public static AngleFrame fromVertebra(Vec3 endplateNormal, Vec3 midSagittalNormal) {
        Vec3 s = endplateNormal.normalized();
        if (s.z() < 0) {
            s = s.times(-1);
        }
        Vec3 l = midSagittalNormal.minus(s.times(midSagittalNormal.dot(s)));
        if (l.norm() < 1e-6) {
            throw new IllegalArgumentException("the endplate and the mid-sagittal plane are parallel");
        }
        l = l.normalized();
        if (l.x() < 0) {
            l = l.times(-1);
        }
        return new AngleFrame("vertebra", s, l.cross(s), l);
    }

    /** The direction towards the mid-sagittal plane for a needle on this side. */
    public Vec3 medial(Side side) {
        return side == Side.LEFT ? left.times(-1) : left;
    }
}
