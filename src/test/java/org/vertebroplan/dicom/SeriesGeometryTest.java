package org.vertebroplan.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.geom.Vec3;

/** Grid decisions on synthetic slice headers with known answers. */
class SeriesGeometryTest {

    static SliceHeader slice(int n, Vec3 pos, Vec3 row, Vec3 col) {
        return new SliceHeader(Path.of("s" + n + ".dcm"), 0, "sop" + n, "series", "CT", "", "HFS", n, 4, 6, 0.5, 0.8,
            pos, row, col, 1.0, 0, TransferSyntax.EXPLICIT_LE);
    }

    static List<SliceHeader> stack(double... z) {
        List<SliceHeader> l = new ArrayList<>();
        for (int s = 0; s < z.length; s++) {
            l.add(slice(s, new Vec3(10, 20, z[s]), Vec3.X, Vec3.Y));
        }
        return l;
    }

    @Test
    void regularStackIsExactAndSortedAscendingAlongTheNormal() throws BadInputException {
        SeriesGeometry g = SeriesGeometry.of(stack(3, 1, 2, 0));
        assertFalse(g.resampled());
        assertEquals(4, g.nz());
        assertEquals(6, g.nx()); // columns along the row direction
        assertEquals(4, g.ny());
        assertEquals(new Vec3(10, 20, 0), g.originLps());
        assertEquals(1.0, g.sk(), 1e-12);
        // i steps PixelSpacing[1] along the row direction, j steps PixelSpacing[0] along the column direction
        assertEquals(new Vec3(10.5, 20.8, 3), g.ijkToLps().apply(1, 1, 3));
        assertTrue(g.warnings().isEmpty());
    }

    @Test
    void feetFirstNormalSortsByProjectionNotByZ() throws BadInputException {
        // row -x, column +y: normal -z, so the highest z comes first
        List<SliceHeader> l = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            l.add(slice(s, new Vec3(0, 0, s * 2.0), new Vec3(-1, 0, 0), Vec3.Y));
        }
        SeriesGeometry g = SeriesGeometry.of(l);
        assertEquals(4.0, g.originLps().z(), 1e-12);
        assertEquals(new Vec3(0, 0, -1), g.normal());
        assertTrue(g.ijkToLps().determinant() > 0);
    }

    @Test
    void smallGapErrorsThatAddUpAreResampled() throws BadInputException {
        // every gap within 0.009 mm of the median (1.0 mm), but slice 20 lies 0.18 mm off its grid plane
        double[] z = new double[42];
        for (int s = 1; s < z.length; s++) {
            z[s] = z[s - 1] + (s <= 20 ? 1.009 : s == 21 ? 1.0 : 0.991);
        }
        SeriesGeometry g = SeriesGeometry.of(stack(z));
        assertTrue(g.resampled());
        assertTrue(g.warnings().get(0).startsWith("uneven slice spacing"));
        assertEquals(1.0, g.sk(), 1e-9);
        assertEquals(42, g.nz());
    }

    @Test
    void missingSliceIsResampledAndALargeGapRefused() throws BadInputException {
        SeriesGeometry g = SeriesGeometry.of(stack(0, 1, 2, 4, 5));
        assertTrue(g.resampled());
        assertEquals(6, g.nz());
        BadInputException ex = assertThrows(BadInputException.class, () -> SeriesGeometry.of(stack(0, 1, 2, 6, 7)));
        assertTrue(ex.getMessage().contains("missing slices: a gap of 4.00 mm"), ex.getMessage());
    }

    @Test
    void inPlaneShiftsAreMeasuredInPixels() throws BadInputException {
        // each slice 1 mm higher and 0.4 mm further along the column direction: shifted by 0.5 px per slice
        List<SliceHeader> l = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            l.add(slice(s, new Vec3(0, 0.4 * s, s), Vec3.X, Vec3.Y));
        }
        SeriesGeometry g = SeriesGeometry.of(l);
        assertTrue(g.resampled());
        assertEquals(0.0, g.shiftJ()[0], 1e-9);
        assertEquals(0.5, g.shiftJ()[1], 1e-9);
        assertEquals(1.0, g.shiftJ()[2], 1e-9);
        assertEquals(4 + 1, g.ny()); // grown by the total shift
        assertTrue(g.warnings().get(0).contains("gantry tilt about 21.8 degrees"), g.warnings().get(0));
    }

    @Test
    void inconsistentSlicesAreRefused() {
        List<SliceHeader> l = stack(0, 1);
        l.add(slice(9, new Vec3(0, 0, 2), Vec3.X, new Vec3(0, 0.8, 0.6)));
        assertThrows(BadInputException.class, () -> SeriesGeometry.of(l));
    }
}
