package org.vertebroplan.volume;

/**
 * The CT thresholds every part of the program shares, in HU. Defined once so that the skin surface
 * the workstation shows, the entry points snapped to the skin and the skin the guide's base seats on
 * cannot drift apart.
 */
public final class Tissue {

    /** The body's outer surface: skin (and what lies on it) against air. */
    public static final double SKIN_HU = -300;
    /** The bone surface: cortical and dense cancellous bone. */
    public static final double BONE_HU = 250;

    private Tissue() {
    }
}
