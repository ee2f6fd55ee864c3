package org.vertebroplan.dicom;

/**
 * Looks up a functional group macro of an enhanced multi-frame object for one frame: the frame's
 * item of the Per-frame Functional Groups Sequence first, then the Shared Functional Groups Sequence
 * (PS3.3 C.7.6.16). Returns the first item of the macro's sequence, or null.
 */
final class FunctionalGroups {

    private FunctionalGroups() {
    }

    static DataSet find(DataSet ds, int frame, int macroTag) {
        java.util.List<DataSet> perFrame = ds.items(Tags.PER_FRAME_FUNCTIONAL_GROUPS);
        if (frame < perFrame.size()) {
            DataSet m = perFrame.get(frame).item(macroTag);
            if (m != null) {
                return m;
            }
        }
        DataSet shared = ds.item(Tags.SHARED_FUNCTIONAL_GROUPS);
        return shared == null ? null : shared.item(macroTag);
    }

    static boolean enhanced(DataSet ds) {
        return ds.contains(Tags.PER_FRAME_FUNCTIONAL_GROUPS);
    }
}
