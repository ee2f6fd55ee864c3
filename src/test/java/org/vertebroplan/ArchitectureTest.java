package org.vertebroplan;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layering of docs/architecture.md: core never opens a window nor prints, app and cli depend on core
 * only and never on each other, the core's floors depend only on the floors below them, and the core
 * packages have no cycles.
 */
class ArchitectureTest {

    static final String[] CORE = {
        "org.vertebroplan.base..", "org.vertebroplan.geom..", "org.vertebroplan.volume..", "org.vertebroplan.dicom..",
        "org.vertebroplan.mesh..", "org.vertebroplan.plan..", "org.vertebroplan.guide..",
        "org.vertebroplan.fluoro..", "org.vertebroplan.rehearsal..", "org.vertebroplan.io..",
        "org.vertebroplan.phantom.."};

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.vertebroplan");
    }

    @Test
    void coreNeverTouchesJavaFxOrWindowing() {
        noClasses().that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "javax.swing..", "org.fxyz3d..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.awt.Window")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.awt.Frame")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.awt.Component")
            .because("core must run headless (CLI, CI) and be testable without a toolkit")
            .check(classes);
    }

    @Test
    void coreNeverDependsOnAppOrCli() {
        noClasses().that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("org.vertebroplan.app..", "org.vertebroplan.cli..")
            .check(classes);
    }

    /**
     * The core's floors, lowest first (docs/architecture.md): a package uses only itself and the floors
     * below its own; packages on one floor never use each other.
     */
    static final String[][] FLOORS = {
        {"base"},
        {"geom"},
        {"volume"},
        {"dicom", "mesh", "plan"},
        {"fluoro", "io"},
        {"guide", "rehearsal", "phantom"}};

    @Test
    void theCoresArrowsRunDownTheFloors() {
        List<String> below = new ArrayList<>();
        for (String[] floor : FLOORS) {
            for (String p : floor) {
                noClasses().that().resideInAPackage("org.vertebroplan." + p + "..")
                    .should().dependOnClassesThat(resideInAPackage("org.vertebroplan..")
                        .and(not(resideInAnyPackage(allowed(p, below)))))
                    .because(p + " may use only " + (below.isEmpty() ? "the JDK and libraries" : String.join(", ", below)))
                    .check(classes);
            }
            for (String p : floor) {
                below.add(p);
            }
        }
    }

    private static String[] allowed(String self, List<String> below) {
        List<String> out = new ArrayList<>();
        out.add("org.vertebroplan." + self + "..");
        for (String p : below) {
            out.add("org.vertebroplan." + p + "..");
        }
        return out.toArray(String[]::new);
    }

    @Test
    void theGuideUsesIoOnlyToWriteItsPackage() {
        noClasses().that().resideInAPackage("org.vertebroplan.guide..")
            .and().haveNameNotMatching("org\\.vertebroplan\\.guide\\.(GuidePackage|GuideReport)(\\$.*)?")
            .should().dependOnClassesThat().resideInAPackage("org.vertebroplan.io..")
            .because("the guide's geometry is core work; only the package and its sheet are written with io")
            .check(classes);
    }

    @Test
    void filesAreWrittenOneWay() {
        noClasses().that().doNotHaveFullyQualifiedName("org.vertebroplan.io.AtomicFiles")
            .should().accessField(StandardCopyOption.class, "ATOMIC_MOVE")
            .orShould().callMethod(Files.class, "createTempFile", Path.class, String.class, String.class,
                FileAttribute[].class)
            .because("files are written one way, io.AtomicFiles (whole folders with io.PackageFolder)")
            .check(classes);
    }

    @Test
    void jsonIsReadWithOneStrictMapper() {
        noClasses().that().doNotHaveFullyQualifiedName("org.vertebroplan.io.Json")
            .should().callConstructor(ObjectMapper.class)
            .orShould().callMethod(JsonMapper.class, "builder")
            .because("one mapper refuses trailing garbage and duplicate keys everywhere: io.Json.STRICT")
            .check(classes);
    }

    @Test
    void appAndCliNeverDependOnEachOther() {
        noClasses().that().resideInAPackage("org.vertebroplan.app..")
            .should().dependOnClassesThat().resideInAPackage("org.vertebroplan.cli..").check(classes);
        noClasses().that().resideInAPackage("org.vertebroplan.cli..")
            .should().dependOnClassesThat().resideInAPackage("org.vertebroplan.app..").check(classes);
    }

    @Test
    void onlyTheCliWritesToStandardStreams() {
        noClasses().that().resideOutsideOfPackage("org.vertebroplan.cli..")
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .because("core reports through return values, exceptions and listeners; the CLI prints")
            .check(classes);
    }

    @Test
    void corePackagesHaveNoCycles() {
        slices().matching("org.vertebroplan.(*)..").should().beFreeOfCycles().check(classes);
    }
}
