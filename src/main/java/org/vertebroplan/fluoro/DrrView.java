package org.vertebroplan.fluoro;

import org.vertebroplan.geom.Vec3;

/**
 * The two fluoroscopy views used in vertebroplasty, as radiographs are read: an AP view looking
 * through the patient from front to back with the patient's right on the image's left, and a
 * lateral view looking from the patient's left with anterior on the image's left; superior is up in
 * both.
 *
 * @param ray       the projection direction (LPS), along which attenuation is integrated
 * @param right     the LPS direction that points to the image's right
 * @param up        the LPS direction that points to the image's top
 */
public record DrrView(String name, Vec3 ray, Vec3 right, Vec3 up) {

    /** Antero-posterior: rays along +y, patient left (+x) on the image right, superior up. */
    public static final DrrView AP = new DrrView("ap", Vec3.Y, Vec3.X, Vec3.Z);
    /** Lateral: rays along -x (from the patient's left), posterior (+y) on the image right, superior up. */
    public static final DrrView LATERAL = new DrrView("lateral", Vec3.X.times(-1), Vec3.Y, Vec3.Z);

    public static DrrView parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "ap" -> AP;
            case "lateral", "lat" -> LATERAL;
            default -> throw new IllegalArgumentException("unknown view '" + s + "' (ap or lateral)");
        };
    }
}
