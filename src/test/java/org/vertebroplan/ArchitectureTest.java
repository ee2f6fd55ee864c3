package org.vertebroplan;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layering of docs/architecture.md: core never opens a window nor prints, app and cli depend on core
 * only and never on each other, and the core packages have no cycles.
 */
class ArchitectureTest {

    static final String[] CORE = {
        "org.vertebroplan.geom..", "org.vertebroplan.volume..", "org.vertebroplan.dicom..",
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
