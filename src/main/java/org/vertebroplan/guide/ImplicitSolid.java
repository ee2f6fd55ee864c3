package org.vertebroplan.guide;

import org.vertebroplan.base.Parallel;
import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.mesh.SurfaceExtractor;
import org.vertebroplan.mesh.SurfaceOptions;
import org.vertebroplan.volume.Volume;

/**
 * A closed mesh of an implicit solid (positive inside, in mm) given in a local right-handed frame:
 * the field is sampled on a grid there and the project's marching cubes extracts its zero surface, so
 * the part is closed and manifold by construction. Values are kept to 1 micrometre.
 */
final class ImplicitSolid {

    /** The solid's field at local coordinates (mm). */
    interface Field {
        double at(double x, double y, double z);
    }

    private ImplicitSolid() {
    }

    /**
     * @param localToLps maps local mm to LPS (rotation + translation, right-handed)
     * @param min        local box corner (mm), the solid lies inside the box
     * @param max        opposite corner
     * @param h          grid spacing (mm)
     */
    static Mesh mesh(Field f, Affine3 localToLps, double[] min, double[] max, double h, int threads) {
        int nx = (int) Math.ceil((max[0] - min[0]) / h) + 3;
        int ny = (int) Math.ceil((max[1] - min[1]) / h) + 3;
        int nz = (int) Math.ceil((max[2] - min[2]) / h) + 3;
        double x0 = min[0] - h, y0 = min[1] - h, z0 = min[2] - h;
        short[] q = new short[nx * ny * nz];
        Parallel.forEach(threads, nz, k -> {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    double v = (i == 0 || j == 0 || k == 0 || i == nx - 1 || j == ny - 1 || k == nz - 1) ? -1
                        : f.at(x0 + i * h, y0 + j * h, z0 + k * h);
                    q[i + nx * (j + ny * k)] = (short) Math.max(-30000, Math.min(30000, Math.round(v * 1000)));
                }
            }
        });
        Vec3 o = localToLps.apply(x0, y0, z0);
        Affine3 ijk = Affine3.fromColumns(localToLps.applyVector(Vec3.X).times(h), localToLps.applyVector(Vec3.Y).times(h),
            localToLps.applyVector(Vec3.Z).times(h), o);
        return SurfaceExtractor.extract(new Volume(nx, ny, nz, q, ijk), 0, SurfaceOptions.defaults());
    }
}
