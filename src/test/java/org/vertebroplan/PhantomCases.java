package org.vertebroplan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.phantom.PhantomCase;
import org.vertebroplan.phantom.PhantomOptions;
import org.vertebroplan.phantom.PhantomPosition;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.volume.Volume;

/**
 * Phantom cases for tests, written once per test JVM in each patient position (seed 7) and read
 * back through the importer, so test classes share them instead of each generating its own. The files
 * live in a temporary folder removed when the JVM exits.
 */
public final class PhantomCases {

    /** A written phantom: its folder, the CT as the importer reads it, and the true plan. */
    public record Case(Path dir, Volume volume, Plan truth) {
        public Path dicomDir() {
            return dir.resolve("dicom");
        }

        public Path planFile() {
            return dir.resolve("plan.json");
        }
    }

    private static final Map<PhantomPosition, Case> CASES = new EnumMap<>(PhantomPosition.class);
    private static Path root;

    private PhantomCases() {
    }

    public static synchronized Case get(PhantomPosition p) throws Exception {
        Case c = CASES.get(p);
        if (c == null) {
            if (root == null) {
                root = Files.createTempDirectory("vp-phantoms");
                Runtime.getRuntime().addShutdownHook(new Thread(PhantomCases::cleanUp));
            }
            Path dir = root.resolve(p.name());
            PhantomCase.write(dir, PhantomOptions.of(7, p));
            c = new Case(dir, DicomImport.loadVolume(dir.resolve("dicom"), ProgressListener.NONE),
                PlanJson.load(dir.resolve("plan.json")));
            CASES.put(p, c);
        }
        return c;
    }

    private static void cleanUp() {
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (Exception e) {
            // best effort: the OS cleans temp folders too
        }
    }
}
