package org.vertebroplan.phantom;

import java.util.Objects;
import org.vertebroplan.dicom.DicomWriter.TransferSyntax;

/**
 * How to generate a phantom case: the seed of its noise and UIDs, the DICOM patient position it is
 * encoded with, the transfer syntax, the noise level, the deflate level (0-9, deflated syntax only), the
 * sampling grid and the anatomy (level, turn of the spine, variants). {@link #withAnatomy} also sets the
 * grid the anatomy needs.
 */
public record PhantomOptions(long seed, PhantomPosition position, TransferSyntax syntax, double noiseSigmaHu,
                             int deflateLevel, PhantomGrid grid, PhantomVariant anatomy) {

    public static final double DEFAULT_NOISE_SIGMA_HU = 12;
    /**
     * Deflate level 1: on the phantom it is about ten times faster than level 9 for files only 3% larger
     * (the noise does not compress at any level).
     */
    public static final int DEFAULT_DEFLATE_LEVEL = 1;

    public PhantomOptions {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(syntax, "syntax");
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(anatomy, "anatomy");
        if (!(noiseSigmaHu >= 0 && noiseSigmaHu <= 200)) {
            throw new IllegalArgumentException("noise sigma must be within 0..200 HU");
        }
        if (deflateLevel < 0 || deflateLevel > 9) {
            throw new IllegalArgumentException("deflate level must be 0..9");
        }
    }

    /**
     * Seed and position with the defaults: Explicit VR Little Endian, 12 HU noise, deflate level 1, the default
     * grid, the default anatomy (square L2).
     */
    public static PhantomOptions of(long seed, PhantomPosition position) {
        return new PhantomOptions(seed, position, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
            DEFAULT_NOISE_SIGMA_HU, DEFAULT_DEFLATE_LEVEL, PhantomGrid.DEFAULT, PhantomVariant.DEFAULT);
    }

    public PhantomOptions withSyntax(TransferSyntax s) {
        return new PhantomOptions(seed, position, s, noiseSigmaHu, deflateLevel, grid, anatomy);
    }

    public PhantomOptions withNoise(double sigmaHu) {
        return new PhantomOptions(seed, position, syntax, sigmaHu, deflateLevel, grid, anatomy);
    }

    /** Another anatomy, with the grid it needs ({@link PhantomLayout#grid()}). */
    public PhantomOptions withAnatomy(PhantomVariant a) {
        return new PhantomOptions(seed, position, syntax, noiseSigmaHu, deflateLevel, new PhantomLayout(a).grid(), a);
    }
}
