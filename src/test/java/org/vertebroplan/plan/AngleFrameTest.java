package org.vertebroplan.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vertebroplan.geom.Vec3;

/** Angles in a vertebra frame, hand-computed. */
class AngleFrameTest {

    @Test
    void thePatientFrameIsDesignMdsFrame() {
        assertEquals(0, AngleFrame.PATIENT.anterior().distance(new Vec3(0, -1, 0)), 1e-15);
        assertEquals(0, AngleFrame.PATIENT.anterior().distance(
            AngleFrame.PATIENT.left().cross(AngleFrame.PATIENT.superior())), 1e-15);
        assertEquals(0, AngleFrame.PATIENT.medial(Side.LEFT).distance(new Vec3(-1, 0, 0)), 1e-15);
        assertEquals(0, AngleFrame.PATIENT.medial(Side.RIGHT).distance(new Vec3(1, 0, 0)), 1e-15);
    }

    @Test
    void aVertebraTiltedTenDegreesCraniallyRemovesTheTiltFromTheCranialAngle() {
        // the vertebra is rotated 10 degrees about the left-right axis: its superior endplate normal
        // leans anteriorly (towards -y) by 10 degrees
        double t = Math.toRadians(10);
        AngleFrame f = AngleFrame.fromVertebra(new Vec3(0, -Math.sin(t), Math.cos(t)), Vec3.X);
        // a needle that heads 10 degrees caudally in the patient frame, straight anterior
        Vec3 entry = new Vec3(30, 100, 0);
        Vec3 target = entry.plus(new Vec3(0, -Math.cos(t), -Math.sin(t)).times(80));
        NeedleGeometry patient = NeedleGeometry.of(Side.LEFT, entry, target);
        NeedleGeometry vertebra = NeedleGeometry.of(Side.LEFT, entry, target, f);
        assertEquals(-10, patient.cranialDeg(), 1e-9);
        // the vertebra's own anterior axis is (0, -cos, -sin): the needle runs along it, 0 degrees
        assertEquals(0, vertebra.cranialDeg(), 1e-9);
        assertEquals(0, vertebra.abductionDeg(), 1e-9);
        assertEquals(80, vertebra.depthMm(), 1e-9);
    }

    @Test
    void targetFromInvertsOfInAnyFrame() {
        AngleFrame f = AngleFrame.fromVertebra(new Vec3(0.1, -0.2, 1), new Vec3(1, 0.15, 0.05));
        for (Side side : Side.values()) {
            Vec3 entry = new Vec3(side == Side.LEFT ? 35 : -35, 95, -130);
            Vec3 target = NeedleGeometry.targetFrom(side, entry, -7.5, 18, 92, f);
            NeedleGeometry g = NeedleGeometry.of(side, entry, target, f);
            assertEquals(-7.5, g.cranialDeg(), 1e-9);
            assertEquals(18, g.abductionDeg(), 1e-9);
            assertEquals(92, g.depthMm(), 1e-9);
            // positive abduction converges: the tip is nearer the midline than the entry
            assertTrue(Math.abs(target.x()) < Math.abs(entry.x()), side + " " + target);
        }
    }

    @Test
    void aPlanRecordsItsFrameAndSurvivesTheJsonRoundTrip() throws Exception {
        Plan plan = new Plan("case-1", "L2", null, java.util.List.of(), java.util.List.of(
            new Needle("left", Side.LEFT, new Vec3(30, 90, 0), new Vec3(5, 10, -5), 3.05, 120)));
        assertEquals(AngleFrame.PATIENT, AngleFrame.ofPlan(plan));
        AngleFrame f = AngleFrame.fromVertebra(new Vec3(0, -0.17, 0.98), new Vec3(1, 0.05, 0));
        Plan withFrame = f.applyTo(plan);
        Plan reread = org.vertebroplan.io.PlanJson.fromJson(org.vertebroplan.io.PlanJson.toJson(withFrame));
        AngleFrame back = AngleFrame.ofPlan(reread);
        assertEquals("vertebra", back.name());
        assertEquals(0, back.superior().distance(f.superior()), 1e-12);
        assertEquals(0, back.left().distance(f.left()), 1e-12);
    }

    @Test
    void gaugesParseTheWaysSurgeonsWriteThem() {
        assertEquals(NeedleGauge.G11, NeedleGauge.parse("11G"));
        assertEquals(NeedleGauge.G13, NeedleGauge.parse(" 13g"));
        assertEquals(NeedleGauge.G8, NeedleGauge.parse("8"));
        assertEquals(3.05, NeedleGauge.parse("11").diameterMm(), 1e-12);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> NeedleGauge.parse("12G"));
    }
}
