package org.vertebroplan.plan;

import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * What surrounds a point in a CT: the distance to the nearest air voxel within a radius, and the
 * fraction of bone voxels in the shell between an inner and an outer radius. Used to tell skin markers
 * (air next to them, no bone around) from dense things inside the body.
 */
record NeighbourhoodStats(double nearestAirMm, double boneFraction) {

    static NeighbourhoodStats around(Volume v, Vec3 centreLps, double innerMm, double outerMm, int airHu,
                                     int boneHu) {
        Vec3 c = v.lpsToIjk().apply(centreLps);
        double[] sp = v.spacingMm();
        int ri = (int) Math.ceil(outerMm / sp[0]), rj = (int) Math.ceil(outerMm / sp[1]);
        int rk = (int) Math.ceil(outerMm / sp[2]);
        int ci = (int) Math.round(c.x()), cj = (int) Math.round(c.y()), ck = (int) Math.round(c.z());
        double nearestAir = Double.POSITIVE_INFINITY;
        int shell = 0;
        int bone = 0;
        for (int k = Math.max(0, ck - rk); k <= Math.min(v.nz() - 1, ck + rk); k++) {
            for (int j = Math.max(0, cj - rj); j <= Math.min(v.ny() - 1, cj + rj); j++) {
                for (int i = Math.max(0, ci - ri); i <= Math.min(v.nx() - 1, ci + ri); i++) {
                    double d = v.lpsOf(i, j, k).distance(centreLps);
                    if (d > outerMm) {
                        continue;
                    }
                    int value = v.get(i, j, k);
                    if (value < airHu && d < nearestAir) {
                        nearestAir = d;
                    }
                    if (d >= innerMm + 1.5) {
                        shell++;
                        if (value > boneHu) {
                            bone++;
                        }
                    }
                }
            }
        }
        return new NeighbourhoodStats(nearestAir, shell == 0 ? 0 : (double) bone / shell);
    }
}
