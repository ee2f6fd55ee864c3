package org.vertebroplan.fluoro;

import org.vertebroplan.geom.Vec3;

/**
 * A simulated radiograph: line integrals of attenuation (dimensionless, exp(-value) is the fraction
 * of photons that pass) on a grid of square pixels. Pixel (u, v) is centred at
 * {@code originLps + right * (u * pixelMm) - up * (v * pixelMm)} in the plane through the volume's
 * centre, v counting down from the top row.
 */
public record DrrImage(DrrView view, int width, int height, double pixelMm, Vec3 originLps, float[] attenuation) {

    public float at(int u, int v) {
        return attenuation[u + width * v];
    }

    /** The pixel (u, v), possibly fractional, where an LPS point projects. */
    public double[] project(Vec3 lps) {
        Vec3 d = lps.minus(originLps);
        return new double[] {d.dot(view.right()) / pixelMm, -d.dot(view.up()) / pixelMm};
    }
}
