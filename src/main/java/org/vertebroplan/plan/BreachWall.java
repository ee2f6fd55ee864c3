package org.vertebroplan.plan;

import java.util.Locale;

/**
 * The wall of the vertebra a needle breaks out through, named in the vertebra's own frame: the
 * pedicle's medial wall (towards the canal) or lateral wall, the body's anterior cortex, its
 * superior or inferior endplate (into the disc), or its posterior wall (towards the canal).
 */
public enum BreachWall {
    MEDIAL, LATERAL, ANTERIOR, SUPERIOR, INFERIOR, POSTERIOR;

    /** The lower-case name used in JSON and messages. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the breach means, in words for the surgeon. */
    String meaning() {
        return switch (this) {
            case MEDIAL -> "leaves the pedicle through its medial wall, towards the spinal canal";
            case LATERAL -> "leaves the bone through its lateral wall";
            case ANTERIOR -> "leaves the front of the vertebral body";
            case SUPERIOR -> "leaves the body through the superior endplate, into the disc";
            case INFERIOR -> "leaves the body through the inferior endplate, into the disc";
            case POSTERIOR -> "leaves the body through its posterior wall, towards the spinal canal";
        };
    }
}
