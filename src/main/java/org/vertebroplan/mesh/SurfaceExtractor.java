package org.vertebroplan.mesh;

import org.vertebroplan.volume.ProgressListener;
import org.vertebroplan.volume.Volume;

/** Iso-surface extraction from a volume (to be implemented: issue 4). */
public final class SurfaceExtractor {

    private SurfaceExtractor() {
    }

    public static Mesh extract(Volume volume, double isoHu, SurfaceOptions options) {
        return extract(volume, isoHu, options, ProgressListener.NONE);
    }

    public static Mesh extract(Volume volume, double isoHu, SurfaceOptions options, ProgressListener progress) {
        throw new UnsupportedOperationException("surface extraction is not implemented yet");
    }
}
