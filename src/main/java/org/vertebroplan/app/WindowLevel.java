package org.vertebroplan.app;

/**
 * A CT display window: HU values from {@code centerHu - widthHu/2} (black) to
 * {@code centerHu + widthHu/2} (white), linear in between. Presets follow common radiology
 * practice (bone W 1800 / L 400, soft tissue W 400 / L 40).
 *
 * @param name     label shown to the user
 * @param centerHu window centre (level) in HU
 * @param widthHu  window width in HU (positive)
 */
public record WindowLevel(String name, double centerHu, double widthHu) {

    public static final WindowLevel BONE = new WindowLevel("Bone", 400, 1800);
    public static final WindowLevel SOFT_TISSUE = new WindowLevel("Soft tissue", 40, 400);

    public WindowLevel {
        if (!(widthHu > 0)) {
            throw new IllegalArgumentException("window width must be positive: " + widthHu);
        }
    }

    /** Grey level 0..255 of an HU value. */
    public int grey(double hu) {
        double g = (hu - (centerHu - widthHu / 2)) / widthHu;
        if (g <= 0) {
            return 0;
        }
        return g >= 1 ? 255 : (int) Math.round(g * 255);
    }
}
