package org.vertebroplan.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Tissue;

class SkinSnapperTest {

    @Test
    void snapsTheEntryOntoTheSkinAlongTheNeedleLine() {
        Vec3 target = SyntheticVertebra.TARGET;
        Vec3 through = SyntheticVertebra.PEDICLE_CENTRE;
        Vec3 entry = SkinSnapper.snap(SyntheticVertebra.ct(), target, through, Tissue.SKIN_HU).orElseThrow();
        // the skin is the plane y = 55 sampled on a 0.5 mm grid: the -300 HU crossing of the linear
        // ramp between the voxel centres at 55.0 (40 HU) and 55.5 (-1000 HU) is at 55 + 0.5 * 340/1040
        double expectedY = 55 + 0.5 * 340.0 / 1040.0;
        assertEquals(expectedY, entry.y(), 0.01);
        Vec3 u = through.minus(target).normalized();
        Vec3 onLine = target.plus(u.times(entry.minus(target).dot(u)));
        assertTrue(onLine.distance(entry) < 1e-9, "entry must stay on the needle line");
    }

    @Test
    void aTargetOutsideTheBodyCannotBeSnapped() {
        assertTrue(SkinSnapper.snap(SyntheticVertebra.ct(), new Vec3(0, 58, 0), new Vec3(0, 59, 0),
            Tissue.SKIN_HU).isEmpty());
    }
}
