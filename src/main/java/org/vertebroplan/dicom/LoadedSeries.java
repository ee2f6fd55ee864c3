package org.vertebroplan.dicom;

import java.util.List;
import org.vertebroplan.volume.Volume;

/**
 * A series turned into a volume, with the grid it was built on, the warnings a user must see
 * (resampling, duplicates, left-out slices) and the files of the series that could not be decoded.
 */
public record LoadedSeries(Volume volume, SeriesInfo series, SeriesGeometry geometry, List<String> warnings,
                           List<SkippedFile> skipped) {

    public LoadedSeries {
        warnings = List.copyOf(warnings);
        skipped = List.copyOf(skipped);
    }
}
