package org.vertebroplan.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.NeedleGeometry;
import org.vertebroplan.plan.Side;
import org.vertebroplan.plan.VertebraFrame;
import org.vertebroplan.volume.Volume;

/**
 * The turned spine ({@code --rotate}): the spine's tissues are where the rotation of
 * {@code VertebraFrame.fromAngles} carries them (checked with a frame built here, not the layout's), the
 * pedicle axis runs through the turned pedicle's cancellous bone, the needle angles measured in the
 * vertebra's frame are those of the square phantom, and skin, organs and markers stay where they were.
 */
class PhantomRotationTest {

    static final Vec3 C = PhantomAnatomy.CENTRE_LPS;

    static Stream<PhantomVariant> turned() {
        return Stream.of(
            PhantomVariant.of(PhantomLevel.L2).withRotation(12, 0, 0),
            PhantomVariant.of(PhantomLevel.L2).withRotation(-20, 8, -10),
            PhantomVariant.of(PhantomLevel.L2).withRotation(25, 15, 15),
            PhantomVariant.of(PhantomLevel.L2).withRotation(-30, -20, 20),
            PhantomVariant.of(PhantomLevel.T8).withRotation(12, 0, 0),
            PhantomVariant.of(PhantomLevel.T8).withRotation(-20, 8, -10),
            PhantomVariant.of(PhantomLevel.T8).withRotation(25, 15, 15),
            PhantomVariant.of(PhantomLevel.T8).withRotation(10, -12, 18).withWedge(15).withPosteriorWallDefect(true)
                .withPedicleWidth(4));
    }

    /** The frame of the variant's angles, built here. */
    static VertebraFrame frameOf(PhantomVariant v) {
        return VertebraFrame.fromAngles(C, v.axialRotationDeg(), v.coronalTiltDeg(), v.sagittalTiltDeg());
    }

    /** The same anatomy, square. */
    static PhantomVariant square(PhantomVariant v) {
        return v.withRotation(0, 0, 0);
    }

    @ParameterizedTest
    @MethodSource("turned")
    void vertebraFrameAnglesOfTheTurnedPhantomAreThePatientAnglesOfTheSquareOne(PhantomVariant v) {
        PhantomLayout turned = new PhantomLayout(v), flat = new PhantomLayout(square(v));
        VertebraFrame frame = frameOf(v);
        for (Side side : Side.values()) {
            NeedleGeometry inVertebra = NeedleGeometry.of(side, turned.needleEntryLps(side), turned.targetLps(side),
                frame.angleFrame());
            NeedleGeometry square = NeedleGeometry.of(side, flat.needleEntryLps(side), flat.targetLps(side));
            assertEquals(square.cranialDeg(), inVertebra.cranialDeg(), 1e-6, v.key() + " " + side);
            assertEquals(square.abductionDeg(), inVertebra.abductionDeg(), 1e-6, v.key() + " " + side);
            // the patient-frame angles do change (else the test would prove nothing)
            NeedleGeometry inPatient = NeedleGeometry.of(side, turned.needleEntryLps(side), turned.targetLps(side));
            assertTrue(Math.abs(inPatient.cranialDeg() - square.cranialDeg())
                + Math.abs(inPatient.abductionDeg() - square.abductionDeg()) > 1, v.key());
            // the entry is on the skin, on the turned pedicle axis behind the target
            assertEquals(0, turned.skinSdf(turned.needleEntryLps(side)), 1e-6);
            Vec3 back = turned.needleEntryLps(side).minus(turned.targetLps(side)).normalized();
            assertEquals(-1, back.dot(frame.directionToLps(flat.pedicleAxisLps(side))), 1e-12);
        }
    }

    @ParameterizedTest
    @MethodSource("turned")
    void spineTissuesAreWhereTheFrameCarriesThem(PhantomVariant v) {
        PhantomLayout layout = new PhantomLayout(v);
        PhantomModel sharp = new PhantomModel(layout, 0);
        PhantomModel smooth = new PhantomModel(layout, layout.grid().meanSpacing());
        VertebraFrame frame = frameOf(v);
        assertEquals(0, frame.left().minus(layout.frame().left()).norm(), 1e-12);
        assertEquals(0, frame.superior().minus(layout.frame().superior()).norm(), 1e-12);
        int spine = 0;
        for (PhantomLevel.Probe p : PhantomTruth.candidates(layout)) {
            if (!p.turned() || (p.name().contains("isthmus") && v.pedicleWidthMm() != 0)) {
                continue;
            }
            Vec3 lps = frame.toLps(p.local());
            assertEquals(p.tissue(), sharp.tissueAt(lps), v.key() + ": " + p.name());
            if (p.tissue() != PhantomTissue.CORTICAL_BONE) {
                assertEquals(p.tissue().hu(), smooth.hu(lps), 1e-9, v.key() + ": " + p.name());
            }
            spine++;
        }
        assertTrue(spine >= 8, "spine probes checked: " + spine);
        // the truth's probes: every kept one reads its tissue and HU on the noise-free model
        List<PhantomTruth.Probe> probes = PhantomTruth.probes(layout, layout.grid());
        for (PhantomTruth.Probe p : probes) {
            assertEquals(p.tissue(), sharp.tissueAt(p.lps()), p.name());
            assertEquals(p.tissue().hu(), smooth.hu(p.lps()), 1e-9, p.name());
        }
        Set<String> names = probes.stream().map(PhantomTruth.Probe::name).collect(Collectors.toSet());
        for (String required : List.of("canal centre", v.level().name() + " body centre (cancellous)",
            "spinous process (cancellous)", "marker M1 centre", "marker M3 centre")) {
            assertTrue(names.contains(required), v.key() + " lost probe " + required + ": " + names);
        }
    }

    @Test
    void theSampledVolumeReadsTheTruthProbesAtTheirNearestVoxels() {
        for (PhantomVariant v : List.of(PhantomVariant.of(PhantomLevel.L2).withRotation(25, 15, 15),
            PhantomVariant.of(PhantomLevel.T8).withRotation(-20, 8, -10))) {
            PhantomLayout layout = new PhantomLayout(v);
            PhantomGrid g = layout.grid();
            for (PhantomTruth.Probe p : PhantomTruth.probes(layout, g)) {
                // a 5 x 5 x 5 piece of the case's grid around the probe, sampled without noise
                Vec3 o = g.originLps();
                long a = Math.round((p.lps().x() - o.x()) / g.dx()), b = Math.round((p.lps().y() - o.y()) / g.dy()),
                    c = Math.round((p.lps().z() - o.z()) / g.dz());
                PhantomGrid piece = new PhantomGrid(5, 5, 5, g.dx(), g.dy(), g.dz(), g.lps(a - 2, b - 2, c - 2));
                Volume vol = PhantomVolume.sample(layout, piece, 1, 0);
                Vec3 q = g.lps(a, b, c).minus(C);
                double streak = PhantomVolume.markerStreaks(q.x(), q.y(), q.z(), layout.markerLps(0).y() - C.y());
                assertEquals(Math.round(p.tissue().hu() + streak), vol.get(2, 2, 2), v.key() + ": " + p.name());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("turned")
    void thePedicleAxisRunsThroughTheTurnedPediclesCancellousBone(PhantomVariant v) {
        PhantomLayout layout = new PhantomLayout(v);
        PhantomModel sharp = new PhantomModel(layout, 0);
        PhantomLevel.Pedicle ped = v.level().pedicle();
        double half = v.pedicleHalfWidth();
        for (Side side : Side.values()) {
            Vec3 isthmus = layout.isthmusLps(side), axis = layout.pedicleAxisLps(side);
            for (double s = ped.sPosterior() + 2; s <= ped.sAnterior() - 1; s += 0.25) {
                assertEquals(PhantomTissue.CANCELLOUS_BONE, sharp.tissueAt(isthmus.plusScaled(axis, s)),
                    v.key() + " " + side + " at " + s + " mm along the axis");
            }
            // the walls at the isthmus: cortex just inside, no bone just outside, on both sides
            Vec3 lateral = layout.pedicleLateralLps(side);
            for (double sign : new double[] {1, -1}) {
                Vec3 wall = isthmus.plusScaled(lateral, sign * (half - 0.4));
                assertEquals(PhantomTissue.CORTICAL_BONE, sharp.tissueAt(wall));
                assertTrue(sharp.boneSdf(isthmus.plusScaled(lateral, sign * (half + 0.3))) > 0, v.key());
            }
            // the turned axis is the square axis turned
            Vec3 expected = layout.frame().directionToLps(new PhantomLayout(square(v)).pedicleAxisLps(side));
            assertEquals(0, expected.minus(axis).norm(), 1e-12);
        }
    }

    @ParameterizedTest
    @MethodSource("turned")
    void skinOrgansAndMarkersDoNotTurn(PhantomVariant v) {
        PhantomLayout layout = new PhantomLayout(v), flat = new PhantomLayout(square(v));
        PhantomModel sharp = new PhantomModel(layout, 0), flatSharp = new PhantomModel(flat, 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(flat.markerLps(i), layout.markerLps(i));
            assertEquals(PhantomTissue.MARKER, sharp.tissueAt(layout.markerLps(i)));
        }
        for (PhantomLevel.Landmark l : v.level().landmarks()) {
            Vec3 p = PhantomLayout.patientLps(l.local());
            assertEquals(flatSharp.tissueAt(p), sharp.tissueAt(p), l.name());
        }
        // the skin surface is the same
        for (double x = -100; x <= 100; x += 25) {
            Vec3 p = C.plus(new Vec3(x, 40, 5));
            assertEquals(flat.skinSdf(p), layout.skinSdf(p), 0);
        }
        // and the spine did move
        Vec3 lateralBody = C.plus(new Vec3(v.level().body().halfWidth() - 0.6, 0, 0));
        Vec3 turnedPoint = layout.frame().toLps(new Vec3(v.level().body().halfWidth() - 0.6, 0, 0));
        assertNotEquals(lateralBody, turnedPoint);
    }

    @ParameterizedTest
    @MethodSource("turned")
    void theGridHoldsTheNeedleEntriesAndMarkers(PhantomVariant v) {
        PhantomLayout layout = new PhantomLayout(v);
        PhantomGrid g = layout.grid();
        PhantomGrid base = v.level().grid();
        assertEquals(base.nx(), g.nx());
        assertEquals(base.ny(), g.ny());
        assertTrue(g.nz() >= base.nz());
        for (Side side : Side.values()) {
            Vec3 e = layout.needleEntryLps(side);
            assertTrue(e.z() > g.originLps().z() + 9.5 && e.z() < g.maxLps().z() - 9.5, v.key() + " entry " + e);
        }
        assertEquals(C.z(), (g.originLps().z() + g.maxLps().z()) / 2, 1e-9, "still centred on the body");
    }
}
