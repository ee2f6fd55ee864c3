package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.phantom.PhantomCase;
import org.vertebroplan.phantom.PhantomOptions;
import org.vertebroplan.phantom.PhantomPosition;
import org.vertebroplan.volume.Volume;

/** A folder with two series: both are listed, the default is marked, and the chosen one is loaded. */
class AppSeriesChoiceTest {

    @TempDir
    static Path dir;

    @Test
    void twoSeriesAreListedAndTheChosenOneIsLoaded() throws Exception {
        PhantomCase.Result a = PhantomCase.write(dir.resolve("a"), PhantomOptions.of(7, PhantomPosition.HFP));
        PhantomCase.Result b = PhantomCase.write(dir.resolve("b"), PhantomOptions.of(8, PhantomPosition.FFS));
        List<CaseServices.SeriesChoice> series = CaseServices.CORE.listSeries(dir);
        assertEquals(2, series.size(), series.toString());
        assertEquals(1, series.stream().filter(CaseServices.SeriesChoice::isDefault).count());
        assertTrue(series.get(0).label().contains("70 slices of 416 x 292"), series.get(0).label());
        assertNotEquals(series.get(0).label(), series.get(1).label());

        Volume va = CaseServices.CORE.loadSeries(dir, a.seriesInstanceUid(), ProgressListener.NONE).volume();
        Volume vb = CaseServices.CORE.loadSeries(dir, b.seriesInstanceUid(), ProgressListener.NONE).volume();
        Volume alone = CaseServices.CORE.loadVolume(dir.resolve("b"), ProgressListener.NONE);
        // the same anatomy with other noise: the chosen series is the one loaded, voxel for voxel
        assertEquals(alone.huSum(), vb.huSum());
        assertNotEquals(va.huSum(), vb.huSum());
    }

    @Test
    void importWarningsReachTheLoadedCase() throws Exception {
        // the GE head CT with an 18.5 degree gantry tilt is resampled onto a regular grid, with a warning
        Path series = org.vertebroplan.TestData.require("dicom-corpus/dcm_qa_ct-ge-tilt");
        CaseServices.Imported imported = CaseServices.CORE.loadSeries(series, null, ProgressListener.NONE);
        assertTrue(imported.warnings().stream().anyMatch(w -> w.toLowerCase(java.util.Locale.ROOT).contains("tilt")),
            imported.warnings().toString());
    }
}
