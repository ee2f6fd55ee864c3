package org.vertebroplan.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vertebroplan.PhantomCases;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.phantom.PhantomPosition;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.volume.Tissue;

/** The guide on the phantom in all four patient positions, measured as issue 6 asks. */
class GuideGeneratorTest {

    @ParameterizedTest
    @EnumSource(PhantomPosition.class)
    void everyPartIsPrintableAndFitsThePlan(PhantomPosition position) throws Exception {
        PhantomCases.Case c = PhantomCases.get(position);
        GuideDesign g = GuideGenerator.generate(c.volume(), c.truth(), GuideSpec.defaults(PrinterPreset.FDM),
            ProgressListener.NONE);
        GuideChecks.assertPrintable("base", g.baseReport());
        assertEquals(2, g.sleeves().size());
        for (Needle n : c.truth().needles()) {
            SleeveDesign d = g.sleeveDesigns().get(n.id());
            GuideChecks.assertPrintable("sleeve " + n.id(), g.sleeveReports().get(n.id()));
            GuideChecks.assertBoreClearsTheNeedle(g.sleeves().get(n.id()), d);
            GuideChecks.assertSleeveTopAtWorkingLength(g.sleeves().get(n.id()), d);
            GuideChecks.assertNeedlePassesTheBase(g.base(), n);
            assertEquals((n.diameterMm() + 0.4) / 2, d.boreRadiusMm(), 1e-12);
            assertEquals(c.truth().level() + "-" + (n.side() == org.vertebroplan.plan.Side.LEFT ? "L" : "R"), d.label());
        }
        GuideChecks.assertSeatsOnTheSkin(g.base(), c.volume(), 0.3);
    }

    @Test
    void theErrorBudgetCountsEveryPlay() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFP);
        GuideDesign fdm = GuideGenerator.generate(c.volume(), c.truth(), GuideSpec.defaults(PrinterPreset.FDM),
            ProgressListener.NONE);
        ErrorBudget b = fdm.errorBudgets().get("left");
        SleeveDesign d = fdm.sleeveDesigns().get("left");
        // by hand for the phantom: the left needle leans 19.24 degrees from the print axis (the mean of both), so
        // the seat cone's half-angle is 45 - 19.24 - 10 = 15.76 degrees; the cone from the collar (radius 6.125)
        // to the tube (3.725) is 2.4 / tan(15.76) = 8.49 mm long and reaches 0.8 mm above the skin (0.3 gap +
        // 0.5), so the sleeve runs from 0.80 to the hub stop at 120 - 93.52 = 26.48 mm: 25.68 mm
        assertEquals(15.76, d.seatHalfAngleDeg(), 0.01);
        assertEquals(0.80, d.bottomH(), 0.01);
        assertEquals(9.30, d.floorH(), 0.01);
        assertEquals(25.68, d.lengthMm(), 0.01);
        // bore: atan((0.4 + 2 x 0.15) / 25.68) = 1.561 degrees; socket: the collar's 0.15 mm radial play +
        // 0.15 tolerance over 18 - 1.5 (the mouth's lead-in) - (0.80 + 9.30) / 2 = 11.45 mm about the seat = 1.501
        assertEquals(1.561, b.boreTiltDeg(), 0.001);
        assertEquals(1.501, b.socketTiltDeg(), 0.001);
        assertTrue(b.socketTiltDeg() < b.boreTiltDeg());
        // tip: shifts 0.35 + 0.15 + 0.3, tilts over 0.80 + 93.52 and 5.05 + 93.52 mm
        double tip = 0.8 + Math.tan(Math.toRadians(1.5614)) * (0.80 + 93.52) + Math.tan(Math.toRadians(1.5008))
            * (5.051 + 93.52);
        assertEquals(tip, b.tipErrorMm(), 0.01);
        // seat depth: 2 x 0.15 / sin(15.76 degrees) = 1.10 mm along the needle
        assertEquals(1.104, b.depthErrorMm(), 0.002);
        GuideDesign sla = GuideGenerator.generate(c.volume(), c.truth(), GuideSpec.defaults(PrinterPreset.SLA),
            ProgressListener.NONE);
        assertTrue(sla.errorBudgets().get("left").tipErrorMm() < b.tipErrorMm(), "a finer printer is more precise");
    }

    @Test
    void aNeedleTooShortForASleeveIsRefusedWithALongerOneSuggested() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFP);
        Needle left = c.truth().needle("left");
        Needle shorter = new Needle("left", left.side(), left.entryLps(), left.targetLps(), left.diameterMm(), 100);
        Plan plan = c.truth().withNeedle(shorter);
        BadInputException e = assertThrows(BadInputException.class, () -> GuideGenerator.generate(c.volume(), plan,
            GuideSpec.defaults(PrinterPreset.FDM), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("use a needle of at least"), e.getMessage());
    }

    @Test
    void aPlanWithoutThreeMarkersIsRefused() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFP);
        Plan noMarkers = new Plan(c.truth().caseId(), c.truth().level(), null, List.of(), c.truth().needles());
        BadInputException e = assertThrows(BadInputException.class, () -> GuideGenerator.generate(c.volume(),
            noMarkers, GuideSpec.defaults(PrinterPreset.FDM), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("three skin markers"), e.getMessage());
    }

    @Test
    void theLevelIsEngravedIntoTheBase() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFP);
        Plan noLevel = new Plan(c.truth().caseId(), null, c.truth().seriesInstanceUid(), c.truth().fiducials(),
            c.truth().needles().stream().map(n -> n.withLevel(null)).toList()); // needles of no level either
        GuideSpec spec = GuideSpec.defaults(PrinterPreset.FDM);
        double with = GuideGenerator.generate(c.volume(), c.truth(), spec, ProgressListener.NONE).baseReport()
            .volumeMm3();
        double without = GuideGenerator.generate(c.volume(), noLevel, spec, ProgressListener.NONE).baseReport()
            .volumeMm3();
        // "L2" between the M2 and M3 windows: 28 font units of stroke at 0.667 mm (4 mm letters), 0.8 mm wide and
        // 0.6 mm deep: about 9 mm3 of grooves; and the sleeve labels beside the bosses grow from "L" and "R" to
        // "L2-L" and "L2-R": 20 units more each, about 6.4 mm3 each; 22 mm3 in all, plus the strokes' round ends
        assertTrue(without - with > 18 && without - with < 40, "engraved volume " + (without - with));
    }

    @Test
    void aBaseReachingBeyondTheScannedRangeIsCutThereWithAWarning() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFP);
        // a 14 mm margin takes the footprint past the CT's first and last slices (z = -107.5, -176.5)
        GuideSpec wide = GuideSpec.fromPlan(java.util.Map.of("marginMm", 14.0), PrinterPreset.FDM);
        GuideDesign g = GuideGenerator.generate(c.volume(), c.truth(), wide, ProgressListener.NONE);
        assertTrue(g.warnings().stream().anyMatch(w -> w.contains("beyond the scanned range")), g.warnings().toString());
        GuideChecks.assertPrintable("base", g.baseReport());
        double lowest = Double.MAX_VALUE, highest = -Double.MAX_VALUE;
        float[] p = g.base().xyz();
        for (int v = 2; v < p.length; v += 3) {
            lowest = Math.min(lowest, p[v]);
            highest = Math.max(highest, p[v]);
        }
        // cut 1 mm inside the scanned range (to within the 0.3 mm design grid)
        assertTrue(lowest >= -176.5 + 1.0 - 0.35, "base reaches z = " + lowest + " below the scanned range");
        assertTrue(highest <= -107.5 - 1.0 + 0.35, "base reaches z = " + highest + " above the scanned range");
        // nothing in tissue or closer than the gap at the cut; the wide rim reaches the body's steep flank,
        // whose side wall faces the skin there, so only 90 % of the skin side is held to gap + 0.3 mm
        GuideChecks.assertSeatsOnTheSkin(g.base(), c.volume(), 0.3, Tissue.SKIN_HU, q -> true, 0.3, 0.9);
    }
}
