package org.vertebroplan.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vertebroplan.PhantomCases;
import org.vertebroplan.io.BadInputException;
import org.vertebroplan.phantom.PhantomPosition;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.volume.ProgressListener;

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
        }
        GuideChecks.assertSeatsOnTheSkin(g.base(), c.volume(), 0.3);
    }

    @Test
    void theErrorBudgetFollowsTheClearanceAndSleeveLength() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFP);
        GuideDesign fdm = GuideGenerator.generate(c.volume(), c.truth(), GuideSpec.defaults(PrinterPreset.FDM),
            ProgressListener.NONE);
        ErrorBudget b = fdm.errorBudgets().get("left");
        SleeveDesign d = fdm.sleeveDesigns().get("left");
        // by hand for the phantom: working length 120 - depth 93.52 - socket floor 5 mm above the
        // skin (boss 12 - socket 7) = 21.48 mm of sleeve; tilt atan(0.4 / 21.48) = 1.067 degrees;
        // tip 0.2 + tan(tilt) * (5 + 93.52) = 2.03 mm
        assertEquals(21.48, d.lengthMm(), 0.01);
        assertEquals(1.067, b.tiltDeg(), 0.001);
        assertEquals(2.03, b.tipErrorMm(), 0.01);
        assertEquals(Math.toDegrees(Math.atan(0.4 / d.lengthMm())), b.tiltDeg(), 1e-9);
        // the tip moves by the shift plus the tilt over the sleeve floor height and the depth
        double depth = d.needle().entryLps().distance(d.needle().targetLps());
        assertEquals(0.2 + Math.tan(Math.atan(0.4 / d.lengthMm())) * (d.bottomH() + depth), b.tipErrorMm(), 1e-9);
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
        // "L2": about 17 mm of 0.9 mm strokes, 0.6 mm deep: about 9 mm3 of grooves
        assertTrue(without - with > 4 && without - with < 16, "engraved volume " + (without - with));
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
        GuideChecks.assertSeatsOnTheSkin(g.base(), c.volume(), 0.3, SkinField.SKIN_HU, q -> true, 0.3, 0.9);
    }
}
