package org.vertebroplan.phantom;

import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Side;

/**
 * One solid of a vertebra's posterior arch (laminae, spinous and transverse processes) in the vertebra's
 * local frame: millimetres from the body centre along its left, posterior and superior axes. A box with
 * rounded edges (the lumbar arch) or a capsule, a segment with a radius (the slanting thoracic processes).
 * Both distances are exact ({@link PhantomShapes}).
 */
sealed interface PhantomSolid {

    /** E.g. "spinous process", "transverse process left". */
    String name();

    /** Signed distance at local (u, v, w), mm, negative inside. */
    double sdf(double u, double v, double w);

    /** The same solid mirrored across the mid-sagittal plane (u to -u), under another name. */
    PhantomSolid mirrored(String name);

    /** A point deep inside (the centre of the box, the middle of the capsule's segment). */
    Vec3 centre();

    /** Box [u0, u1] x [v0, v1] x [w0, w1] whose edges are rounded with {@code edgeRadius}. */
    record Box(String name, double u0, double u1, double v0, double v1, double w0, double w1, double edgeRadius)
        implements PhantomSolid {

        @Override
        public double sdf(double u, double v, double w) {
            return PhantomShapes.roundedBox(u, v, w, u0, u1, v0, v1, w0, w1, edgeRadius);
        }

        @Override
        public Box mirrored(String mirroredName) {
            return new Box(mirroredName, -u1, -u0, v0, v1, w0, w1, edgeRadius);
        }

        @Override
        public Vec3 centre() {
            return new Vec3((u0 + u1) / 2, (v0 + v1) / 2, (w0 + w1) / 2);
        }

        /** Local corner (iu, iv, iw each 0 = low, 1 = high). */
        Vec3 corner(int iu, int iv, int iw) {
            return new Vec3(iu == 0 ? u0 : u1, iv == 0 ? v0 : v1, iw == 0 ? w0 : w1);
        }
    }

    /** All points within {@code radius} of the segment {@code from}-{@code to}. */
    record Capsule(String name, Vec3 from, Vec3 to, double radius) implements PhantomSolid {

        @Override
        public double sdf(double u, double v, double w) {
            return PhantomShapes.capsule(u, v, w, from.x(), from.y(), from.z(), to.x(), to.y(), to.z(), radius);
        }

        @Override
        public Capsule mirrored(String mirroredName) {
            return new Capsule(mirroredName, PhantomAnatomy.sided(from, Side.RIGHT),
                PhantomAnatomy.sided(to, Side.RIGHT), radius);
        }

        @Override
        public Vec3 centre() {
            return from.lerp(to, 0.5);
        }
    }
}
