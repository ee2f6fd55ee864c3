package org.vertebroplan.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vertebroplan.dicom.DicomWriter.TransferSyntax;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.volume.Volume;

/**
 * Writes the phantom in every patient position, reads the files back with a minimal independent
 * reader, and checks that every voxel lands on the same LPS point with the same HU as the canonical
 * volume; plus determinism and the plan file.
 */
class PhantomCaseTest {

    static final long SEED = 7;
    static Volume canonical;

    /** ImageOrientationPatient per position, as scanners write them for axial slices (PS3.3 C.7.6.2.1.1). */
    static final Map<PhantomPosition, double[]> IOP = Map.of(
        PhantomPosition.HFP, new double[] {-1, 0, 0, 0, -1, 0},
        PhantomPosition.HFS, new double[] {1, 0, 0, 0, 1, 0},
        PhantomPosition.FFS, new double[] {-1, 0, 0, 0, 1, 0},
        PhantomPosition.FFP, new double[] {1, 0, 0, 0, -1, 0});

    @BeforeAll
    static void sample() {
        canonical = PhantomVolume.sample(PhantomGrid.DEFAULT, SEED, PhantomOptions.DEFAULT_NOISE_SIGMA_HU);
    }

    record Slice(double[] ipp, MiniDicomReader file) {
    }

    @ParameterizedTest
    @EnumSource(PhantomPosition.class)
    void everyPositionPutsEveryVoxelAtTheSameLpsPoint(PhantomPosition position, @TempDir Path dir) throws Exception {
        TransferSyntax ts = position.ordinal() % 2 == 0 ? TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN
            : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
        PhantomCase.Result r = PhantomCase.write(dir, PhantomOptions.of(SEED, position).withSyntax(ts));
        List<Slice> slices = new ArrayList<>();
        try (Stream<Path> files = Files.list(r.dicomDir())) {
            for (Path f : files.toList()) {
                MiniDicomReader d = MiniDicomReader.read(f);
                assertEquals(ts.uid(), d.text(d.meta, 0x00020010));
                assertEquals("1.2.840.10008.5.1.4.1.1.2", d.text(0x00080016));
                assertEquals(d.text(d.meta, 0x00020003), d.text(0x00080018));
                assertEquals(position.name(), d.text(0x00185100));
                assertEquals("CT", d.text(0x00080060));
                assertEquals("PHANTOM^SYNTHETIC", d.text(0x00100010));
                assertArrayEquals(IOP.get(position), d.decimals(0x00200037), 0);
                assertEquals(16, d.us(0x00280100));
                assertEquals(1, d.us(0x00280103));
                slices.add(new Slice(d.decimals(0x00200032), d));
            }
        }
        assertEquals(PhantomGrid.DEFAULT.nz(), slices.size());
        double[] iop = IOP.get(position);
        Vec3 row = new Vec3(iop[0], iop[1], iop[2]);
        Vec3 col = new Vec3(iop[3], iop[4], iop[5]);
        Vec3 normal = row.cross(col);
        slices.sort(Comparator.comparingDouble(s -> Vec3.of(s.ipp()).dot(normal)));
        MiniDicomReader first = slices.get(0).file();
        int rows = first.us(0x00280010), cols = first.us(0x00280011);
        double[] ps = first.decimals(0x00280030); // row spacing, column spacing
        double slope = first.decimals(0x00281053)[0], intercept = first.decimals(0x00281052)[0];
        PhantomGrid g = PhantomGrid.DEFAULT;
        long checked = 0;
        for (int k = 0; k < slices.size(); k++) {
            Vec3 ipp = Vec3.of(slices.get(k).ipp());
            short[] px = slices.get(k).file().pixels();
            assertEquals(rows * cols, px.length);
            for (int j = 0; j < rows; j++) {
                for (int i = 0; i < cols; i++) {
                    Vec3 lps = ipp.plusScaled(row, i * ps[1]).plusScaled(col, j * ps[0]);
                    double a = (lps.x() - g.originLps().x()) / g.dx();
                    double b = (lps.y() - g.originLps().y()) / g.dy();
                    double c = (lps.z() - g.originLps().z()) / g.dz();
                    int ia = (int) Math.round(a), ib = (int) Math.round(b), ic = (int) Math.round(c);
                    if (Math.abs(a - ia) > 1e-6 || Math.abs(b - ib) > 1e-6 || Math.abs(c - ic) > 1e-6) {
                        throw new AssertionError("voxel " + i + "," + j + "," + k + " is off the grid at " + lps);
                    }
                    double hu = px[i + cols * j] * slope + intercept;
                    if (hu != canonical.get(ia, ib, ic)) {
                        throw new AssertionError(position + ": voxel " + i + "," + j + "," + k + " at " + lps
                            + " reads " + hu + ", the phantom has " + canonical.get(ia, ib, ic));
                    }
                    checked++;
                }
            }
        }
        assertEquals(canonical.voxelCount(), checked);
        // the first reader voxel is where PhantomEncoding (and truth.json) say it is
        assertEquals(new PhantomEncoding(g, position).ijkToLps().translation(), Vec3.of(slices.get(0).ipp()));
        // instance 1 is the most superior slice
        MiniDicomReader top = position.sliceDirection().z() > 0 ? slices.get(slices.size() - 1).file() : first;
        assertEquals("1", top.text(0x00200013));
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherNoise(@TempDir Path dir) throws Exception {
        PhantomOptions o = PhantomOptions.of(SEED, PhantomPosition.HFP)
            .withSyntax(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
        PhantomCase.write(dir.resolve("a"), o);
        PhantomCase.write(dir.resolve("b"), o);
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir.resolve("a"))) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertEquals(PhantomGrid.DEFAULT.nz() + 2, files.size());
        for (Path f : files) {
            Path other = dir.resolve("b").resolve(dir.resolve("a").relativize(f));
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(other), f.toString());
        }
        Volume v2 = PhantomVolume.sample(PhantomGrid.DEFAULT, SEED + 1, PhantomOptions.DEFAULT_NOISE_SIGMA_HU);
        assertFalse(java.util.Arrays.equals(canonical.voxels(), v2.voxels()), "another seed, other noise");
        // but the same anatomy: air stays exactly -1000 in both
        assertEquals(-1000, v2.get(0, g0().ny() - 1, 0));
        assertEquals(-1000, canonical.get(0, g0().ny() - 1, 0));
    }

    @Test
    void noiseHasTheRequestedSpreadInsideTheBody() {
        // the cancellous centre of the L2 body: 9 x 9 x 5 voxels of one tissue
        Vec3 ijk = canonical.lpsToIjk().apply(PhantomAnatomy.CENTRE_LPS);
        double s = 0, s2 = 0;
        int n = 0;
        for (int k = -2; k <= 2; k++) {
            for (int j = -4; j <= 4; j++) {
                for (int i = -4; i <= 4; i++) {
                    double v = canonical.get((int) ijk.x() + i, (int) ijk.y() + j, (int) ijk.z() + k);
                    s += v;
                    s2 += v * v;
                    n++;
                }
            }
        }
        double mean = s / n, sd = Math.sqrt(s2 / n - mean * mean);
        assertEquals(PhantomTissue.CANCELLOUS_BONE.hu(), mean, 3);
        assertEquals(PhantomOptions.DEFAULT_NOISE_SIGMA_HU, sd, 2.5);
    }

    @Test
    void planFileHoldsTheTrueMarkersAndNeedles(@TempDir Path dir) throws Exception {
        PhantomCase.Result r = PhantomCase.write(dir, PhantomOptions.of(SEED, PhantomPosition.HFS));
        Plan p = PlanJson.load(r.planFile());
        assertEquals(r.plan(), p);
        assertEquals(r.seriesInstanceUid(), p.seriesInstanceUid());
        assertEquals(List.of("M1", "M2", "M3"), p.fiducials().stream().map(f -> f.id()).toList());
        assertTrue(p.fiducials().get(0).lps().z() > p.fiducials().get(1).lps().z());
        assertTrue(p.fiducials().get(1).lps().z() > p.fiducials().get(2).lps().z());
        assertEquals(3.05, p.needle("left").diameterMm());
        assertTrue(p.needle("left").entryLps().x() > PhantomAnatomy.CENTRE_LPS.x(), "left needle on patient left (+x)");
        assertTrue(p.needle("right").entryLps().x() < PhantomAnatomy.CENTRE_LPS.x());
        String truth = Files.readString(r.truthFile());
        assertTrue(truth.contains("\"vertebroplan-phantom-truth\"") && truth.contains("boneEntryLps"));
        String plan = Files.readString(r.planFile());
        assertFalse(plan.contains("PHANTOM^SYNTHETIC") || plan.contains("PHANTOM-7"), "no patient identity in the plan");
    }

    static PhantomGrid g0() {
        return PhantomGrid.DEFAULT;
    }
}
