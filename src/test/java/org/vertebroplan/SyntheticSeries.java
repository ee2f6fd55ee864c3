package org.vertebroplan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ToDoubleFunction;
import org.vertebroplan.dicom.DicomWriter;
import org.vertebroplan.dicom.DicomWriterCtSeries;
import org.vertebroplan.dicom.DicomWriterUids;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.phantom.PhantomPosition;

/**
 * Writes a CT series of any analytic scene (HU as a function of the LPS point) as DICOM files, in any
 * patient position: the same scene in LPS, encoded with that position's row and column directions
 * and slice order, so tests can check that what they see does not depend on the encoding.
 */
public final class SyntheticSeries {

    private SyntheticSeries() {
    }

    /**
     * A square {@code side x side} grid of {@code slices} slices centred on {@code centreLps}, pixels of
     * {@code pixelMm} and slices {@code sliceMm} apart; each voxel's HU is {@code scene} at its centre.
     */
    public static Path write(Path dir, PhantomPosition position, Vec3 centreLps, int side, int slices, double pixelMm,
                             double sliceMm, ToDoubleFunction<Vec3> scene) throws IOException {
        Files.createDirectories(dir);
        String tag = "synthetic-" + position + "-" + side + "-" + slices + "-" + dir.toAbsolutePath();
        Vec3 row = position.rowDirection(), col = position.columnDirection(), normal = position.sliceDirection();
        DicomWriterCtSeries series = new DicomWriterCtSeries("SYNTHETIC^SCENE", "SYN-1",
            DicomWriterUids.fromName(tag + "-study"), DicomWriterUids.fromName(tag + "-series"),
            DicomWriterUids.fromName(tag + "-frame"), "20240102", "093000", 1, "synthetic scene", position.name(),
            row, col, pixelMm, pixelMm, sliceMm, side, side, 0, 1);
        double half = (side - 1) / 2.0;
        short[] pixels = new short[side * side];
        for (int k = 0; k < slices; k++) {
            Vec3 first = centreLps.plusScaled(normal, (k - (slices - 1) / 2.0) * sliceMm)
                .plusScaled(row, -half * pixelMm).plusScaled(col, -half * pixelMm);
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    Vec3 p = first.plusScaled(row, c * pixelMm).plusScaled(col, r * pixelMm);
                    pixels[c + side * r] = (short) Math.round(scene.applyAsDouble(p));
                }
            }
            series.writeSlice(dir.resolve(String.format("s%04d.dcm", k)), DicomWriterUids.fromName(tag + "-" + k), k + 1,
                first, pixels, DicomWriter.TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 0);
        }
        return dir;
    }
}
