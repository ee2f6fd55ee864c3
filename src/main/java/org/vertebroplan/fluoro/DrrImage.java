package org.vertebroplan.fluoro;

import org.vertebroplan.geom.Vec3;

/**
 * A simulated C-arm shot before display: per pixel, the line integral of attenuation (dimensionless;
 * exp(-value) is the fraction of photons that reach the detector) along the ray from the source to
 * the pixel's centre, kept apart for the patient ({@code tissue}) and the needles ({@code steel}).
 * Pixel (c, r) is stored at {@code c + size * r}; where it lies and which way the image is turned is
 * the {@link CArm}'s business.
 */
public record DrrImage(CArm carm, float[] tissue, float[] steel) {

    public DrrImage {
        int n = carm.sizePx() * carm.sizePx();
        if (tissue.length != n || steel.length != n) {
            throw new IllegalArgumentException("a " + carm.sizePx() + "-pixel image needs " + n + " values");
        }
    }

    /** Pixels per side. */
    public int size() {
        return carm.sizePx();
    }

    /** The whole line integral at pixel (c, r): patient and needles. */
    public float at(int c, int r) {
        int p = c + size() * r;
        return tissue[p] + steel[p];
    }

    /** The patient's line integral at pixel (c, r), without the needles. */
    public float tissueAt(int c, int r) {
        return tissue[c + size() * r];
    }

    /** The pixel {column, row} (fractional) where an LPS point projects; null behind the source. */
    public double[] project(Vec3 lps) {
        return carm.project(lps);
    }
}
