package org.vertebroplan.phantom;

import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;

/**
 * How the canonical LPS grid (a along +x, b along +y, c along +z) is laid out in the DICOM files of one
 * patient position: image column i and row j of the file for canonical slice c, the ImagePositionPatient
 * of each slice, and the {@code ijkToLps} a correct reader builds (i along the row direction, j along
 * the column direction, k along row x column with slices sorted by position on that normal).
 * Instance numbers run from the most superior slice (1) down, as in a cranio-caudal scan, which for
 * head-first series is the reverse of the reader's k order.
 */
public record PhantomEncoding(PhantomGrid grid, PhantomPosition position) {

    private boolean rowsFlipX() {
        return position.rowDirection().x() < 0;
    }

    private boolean columnsFlipY() {
        return position.columnDirection().y() < 0;
    }

    private boolean slicesFlipZ() {
        return position.sliceDirection().z() < 0;
    }

    /** Canonical a of image column i. */
    public int canonicalA(int i) {
        return rowsFlipX() ? grid.nx() - 1 - i : i;
    }

    /** Canonical b of image row j. */
    public int canonicalB(int j) {
        return columnsFlipY() ? grid.ny() - 1 - j : j;
    }

    /** Canonical c of the reader's slice index k. */
    public int canonicalC(int k) {
        return slicesFlipZ() ? grid.nz() - 1 - k : k;
    }

    public int rows() {
        return grid.ny();
    }

    public int columns() {
        return grid.nx();
    }

    /** ImagePositionPatient (centre of the first pixel) of canonical slice c. */
    public Vec3 imagePositionLps(int c) {
        return grid.lps(canonicalA(0), canonicalB(0), c);
    }

    /** InstanceNumber of canonical slice c: 1 for the most superior slice. */
    public int instanceNumber(int c) {
        return grid.nz() - c;
    }

    /** The voxel-to-LPS map a correct reader derives from the files. */
    public Affine3 ijkToLps() {
        Vec3 origin = grid.lps(canonicalA(0), canonicalB(0), canonicalC(0));
        return Affine3.fromColumns(position.rowDirection().times(grid.dx()),
            position.columnDirection().times(grid.dy()), position.sliceDirection().times(grid.dz()), origin);
    }
}
