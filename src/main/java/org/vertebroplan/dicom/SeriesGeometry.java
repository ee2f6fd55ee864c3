package org.vertebroplan.dicom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;

/**
 * The voxel grid of a series, decided from its slice headers alone: slices sorted by
 * ImagePositionPatient projected on the slice normal (ascending), spacing from those positions (not
 * from SliceThickness), and the checks that decide whether the slices can be stacked as they are.
 *
 * <p>Checks: size, pixel spacing and orientation must agree on every slice (else refused). Slices at
 * the same position are reported and one is kept (the loader verifies that their pixels agree).
 * Uneven spacing (a gap off the median by more than max(0.01 mm, 1 %), or a slice off its regular
 * grid plane by more than 5 % of a step) or a missing slice is resampled, with a warning, onto a
 * regular grid at about the median spacing, adjusted so that the first and last slices lie on grid
 * planes. A gap larger than 3 median spacings (or 5 slice thicknesses) is refused as missing data.
 * Slices shifted within their plane (gantry tilt shears the stack) are resampled with each slice
 * moved by its shift, so that k runs along the slice normal (docs/architecture.md), with a warning.
 *
 * <p>Result: i along the row direction, j along the column direction, k along row x column, so
 * {@code ijkToLps} is right-handed and, without resampling, voxel (i, j, k) is exactly pixel (column i,
 * row j) of the k-th sorted slice.
 */
public record SeriesGeometry(List<SliceHeader> sources, double[] sourceOffsetsMm, List<SliceHeader> duplicates,
                             List<SliceHeader> duplicateOf, Vec3 rowDirection, Vec3 columnDirection, Vec3 normal,
                             double si, double sj, double sk, int nx, int ny, int nz, Vec3 originLps,
                             boolean resampled, double[] shiftI, double[] shiftJ, List<String> warnings) {

    private static final double SAME_POSITION_MM = 0.01;

    public Affine3 ijkToLps() {
        return Affine3.fromColumns(rowDirection.times(si), columnDirection.times(sj), normal.times(sk), originLps);
    }

    public static SeriesGeometry of(List<SliceHeader> slices) throws BadInputException {
        if (slices.isEmpty()) {
            throw new BadInputException("the series has no image slices");
        }
        SliceHeader ref = slices.get(0);
        requireAlike(ref, slices);
        List<String> warnings = new ArrayList<>();
        Vec3 row = ref.rowDirection(), col = ref.columnDirection(), n = ref.normal();
        Stack stack = Stack.of(slices, n);
        if (!stack.dups.isEmpty()) {
            warnings.add(String.format(Locale.ROOT, "%d duplicate slice position(s) (first at %s): one slice kept per"
                + " position", stack.dups.size(), fmt(stack.dups.get(0).positionLps())));
        }
        List<SliceHeader> kept = stack.kept;
        int count = kept.size();
        Vec3 p0 = kept.get(0).positionLps();
        double si = ref.rowSpacingMm(), sj = ref.columnSpacingMm();
        Offsets off = Offsets.of(kept, row, col, n, si, sj);
        double[] d = off.normalMm;
        Spacing spacing = Spacing.of(ref, kept, d, warnings);
        if (off.shifted) {
            warnings.add(shiftWarning(ref, kept, n, d));
        }
        boolean resample = spacing.uneven || off.shifted;
        Grid grid = resample ? Grid.resampled(ref, p0, row, col, off, spacing.sk)
            : new Grid(ref.columns(), ref.rows(), count, p0, off.i, off.j, spacing.sk);
        if (resample && spacing.unevenRange != null) {
            warnings.add(warnings.size() - (off.shifted ? 1 : 0), String.format(Locale.ROOT, "uneven slice spacing"
                + " (%.2f to %.2f mm, missing or overlapping slices): resampled to a regular %.3f mm grid",
                spacing.unevenRange[0], spacing.unevenRange[1], grid.sk));
        }
        int nx = grid.nx, ny = grid.ny, nz = grid.nz;
        if ((long) nx * ny * nz > Integer.MAX_VALUE - 16) {
            throw new BadInputException("the volume would have more than 2^31 voxels");
        }
        return new SeriesGeometry(List.copyOf(kept), d, List.copyOf(stack.dups), List.copyOf(stack.dupOf), row, col,
            n, si, sj, grid.sk, nx, ny, nz, grid.origin, resample, grid.shiftI, grid.shiftJ, List.copyOf(warnings));
    }

    private static String shiftWarning(SliceHeader ref, List<SliceHeader> kept, Vec3 n, double[] d) {
        int last = kept.size() - 1;
        Vec3 inPlane = kept.get(last).positionLps().minus(kept.get(0).positionLps()).minus(n.times(d[last]));
        double tiltDeg = Math.toDegrees(Math.atan2(inPlane.norm(), Math.max(d[last], 1e-9)));
        return String.format(Locale.ROOT, "slices are shifted within their plane (gantry tilt about %.1f"
            + " degrees; header GantryDetectorTilt %.1f): resampled so that slices stack along their normal",
            tiltDeg, ref.gantryTiltDeg());
    }

    /** The voxel grid: its size, first voxel, each slice's in-plane shift on it (pixels) and slice step. */
    private record Grid(int nx, int ny, int nz, Vec3 origin, double[] shiftI, double[] shiftJ, double sk) {

        /**
         * The regular grid uneven or shifted slices are resampled onto: wide enough for every slice's
         * shift, with a whole number of steps from the first slice to the last so that both lie on grid planes.
         */
        static Grid resampled(SliceHeader ref, Vec3 p0, Vec3 row, Vec3 col, Offsets off, double sk)
            throws BadInputException {
            double minI = Math.floor(Arrays.stream(off.i).min().orElse(0) + 1e-6);
            double maxI = Math.ceil(Arrays.stream(off.i).max().orElse(0) - 1e-6);
            double minJ = Math.floor(Arrays.stream(off.j).min().orElse(0) + 1e-6);
            double maxJ = Math.ceil(Arrays.stream(off.j).max().orElse(0) - 1e-6);
            // in double: a hostile position must not overflow the width into a small or negative number
            double wide = ref.columns() + (maxI - minI), high = ref.rows() + (maxJ - minJ);
            if (!(wide * high <= 4.0 * ref.columns() * ref.rows())) {
                throw new BadInputException("slices are shifted by more than the image size; cannot be stacked");
            }
            Vec3 origin = p0.plus(row.times(minI * ref.rowSpacingMm())).plus(col.times(minJ * ref.columnSpacingMm()));
            double[] d = off.normalMm;
            int count = d.length, nz = count;
            double step = sk;
            if (count > 1) {
                double span = (d[count - 1] - d[0]) / sk;
                if (!(span < Integer.MAX_VALUE - 16)) {
                    throw new BadInputException("the volume would have more than 2^31 voxels");
                }
                int steps = Math.max(1, (int) Math.round(span));
                step = (d[count - 1] - d[0]) / steps;
                nz = steps + 1;
            }
            return new Grid((int) wide, (int) high, nz, origin, minus(off.i, minI), minus(off.j, minJ), step);
        }
    }

    /** Size, pixel spacing and orientation must agree on every slice. */
    private static void requireAlike(SliceHeader ref, List<SliceHeader> slices) throws BadInputException {
        for (SliceHeader h : slices) {
            if (h.rows() != ref.rows() || h.columns() != ref.columns()) {
                throw new BadInputException("inconsistent image size in the series: " + ref.columns() + "x"
                    + ref.rows() + " and " + h.columns() + "x" + h.rows() + " (" + h.label() + ")");
            }
            if (Math.abs(h.rowSpacingMm() - ref.rowSpacingMm()) > 1e-3
                || Math.abs(h.columnSpacingMm() - ref.columnSpacingMm()) > 1e-3) {
                throw new BadInputException("inconsistent pixel spacing in the series (" + h.label() + ")");
            }
            if (h.rowDirection().distance(ref.rowDirection()) > 1e-3
                || h.columnDirection().distance(ref.columnDirection()) > 1e-3) {
                throw new BadInputException("inconsistent ImageOrientationPatient in the series ("
                    + h.label() + "): slices are not parallel");
            }
        }
    }

    /** The slices sorted along the normal, one kept per position; the others and the slice each duplicates. */
    private record Stack(List<SliceHeader> kept, List<SliceHeader> dups, List<SliceHeader> dupOf) {

        static Stack of(List<SliceHeader> slices, Vec3 n) throws BadInputException {
            List<SliceHeader> sorted = new ArrayList<>(slices);
            sorted.sort(Comparator.<SliceHeader>comparingDouble(h -> h.positionLps().dot(n))
                .thenComparingInt(SliceHeader::instanceNumber).thenComparing(h -> h.file().toString()));
            List<SliceHeader> kept = new ArrayList<>(), dups = new ArrayList<>(), dupOf = new ArrayList<>();
            for (SliceHeader h : sorted) {
                SliceHeader last = kept.isEmpty() ? null : kept.get(kept.size() - 1);
                if (last != null && Math.abs(h.positionLps().dot(n) - last.positionLps().dot(n)) < SAME_POSITION_MM) {
                    if (h.positionLps().distance(last.positionLps()) >= SAME_POSITION_MM) {
                        throw new BadInputException("two slices lie in the same plane at different in-plane positions ("
                            + last.label() + ", " + h.label() + ")");
                    }
                    dups.add(h);
                    dupOf.add(last);
                } else {
                    kept.add(h);
                }
            }
            return new Stack(kept, dups, dupOf);
        }
    }

    /**
     * Where each slice lies from the first: along the normal (mm) and within the plane (pixels along the row
     * and column); shifted when any slice is off the first one's in-plane position.
     */
    private record Offsets(double[] normalMm, double[] i, double[] j, boolean shifted) {

        static Offsets of(List<SliceHeader> kept, Vec3 row, Vec3 col, Vec3 n, double si, double sj) {
            int count = kept.size();
            Vec3 p0 = kept.get(0).positionLps();
            double[] d = new double[count], offI = new double[count], offJ = new double[count];
            boolean shifted = false;
            for (int s = 0; s < count; s++) {
                Vec3 delta = kept.get(s).positionLps().minus(p0);
                d[s] = delta.dot(n);
                offI[s] = delta.dot(row) / si;
                offJ[s] = delta.dot(col) / sj;
                shifted |= Math.abs(offI[s]) > 0.01 || Math.abs(offJ[s]) > 0.01;
            }
            return new Offsets(d, offI, offJ, shifted);
        }
    }

    /**
     * The slice spacing: the regular step, or the median gap when the slices are unevenly spaced (then with
     * the range of the gaps); a gap too large for missing data to be ruled out is refused.
     */
    private record Spacing(double sk, boolean uneven, double[] unevenRange) {

        static Spacing of(SliceHeader ref, List<SliceHeader> kept, double[] d, List<String> warnings)
            throws BadInputException {
            int count = kept.size();
            if (count == 1) {
                double sk = ref.sliceThicknessMm() > 0 ? ref.sliceThicknessMm() : 1.0;
                warnings.add("single slice: slice spacing taken from SliceThickness (" + fmt(sk) + " mm)");
                return new Spacing(sk, false, null);
            }
            double[] gaps = new double[count - 1];
            for (int s = 1; s < count; s++) {
                gaps[s - 1] = d[s] - d[s - 1];
            }
            double[] sortedGaps = gaps.clone();
            Arrays.sort(sortedGaps);
            double median = sortedGaps[sortedGaps.length / 2];
            double tol = Math.max(0.01, 0.01 * median);
            boolean uneven = false;
            int worst = 0;
            for (int g = 0; g < gaps.length; g++) {
                uneven |= Math.abs(gaps[g] - median) > tol;
                if (gaps[g] > gaps[worst]) {
                    worst = g;
                }
            }
            // small gap differences must not add up: every slice within 5 % of a step of its grid plane
            double regular = (d[count - 1] - d[0]) / (count - 1);
            for (int s = 0; s < count; s++) {
                uneven |= Math.abs(d[s] - d[0] - s * regular) > Math.max(0.01, 0.05 * regular);
            }
            double thick = ref.sliceThicknessMm();
            if (gaps[worst] > 3 * median + tol || thick > 0 && gaps[worst] > 5 * thick) {
                throw new BadInputException(String.format(Locale.ROOT, "missing slices: a gap of %.2f mm between %s"
                    + " and %s where the series' typical spacing is %.2f mm; the volume cannot be trusted",
                    gaps[worst], kept.get(worst).label(), kept.get(worst + 1).label(), median));
            }
            return uneven ? new Spacing(median, true, new double[] {sortedGaps[0], sortedGaps[gaps.length - 1]})
                : new Spacing(regular, false, null);
        }
    }

    private static double[] minus(double[] values, double by) {
        double[] out = new double[values.length];
        for (int s = 0; s < values.length; s++) {
            out[s] = values[s] - by;
        }
        return out;
    }

    private static String fmt(Vec3 v) {
        return String.format(Locale.ROOT, "(%.2f, %.2f, %.2f)", v.x(), v.y(), v.z());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
