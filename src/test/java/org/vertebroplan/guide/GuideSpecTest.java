package org.vertebroplan.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A plan's guide object to design parameters: its printer, its overrides, and refusals. */
class GuideSpecTest {

    @Test
    void thePlansPrinterSetsTheClearanceAndAnUnknownOneIsRefused() {
        assertEquals(PrinterPreset.FDM, GuideSpec.fromPlan(Map.of()).printer());
        assertEquals(0.25, GuideSpec.fromPlan(Map.of("printer", "sla")).boreClearanceMm(), 1e-12);
        assertEquals(2.0, GuideSpec.fromPlan(Map.of("printer", "SLA", "thicknessMm", 2.0)).thicknessMm(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> GuideSpec.fromPlan(Map.of("printer", "laser")));
        // a wall thinner than the printer can make is refused, not clamped
        assertThrows(IllegalArgumentException.class, () -> GuideSpec.fromPlan(Map.of("thicknessMm", 1.0)));
    }

    @org.junit.jupiter.api.Test
    void sleeveFileNamesNeverCollide() {
        var names = GuidePackage.sleeveFileNames(java.util.List.of("a/b", "a_b", "A_B", "L1-left", "x\u0000y"));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("sleeve-a_b.stl", "sleeve-a_b-2.stl",
            "sleeve-A_B-3.stl", "sleeve-L1-left.stl", "sleeve-x_y.stl"), java.util.List.copyOf(names.values()));
    }

    @org.junit.jupiter.api.Test
    void materialsKnowTheirProcessAndSterilization() {
        for (PrinterPreset p : PrinterPreset.values()) {
            org.junit.jupiter.api.Assertions.assertEquals(p, p.defaultMaterial().process());
        }
        org.junit.jupiter.api.Assertions.assertFalse(Material.PLA.steamSterilizable());
        org.junit.jupiter.api.Assertions.assertTrue(Material.PA12.steamSterilizable());
        org.junit.jupiter.api.Assertions.assertEquals(Material.SURGICAL_GUIDE_RESIN, Material.parse("surgical-guide-resin"));
    }
}
