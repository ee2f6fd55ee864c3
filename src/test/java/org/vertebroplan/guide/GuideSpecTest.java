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
}
