package org.vertebroplan.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.vertebroplan.base.BadInputException;

/**
 * Where a case lives on disk. {@code gui [CASE]} accepts either a case folder (with a {@code dicom/}
 * sub-folder and an optional {@code plan.json}) or a plain DICOM folder (then a {@code plan.json}
 * beside the images is used if present). Without an argument the bundled sample case is used: where the
 * installed program keeps it (system property {@value #SAMPLE_PROPERTY}, set by its launcher), else
 * {@code sample-dicom/} relative to the working directory (a clone of the project).
 *
 * @param caseDir  the folder the user named
 * @param dicomDir the folder handed to the DICOM importer
 * @param planFile the plan, if the case has one
 */
public record CaseLocation(Path caseDir, Path dicomDir, Optional<Path> planFile) {

    /** The default case folder in a clone of the project. */
    public static final Path DEFAULT_CASE = Path.of("sample-dicom");
    /** Where an installed program keeps its bundled sample case (docs/install.md). */
    public static final String SAMPLE_PROPERTY = "vertebroplan.sample";

    /**
     * The bundled sample case: {@link #DEFAULT_CASE} in a clone; in an installed program the folder
     * {@value #SAMPLE_PROPERTY} names, or the user's own copy of it when that folder is read-only
     * ({@link SampleCase}).
     */
    public static Path defaultCase() {
        String installed = System.getProperty(SAMPLE_PROPERTY);
        return installed == null || installed.isBlank() ? DEFAULT_CASE : SampleCase.forUser(Path.of(installed));
    }

    /**
     * Resolves a user's CASE argument ({@code null} = the default sample case).
     *
     * @throws BadInputException when the folder does not exist or is not a folder
     */
    public static CaseLocation resolve(Path arg) throws BadInputException {
        Path dir = (arg == null ? defaultCase() : arg).toAbsolutePath().normalize();
        if (!Files.exists(dir)) {
            throw new BadInputException("case folder not found: " + dir
                + (arg == null ? " (the bundled sample case; run from the project folder or use File > Open)" : ""));
        }
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("not a folder: " + dir + " (give a DICOM folder or a case folder with dicom/)");
        }
        Path sub = dir.resolve("dicom");
        Path dicom = Files.isDirectory(sub) ? sub : dir;
        Path plan = dir.resolve("plan.json");
        return new CaseLocation(dir, dicom, Files.isRegularFile(plan) ? Optional.of(plan) : Optional.empty());
    }

    /** Short name for titles: the case folder's name. */
    public String label() {
        Path name = caseDir.getFileName();
        return name == null ? caseDir.toString() : name.toString();
    }
}
