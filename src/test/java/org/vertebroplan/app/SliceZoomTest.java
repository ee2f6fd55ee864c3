package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Placing a zoomed slice image (no toolkit). */
class SliceZoomTest {

    @Test
    void fitCentresTheWholeImage() {
        SliceZoom.Placement p = SliceZoom.FIT.place(400, 300, 200, 100);
        assertEquals(2, p.scale(), 1e-12);
        assertEquals(0, p.offsetX(), 1e-12);
        assertEquals(50, p.offsetY(), 1e-12);
    }

    @Test
    void zoomKeepsThePointUnderTheMouseAndPanMovesTheImage() {
        double u = 30, v = 70;
        SliceZoom.Placement before = SliceZoom.FIT.place(400, 300, 200, 100);
        SliceZoom z = SliceZoom.FIT.zoomAt(3, u, v, 200, 100);
        SliceZoom.Placement after = z.place(400, 300, 200, 100);
        assertEquals(6, after.scale(), 1e-12);
        assertEquals(before.offsetX() + (u + 0.5) * before.scale(), after.offsetX() + (u + 0.5) * after.scale(), 1e-9);
        assertEquals(before.offsetY() + (v + 0.5) * before.scale(), after.offsetY() + (v + 0.5) * after.scale(), 1e-9);
        SliceZoom.Placement panned = z.panBy(10, -5, 200, 100).place(400, 300, 200, 100);
        assertEquals(after.offsetX() + 10 * 6, panned.offsetX(), 1e-9);
        assertEquals(after.offsetY() - 5 * 6, panned.offsetY(), 1e-9);
        assertEquals(SliceZoom.MAX, z.zoomAt(1000, 0, 0, 200, 100).zoom(), 1e-12, "limited");
    }

    @Test
    void scaleBarsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(20, SliceZoom.scaleBarMm(0.4, 40), 1e-9); // 16 mm at least -> 20
        assertEquals(50, SliceZoom.scaleBarMm(1.1, 40), 1e-9); // 44 -> 50
        assertEquals(100, SliceZoom.scaleBarMm(1.5, 40), 1e-9); // 60 -> 100
        assertEquals(1, SliceZoom.scaleBarMm(0.02, 40), 1e-9); // 0.8 -> 1
    }
}
