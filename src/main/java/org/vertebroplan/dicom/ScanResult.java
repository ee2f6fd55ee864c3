package org.vertebroplan.dicom;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The result of scanning a folder tree: the image series found and the files skipped, with reasons. */
public record ScanResult(List<SeriesInfo> series, List<SkippedFile> skipped) {

    public ScanResult {
        series = List.copyOf(series);
        skipped = List.copyOf(skipped);
    }

    /** The series to open by default: CT before other modalities, axial before others, then the most slices. */
    public Optional<SeriesInfo> defaultSeries() {
        return series.stream().max(Comparator.<SeriesInfo>comparingInt(s -> "CT".equals(s.modality()) ? 1 : 0)
            .thenComparingInt(s -> s.axial() ? 1 : 0)
            .thenComparingInt(SeriesInfo::size));
    }

    public Optional<SeriesInfo> find(String seriesInstanceUid) {
        return series.stream().filter(s -> s.seriesInstanceUid().equals(seriesInstanceUid)).findFirst();
    }
}
