package org.vertebroplan.plan;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.phantom.PhantomAnatomy;
import org.vertebroplan.phantom.PhantomModel;
import org.vertebroplan.volume.Volume;

/**
 * Test fixture: the phantom's whole anatomy turned rigidly about the L2 body centre by a
 * {@link VertebraFrame} rotation, sampled in memory on an axis-aligned grid around the spine (no
 * DICOM), with seeded Gaussian noise. The true frame is the one it was turned by. Public for the
 * workstation's tests (org.vertebroplan.app), which plan on it.
 */
public final class TurnedPhantom {

    public static final Vec3 C = PhantomAnatomy.CENTRE_LPS;

    private TurnedPhantom() {
    }

    public static VertebraFrame frame(double axial, double coronal, double sagittal) {
        return VertebraFrame.fromAngles(C, axial, coronal, sagittal);
    }

    /** The turned anatomy on a 0.75 x 0.75 x 1 mm grid covering x +-60, y -45..+75, z +-40 around C. */
    public static Volume volume(VertebraFrame f, double noiseHu, long seed) {
        double dx = 0.75, dz = 1.0;
        int nx = 161, ny = 161, nz = 81;
        Vec3 origin = C.plus(new Vec3(-60, -45, -40));
        PhantomModel model = new PhantomModel(dx);
        short[] hu = new short[nx * ny * nz];
        IntStream.range(0, nz).parallel().forEach(k -> {
            SplittableRandom rnd = new SplittableRandom(seed * 31 + k);
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    Vec3 p = origin.plus(new Vec3(i * dx, j * dx, k * dz));
                    // the anatomy at p is the unturned anatomy at the local point of p
                    double v = model.hu(C.plus(f.toLocal(p)));
                    if (v > -999 && noiseHu > 0) {
                        v += noiseHu * Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
                    }
                    hu[i + nx * (j + ny * k)] = (short) Math.max(-1024, Math.min(32000, Math.round(v)));
                }
            }
        });
        return Volume.axisAligned(nx, ny, nz, hu, origin, dx, dx, dz);
    }
}
