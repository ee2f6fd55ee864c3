package org.vertebroplan.dicom;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One series found by a scan: its slices (in file order; sorting is the geometry's job) and what the
 * user needs to choose it: UID, modality, description, size, transfer syntaxes.
 */
public record SeriesInfo(String seriesInstanceUid, List<SliceHeader> slices) {

    public SeriesInfo {
        slices = List.copyOf(slices);
    }

    public SliceHeader first() {
        return slices.get(0);
    }

    public String modality() {
        return first().modality();
    }

    /** The series' FrameOfReferenceUID (empty when its files carry none). */
    public String frameOfReferenceUid() {
        return first().frameOfReferenceUid() == null ? "" : first().frameOfReferenceUid();
    }

    public String description() {
        return first().description();
    }

    public int size() {
        return slices.size();
    }

    /** The transfer syntax UIDs used by the series' files, in first-seen order. */
    public List<String> transferSyntaxes() {
        Set<String> s = new LinkedHashSet<>();
        for (SliceHeader h : slices) {
            s.add(h.transferSyntax().uid());
        }
        return List.copyOf(s);
    }

    /** True when the slices are (close to) axial: the normal is within 45 degrees of the z axis. */
    public boolean axial() {
        return Math.abs(first().normal().z()) > Math.sqrt(0.5);
    }
}
