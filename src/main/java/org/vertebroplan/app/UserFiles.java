package org.vertebroplan.app;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.vertebroplan.io.AtomicFiles;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.io.UserFolders;
import org.vertebroplan.plan.Plan;

/**
 * The workstation's own files in the user's home (never in a DICOM folder): the list of recent cases,
 * the autosaved plans, and the folder plans are saved to by default.
 *
 * <ul>
 * <li>the settings folder: {@code recent.properties} (the last {@link #MAX_RECENT} cases: case folder, DICOM
 * folder, series UID, plan file, label, time); and the data folder: {@code autosave/} (per case: the plan as
 * JSON and where it belongs). Where the platform keeps them ({@link UserFolders}: XDG on Linux,
 * {@code %APPDATA%} on Windows, {@code ~/Library/Application Support} on macOS), or both in the folder named
 * by the system property {@value #DIR_PROPERTY}.</li>
 * <li>plans folder {@code ~/VertebroPlan/plans} (system property {@value #PLANS_PROPERTY}), created when
 * first used.</li>
 * </ul>
 * A case is known by its DICOM folder and series UID ({@link Case#key()}). The recent list lets File &gt;
 * Open plan find a plan's series again (the plan file holds the series UID but, for the patient's privacy,
 * no folder name). Writes are atomic (a temporary file moved over the old one); an unreadable file counts
 * as empty. FX thread only.
 */
public final class UserFiles {

    public static final String DIR_PROPERTY = UserFolders.DIR_PROPERTY;
    public static final String PLANS_PROPERTY = "vertebroplan.plansDir";
    static final int MAX_RECENT = 10;

    /**
     * A case as the user opened it: its folder, DICOM folder and series, the plan file it saves to (null
     * when none yet), its label and when it was opened or saved (epoch ms).
     */
    public record Case(Path caseDir, Path dicomDir, String seriesUid, Path planFile, String label, long time) {
        public Case {
            caseDir = caseDir.toAbsolutePath().normalize();
            dicomDir = dicomDir.toAbsolutePath().normalize();
            planFile = planFile == null ? null : planFile.toAbsolutePath().normalize();
            seriesUid = seriesUid == null ? "" : seriesUid;
        }

        /** The identity of the case: DICOM folder and series. */
        public String key() {
            return dicomDir + "|" + seriesUid;
        }

        /** Where it was opened from, for {@link CaseServices}. */
        public CaseLocation location() {
            return new CaseLocation(caseDir, dicomDir, Optional.ofNullable(planFile).filter(Files::isRegularFile));
        }

        Case withPlanFile(Path file, long at) {
            return new Case(caseDir, dicomDir, seriesUid, file, label, at);
        }
    }

    /** A plan autosaved for a case, and when. */
    public record Autosaved(Case forCase, Plan plan, long time) {
    }

    private final Path dir;
    private final Path data;
    private final Path plans;

    /** Settings and data in one folder. */
    public UserFiles(Path settingsDir, Path plansDir) {
        this(settingsDir, settingsDir, plansDir);
    }

    public UserFiles(Path settingsDir, Path dataDir, Path plansDir) {
        this.dir = settingsDir.toAbsolutePath().normalize();
        this.data = dataDir.toAbsolutePath().normalize();
        this.plans = plansDir.toAbsolutePath().normalize();
    }

    /** The platform's folders ({@link UserFolders#current()}) and the plans folder (system property, else ~/VertebroPlan/plans). */
    public static UserFiles defaults() {
        UserFolders folders = UserFolders.current();
        String p = System.getProperty(PLANS_PROPERTY);
        return new UserFiles(folders.settings(), folders.data(),
            p != null ? Path.of(p) : Path.of(System.getProperty("user.home")).resolve("VertebroPlan").resolve("plans"));
    }

    /** The folder of the settings (recent cases). */
    public Path settingsDir() {
        return dir;
    }

    /** The folder of the data (autosaved plans; crash logs beside them). */
    public Path dataDir() {
        return data;
    }

    /** The folder plans are saved to by default (created). */
    public Path plansDir() throws IOException {
        return Files.createDirectories(plans);
    }

    /** The plans folder as configured (maybe not created yet). */
    public Path plansDirPath() {
        return plans;
    }

    // ---- recent cases ----------------------------------------------------------------------------

    /** The recent cases, newest first. */
    public List<Case> recent() {
        Properties p = read(dir.resolve("recent.properties"));
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            Case c = caseFrom(p, i + ".");
            if (c != null) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparingLong(Case::time).reversed());
        return out;
    }

    /** Puts a case at the top of the recent list (one entry per DICOM folder and series). */
    public void remember(Case c) {
        List<Case> list = new ArrayList<>(recent());
        Case old = list.stream().filter(r -> r.key().equals(c.key())).findFirst().orElse(null);
        list.removeIf(r -> r.key().equals(c.key()));
        // a case opened again without a plan keeps the plan file it was saved to
        list.add(0, c.planFile() == null && old != null && old.planFile() != null ? c.withPlanFile(old.planFile(), c.time())
            : c);
        Properties p = new Properties();
        for (int i = 0; i < Math.min(MAX_RECENT, list.size()); i++) {
            put(p, i + ".", list.get(i));
        }
        write(dir.resolve("recent.properties"), p);
    }

    /** The recent case whose plan file this is. */
    public Optional<Case> forPlan(Path planFile) {
        Path f = planFile.toAbsolutePath().normalize();
        return recent().stream().filter(c -> f.equals(c.planFile())).findFirst();
    }

    // ---- autosave --------------------------------------------------------------------------------

    private Path autosaveDir() {
        return data.resolve("autosave");
    }

    private Path autosaveBase(Case c) {
        byte[] hash;
        try {
            hash = java.security.MessageDigest.getInstance("SHA-256").digest(c.key().getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return autosaveDir().resolve(HexFormat.of().formatHex(hash, 0, 8));
    }

    /** Writes the plan of a case with unsaved changes; false (nothing else happens) when it cannot. */
    public boolean autosave(Case c, Plan plan, long time) {
        Path base = autosaveBase(c);
        try {
            Files.createDirectories(autosaveDir());
            PlanJson.save(plan, base.resolveSibling(base.getFileName() + ".json"));
            Properties p = new Properties();
            put(p, "", c.withPlanFile(c.planFile(), time));
            write(base.resolveSibling(base.getFileName() + ".case"), p);
            return true;
        } catch (IOException | RuntimeException e) {
            System.getLogger(UserFiles.class.getName()).log(System.Logger.Level.WARNING, "autosave failed: " + e);
            return false;
        }
    }

    /** The autosaved plan of a case, if there is one that can be read. */
    public Optional<Autosaved> autosaved(Case c) {
        return readAutosave(autosaveBase(c));
    }

    /** Every autosaved plan, newest first. */
    public List<Autosaved> autosaves() {
        List<Autosaved> out = new ArrayList<>();
        if (!Files.isDirectory(autosaveDir())) {
            return out;
        }
        try (Stream<Path> files = Files.list(autosaveDir())) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".case")).toList()) {
                String name = f.getFileName().toString();
                readAutosave(f.resolveSibling(name.substring(0, name.length() - ".case".length()))).ifPresent(out::add);
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(Comparator.comparingLong(Autosaved::time).reversed());
        return out;
    }

    private Optional<Autosaved> readAutosave(Path base) {
        Path json = base.resolveSibling(base.getFileName() + ".json");
        Path meta = base.resolveSibling(base.getFileName() + ".case");
        if (!Files.isRegularFile(json) || !Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        Case c = caseFrom(read(meta), "");
        try {
            return c == null ? Optional.empty() : Optional.of(new Autosaved(c, PlanJson.load(json), c.time()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Forgets the autosaved plan of a case (saved, or the changes discarded). */
    public void clearAutosave(Case c) {
        Path base = autosaveBase(c);
        try {
            Files.deleteIfExists(base.resolveSibling(base.getFileName() + ".json"));
            Files.deleteIfExists(base.resolveSibling(base.getFileName() + ".case"));
        } catch (IOException e) {
            System.getLogger(UserFiles.class.getName()).log(System.Logger.Level.WARNING, "cannot remove autosave: " + e);
        }
    }

    // ---- properties files ------------------------------------------------------------------------

    private static void put(Properties p, String prefix, Case c) {
        p.setProperty(prefix + "caseDir", c.caseDir().toString());
        p.setProperty(prefix + "dicomDir", c.dicomDir().toString());
        p.setProperty(prefix + "seriesUid", c.seriesUid());
        p.setProperty(prefix + "planFile", c.planFile() == null ? "" : c.planFile().toString());
        p.setProperty(prefix + "label", Objects.requireNonNullElse(c.label(), ""));
        p.setProperty(prefix + "time", Long.toString(c.time()));
    }

    private static Case caseFrom(Properties p, String prefix) {
        String caseDir = p.getProperty(prefix + "caseDir");
        String dicomDir = p.getProperty(prefix + "dicomDir");
        if (caseDir == null || dicomDir == null) {
            return null;
        }
        try {
            String plan = p.getProperty(prefix + "planFile", "");
            return new Case(Path.of(caseDir), Path.of(dicomDir), p.getProperty(prefix + "seriesUid", ""),
                plan.isEmpty() ? null : Path.of(plan), p.getProperty(prefix + "label", ""),
                Long.parseLong(p.getProperty(prefix + "time", "0")));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Properties read(Path file) {
        Properties p = new Properties();
        try {
            if (Files.isRegularFile(file)) {
                p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            }
        } catch (IOException | RuntimeException e) {
            p.clear();
        }
        return p;
    }

    private static void write(Path file, Properties p) {
        try {
            Files.createDirectories(file.getParent());
            StringWriter w = new StringWriter();
            p.store(w, "VertebroPlan " + Instant.now());
            AtomicFiles.writeText(file, w.toString());
        } catch (IOException | RuntimeException e) {
            System.getLogger(UserFiles.class.getName()).log(System.Logger.Level.WARNING, "cannot write " + file + ": " + e);
        }
    }
}
