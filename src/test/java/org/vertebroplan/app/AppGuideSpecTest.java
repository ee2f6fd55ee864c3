package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vertebroplan.guide.PrinterPreset;
import org.vertebroplan.plan.Plan;

/** The workstation reads a plan's printer as the command line does: an unknown one is refused. */
class AppGuideSpecTest {

    static Plan withGuide(Map<String, Object> guide) {
        return new Plan("c", null, null, List.of(), List.of(), guide, Map.of());
    }

    @Test
    void anUnknownPrinterIsRefusedNotQuietlyFdm() {
        assertEquals(PrinterPreset.SLA, GuideViewModel.specOf(withGuide(Map.of("printer", "sla"))).printer());
        assertThrows(IllegalArgumentException.class, () -> GuideViewModel.specOf(withGuide(Map.of("printer", "laser"))));
        // the choice box still shows something
        assertEquals(PrinterPreset.FDM, GuideViewModel.printerOf(withGuide(Map.of("printer", "laser"))));
    }
}
