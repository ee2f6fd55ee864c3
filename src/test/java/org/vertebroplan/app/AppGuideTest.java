package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.MeshView;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.guide.ErrorBudget;
import org.vertebroplan.guide.GuideGenerator;
import org.vertebroplan.guide.GuideGenerator.SleevePreview;
import org.vertebroplan.guide.GuideSpec;
import org.vertebroplan.guide.PrinterPreset;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.phantom.PhantomCase;
import org.vertebroplan.phantom.PhantomOptions;
import org.vertebroplan.phantom.PhantomPosition;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.volume.Tissue;

/**
 * The Guide tab in the whole workstation on a phantom case written by {@code PhantomCase} (real DICOM
 * import, real guide generator): the live budget is the generator's preview for the current plan and
 * follows edits, known sleeve dimensions, the too-short needle message, printer presets, undoable and
 * saved parameters, generation in the background shown in 3D (pixels of the base colour under
 * {@code expect3d}), stale marking and the vendor package export.
 */
@ExtendWith(ApplicationExtension.class)
class AppGuideTest {

    @TempDir
    static Path shared;
    static Path caseDir;

    Workstation w;
    GuideViewModel guide;
    PlanningViewModel planning;

    @BeforeAll
    static void writePhantom() throws Exception {
        caseDir = shared.resolve("phantom");
        PhantomCase.write(caseDir, PhantomOptions.of(7, PhantomPosition.HFP));
    }

    @Start
    void start(Stage stage) {
        w = AppFx.show(stage, CaseServices.CORE);
        guide = w.guide();
        planning = w.planning();
    }

    private <T> T fx(Callable<T> c) throws Exception {
        return AppFx.fx(c);
    }

    private void open() throws Exception {
        AppFx.open(w, caseDir);
    }

    private Plan plan() throws Exception {
        return AppFx.plan(w);
    }

    private Map<String, SleevePreview> shown() throws Exception {
        return fx(() -> guide.previewProperty().get());
    }

    private String budgetLabel() throws Exception {
        return fx(() -> ((Label) w.window().lookup("#guide-budget")).getText());
    }

    @Test
    void theLiveBudgetIsThePreviewOfTheCurrentPlanAndFollowsANeedleEdit() throws Exception {
        open();
        Plan p = plan();
        Map<String, SleevePreview> expected = GuideGenerator.preview(p, GuideSpec.defaults(PrinterPreset.FDM));
        assertEquals(expected, shown());
        assertEquals(2, expected.size());
        // known answers: bore = 11 G needle + FDM clearance; sleeve = working length - depth - its bottom's height
        Needle left = p.needle("left");
        SleevePreview l = shown().get("left");
        assertEquals(3.05 + 0.4, 2 * l.design().boreRadiusMm(), 1e-9);
        double depth = left.entryLps().distance(left.targetLps());
        assertEquals(120 - depth - l.design().bottomH(), l.budget().sleeveLengthMm(), 1e-9);
        assertEquals(Math.toDegrees(Math.atan((0.4 + 2 * 0.15) / l.budget().sleeveLengthMm())), l.budget().boreTiltDeg(),
            1e-9);
        String text = budgetLabel();
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "left (L2-L): tilt %.2f°", l.budget().tiltDeg())),
            text);
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "tip ±%.2f mm", l.budget().tipErrorMm())), text);
        assertTrue(text.contains("bore Ø 3.45 mm"), text);

        // a longer needle: a longer sleeve, less tilt, smaller tip error
        assertTrue(fx(() -> planning.setWorkingLength("left", 150)));
        Map<String, SleevePreview> after = shown();
        assertEquals(GuideGenerator.preview(plan(), GuideSpec.defaults(PrinterPreset.FDM)), after);
        assertEquals(l.budget().sleeveLengthMm() + 30, after.get("left").budget().sleeveLengthMm(), 1e-9);
        assertTrue(after.get("left").budget().tipErrorMm() < l.budget().tipErrorMm());
        assertEquals(shown().get("right"), expected.get("right"), "the other needle is unchanged");
        assertNotEquals(text, budgetLabel());

        // a drag preview (no history step) updates it too
        fx(() -> {
            planning.preview(q -> PlanEdits.moveEntry(q, "left", q.needle("left").entryLps().plus(
                q.needle("left").direction().times(-4))));
            return null;
        });
        assertEquals(GuideGenerator.preview(plan(), GuideSpec.defaults(PrinterPreset.FDM)), shown());
        assertEquals(after.get("left").budget().sleeveLengthMm() - 4, shown().get("left").budget().sleeveLengthMm(),
            1e-6);
        fx(() -> {
            planning.finishDrag("drag");
            return null;
        });
    }

    @Test
    void aTooShortWorkingLengthShowsTheGeneratorsMessage() throws Exception {
        open();
        Needle left = plan().needle("left");
        double depth = left.entryLps().distance(left.targetLps());
        assertTrue(fx(() -> planning.setWorkingLength("left", Math.floor(depth) + 10)));
        BadInputException e = assertThrows(BadInputException.class,
            () -> GuideGenerator.preview(plan(), GuideSpec.defaults(PrinterPreset.FDM)));
        String error = fx(() -> guide.budgetErrorProperty().get());
        assertEquals(e.getMessage(), error);
        assertTrue(error.contains("needle left") && error.contains("working length"), error);
        // the length the message advises, more than the one refused
        java.util.regex.Matcher advised = java.util.regex.Pattern.compile("at least (\\d+) mm working length").matcher(error);
        assertTrue(advised.find(), error);
        long needed = Long.parseLong(advised.group(1));
        assertTrue(needed > Math.floor(depth) + 10, error);
        assertEquals(error, budgetLabel());
        assertTrue(shown().isEmpty());
        assertTrue(fx(() -> w.window().lookup("#guide-budget").getStyleClass().contains("warning")));
        // a needle of that length is accepted again
        assertTrue(fx(() -> planning.setWorkingLength("left", needed)));
        assertEquals("", fx(() -> guide.budgetErrorProperty().get()));
        assertEquals(2, shown().size());
        assertFalse(fx(() -> w.window().lookup("#guide-budget").getStyleClass().contains("warning")));
    }

    @Test
    void thePrinterPresetChangesTheBudget() throws Exception {
        open();
        Map<String, SleevePreview> fdm = shown();
        assertTrue(fx(() -> guide.setPrinter(PrinterPreset.SLA)));
        Map<String, SleevePreview> sla = shown();
        assertEquals(GuideGenerator.preview(plan(), GuideSpec.defaults(PrinterPreset.SLA)), sla);
        for (String id : List.of("left", "right")) {
            ErrorBudget a = fdm.get(id).budget(), b = sla.get(id).budget();
            assertEquals(0.4, a.boreClearanceMm(), 1e-12);
            assertEquals(0.25, b.boreClearanceMm(), 1e-12);
            assertTrue(b.tiltDeg() < a.tiltDeg() && b.tipErrorMm() < a.tipErrorMm(), id);
            assertEquals(2 * sla.get(id).design().boreRadiusMm(), 3.05 + 0.25, 1e-9);
        }
        assertEquals("sla", plan().guide().get("printer"));
        assertTrue(budgetLabel().startsWith("SLA, bore clearance 0.25 mm"), budgetLabel());
        // through the choice box, back to FDM
        fx(() -> {
            @SuppressWarnings("unchecked")
            javafx.scene.control.ChoiceBox<PrinterPreset> box =
                (javafx.scene.control.ChoiceBox<PrinterPreset>) w.window().lookup("#guide-printer");
            assertEquals(PrinterPreset.SLA, box.getValue());
            box.setValue(PrinterPreset.FDM); // fires the box's action like a user's choice
            return null;
        });
        assertEquals(fdm, shown());
    }

    @Test
    void parameterEditsAreUndoableAndSavedInTheGuideMap() throws Exception {
        open();
        Plan original = plan();
        assertTrue(original.guide().isEmpty());
        assertEquals("0.3", fx(() -> ((javafx.scene.control.TextField) w.window().lookup("#guide-gap")).getText()));
        // typed into the tab with the robot
        new FxRobot().clickOn("#tab-guide").clickOn("#guide-gap").press(KeyCode.CONTROL, KeyCode.A)
            .release(KeyCode.A, KeyCode.CONTROL).write("0.6").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0.6, ((Number) plan().guide().get("gapMm")).doubleValue(), 1e-12);
        assertEquals(0.6, fx(() -> guide.specProperty().get().gapMm()), 1e-12);
        assertTrue(fx(planning.dirtyProperty()::get));
        assertTrue(fx(() -> guide.setThicknessMm(4)));
        assertTrue(fx(() -> guide.setMarginMm(14)));
        // an invalid value is refused with the spec's reason and records nothing
        Plan before = plan();
        assertFalse(fx(() -> guide.setThicknessMm(0.5)));
        assertEquals(before, plan());
        assertTrue(fx(() -> guide.messageProperty().get()).contains("thickness"));
        assertEquals("4", fx(() -> ((javafx.scene.control.TextField) w.window().lookup("#guide-thickness")).getText()));

        fx(() -> {
            planning.undo();
            planning.undo();
            return null;
        });
        assertEquals(Map.of("gapMm", 0.6), Map.copyOf(plan().guide()));
        assertEquals("8", fx(() -> ((javafx.scene.control.TextField) w.window().lookup("#guide-margin")).getText()));
        fx(() -> {
            planning.undo();
            return null;
        });
        assertEquals(original, plan());
        assertFalse(fx(planning.dirtyProperty()::get));
        assertEquals("0.3", fx(() -> ((javafx.scene.control.TextField) w.window().lookup("#guide-gap")).getText()));
        fx(() -> {
            planning.redo();
            planning.redo();
            planning.redo();
            return null;
        });
        assertTrue(fx(() -> guide.setPrinter(PrinterPreset.SLA)));
        Path file = shared.resolve("saved-plan.json");
        assertTrue(fx(() -> planning.saveAs(file)));
        Plan read = PlanJson.load(file);
        assertEquals(0.6, ((Number) read.guide().get("gapMm")).doubleValue(), 1e-12);
        assertEquals(4.0, ((Number) read.guide().get("thicknessMm")).doubleValue(), 1e-12);
        assertEquals(14.0, ((Number) read.guide().get("marginMm")).doubleValue(), 1e-12);
        assertEquals("sla", read.guide().get("printer"));
        GuideSpec spec = GuideViewModel.specOf(read);
        assertEquals(new GuideSpec(PrinterPreset.SLA, 0.6, 4, 14, 0.3, 4, 18, 12, 2, 2.5, 15), spec);
    }

    /** The base drawn in the 3D view: reported as skipped (never passed) where no GL pipeline draws it. */
    @Test
    void theGeneratedBaseIsDrawnIn3d() throws Exception {
        assumeTrue(Boolean.getBoolean("expect3d"), "3D pixels are only checked with a GL pipeline (Xvfb)");
        assertTrue(Platform.isSupported(ConditionalFeature.SCENE3D), "expect3d is set but SCENE3D is unsupported");
        open();
        int before = fx(() -> greenPixels(w.window().viewport().subScene().snapshot(null, null)));
        assertTrue(before < 50, "base-coloured pixels before any guide: " + before);
        fx(() -> {
            ((Button) w.window().lookup("#generate-guide")).fire();
            return null;
        });
        assertTrue(waitGenerated(), fx(() -> guide.messageProperty().get()));
        int green = fx(() -> greenPixels(w.window().viewport().subScene().snapshot(null, null)));
        assertTrue(green > 500, "base-coloured pixels in the 3D view: " + green);
    }

    @Test
    void generateShowsTheGuideIn3dMarksItStaleAndExportsTheVendorPackage() throws Exception {
        open();
        assertFalse(fx(() -> guide.canExportBinding().get()));
        assertTrue(fx(() -> w.window().lookup("#export-guide").isDisabled()));
        assertTrue(fx(() -> w.window().viewport().find("#skin").isVisible()));
        List<Double> progress = new CopyOnWriteArrayList<>();
        fx(() -> {
            w.viewModel().progressProperty().addListener((o, a, b) -> progress.add(b.doubleValue()));
            return null;
        });
        long t0 = System.nanoTime();
        fx(() -> {
            ((Button) w.window().lookup("#generate-guide")).fire();
            return null;
        });
        assertTrue(waitGenerated(), fx(() -> guide.messageProperty().get()));
        double seconds = (System.nanoTime() - t0) / 1e9;
        // the progress bar moved through the generator's steps
        assertTrue(progress.stream().anyMatch(v -> v > 0.3 && v < 1), progress.toString());
        assertFalse(fx(() -> w.viewModel().busyProperty().get()));
        assertTrue(fx(() -> w.viewModel().statusProperty().get()).startsWith("Guide generated"));

        GuideViewModel.GuideResult r = fx(() -> guide.guideProperty().get());
        assertNotNull(r);
        assertEquals(plan(), r.plan());
        assertEquals(Map.copyOf(r.design().errorBudgets()), Map.of("left", shown().get("left").budget(),
            "right", shown().get("right").budget()), "the generated budget is the live one");
        Node base = fx(() -> w.window().viewport().find("#guide-base"));
        assertNotNull(base);
        assertEquals(r.design().base().triangleCount(), ((javafx.scene.shape.TriangleMesh) ((MeshView) base).getMesh()).getFaces().size() / 6);
        assertNotNull(fx(() -> w.window().viewport().find("#guide-sleeve-left")));
        assertNotNull(fx(() -> w.window().viewport().find("#guide-sleeve-right")));
        assertTrue(fx(() -> visibleInScene(base)));
        assertFalse(fx(() -> w.window().viewport().find("#skin").isVisible()), "the skin is hidden under the guide");
        // sleeves and the whole guide can be hidden
        fx(() -> {
            guide.showSleevesProperty().set(false);
            return null;
        });
        assertFalse(fx(() -> visibleInScene(w.window().viewport().find("#guide-sleeve-left"))));
        assertTrue(fx(() -> visibleInScene(base)));
        fx(() -> {
            guide.showGuideProperty().set(false);
            guide.showSleevesProperty().set(true);
            return null;
        });
        assertFalse(fx(() -> visibleInScene(base)));
        assertTrue(fx(() -> w.window().viewport().find("#skin").isVisible()), "the skin is back");
        fx(() -> {
            guide.showGuideProperty().set(true);
            return null;
        });

        // an edit makes it stale: marked, grey, no export; undo makes it current again
        assertFalse(fx(() -> guide.staleProperty().get()));
        assertFalse(fx(() -> w.window().lookup("#export-guide").isDisabled()));
        assertTrue(fx(() -> guide.setGapMm(0.5)));
        assertTrue(fx(() -> guide.staleProperty().get()));
        assertTrue(fx(() -> w.window().lookup("#guide-stale").isVisible()));
        assertTrue(fx(() -> w.window().lookup("#export-guide").isDisabled()));
        assertEquals(GuideLayer.STALE_COLOR, fx(() -> ((PhongMaterial) ((MeshView) base).getMaterial()).getDiffuseColor()));
        assertEquals(List.of(), fx(() -> guide.export(shared.resolve("refused"))).get(10, TimeUnit.SECONDS));
        assertFalse(Files.exists(shared.resolve("refused")));
        fx(() -> {
            planning.undo();
            return null;
        });
        assertFalse(fx(() -> guide.staleProperty().get()));
        assertFalse(fx(() -> w.window().lookup("#guide-stale").isVisible()));
        assertEquals(GuideLayer.BASE_COLOR, fx(() -> ((PhongMaterial) ((MeshView) base).getMaterial()).getDiffuseColor()));

        Path out = shared.resolve("package");
        List<Path> files = fx(() -> guide.export(out)).get(120, TimeUnit.SECONDS);
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            assertTrue(Files.size(f) > 100, f.toString());
            names.add(f.getFileName().toString());
        }
        assertEquals(List.of("assembly.3mf", "base.stl", "coupon.stl", "guide.3mf", "manifest.json", "report.html",
            "sleeve-left.stl", "sleeve-right.stl"), names);
        try (var list = Files.list(out)) {
            assertEquals(8, list.count());
        }
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"verdict\" : \"safe\""));
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"printer\" : \"fdm\""));
        String message = fx(() -> guide.messageProperty().get());
        assertTrue(message.contains("report.html") && message.contains("base.stl"), message);
        assertTrue(seconds < 120, "generation took " + seconds + " s");
    }

    @Test
    void anUnsafePlanIsExportedOnlyWithTheReasonTheUserTypes() throws Exception {
        open();
        // the left needle entering medially, through the spinal canal
        Needle left = plan().needle("left");
        org.vertebroplan.geom.Vec3 entry = org.vertebroplan.plan.SkinSnapper.snap(w.viewModel().getLoadedCase().volume(),
            left.targetLps(), new org.vertebroplan.geom.Vec3(10, 80, left.entryLps().z()), Tissue.SKIN_HU).orElseThrow();
        assertTrue(fx(() -> planning.edit("through the canal", p -> p.withNeedle(left.withPoints(entry, left.targetLps())))));
        fx(() -> {
            ((Button) w.window().lookup("#generate-guide")).fire();
            return null;
        });
        assertTrue(waitGenerated(), fx(() -> guide.messageProperty().get()));
        List<String> asked = new CopyOnWriteArrayList<>();
        fx(() -> {
            guide.setUnsafeConfirmer(why -> {
                asked.add(why);
                return java.util.Optional.empty(); // the user cancels
            });
            return null;
        });
        Path out = shared.resolve("unsafe-package");
        assertEquals(List.of(), fx(() -> guide.export(out)).get(120, TimeUnit.SECONDS));
        assertEquals(1, asked.size());
        assertTrue(asked.get(0).contains("unsafe needle: left") && asked.get(0).contains("canal"), asked.get(0));
        assertFalse(Files.exists(out), "nothing written when the user cancels");
        assertTrue(fx(() -> guide.messageProperty().get()).startsWith("Not exported"));
        fx(() -> {
            guide.setUnsafeConfirmer(why -> java.util.Optional.of("model for the skills lab"));
            return null;
        });
        List<Path> files = fx(() -> guide.export(out)).get(120, TimeUnit.SECONDS);
        assertEquals(8, files.size());
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"acceptedUnsafeReason\" : \"model for the skills lab\""), manifest);
        assertTrue(Files.readString(out.resolve("report.html")).contains("model for the skills lab"));
    }

    @Test
    void aPlanWhoseSeriesIsNotInTheFolderIsOpenedOnlyWhenTheUserChoosesASeries() throws Exception {
        Path other = shared.resolve("other-series");
        Files.createDirectories(other);
        Files.createDirectories(other.resolve("dicom"));
        try (var files = Files.list(caseDir.resolve("dicom"))) {
            for (Path f : files.toList()) {
                Files.copy(f, other.resolve("dicom").resolve(f.getFileName()));
            }
        }
        Plan truth = org.vertebroplan.io.PlanJson.load(caseDir.resolve("plan.json"));
        org.vertebroplan.io.PlanJson.save(truth.withSeries("1.2.3.4", null), other.resolve("plan.json"));
        List<String> asked = new CopyOnWriteArrayList<>();
        fx(() -> {
            w.viewModel().setSeriesAsker(q -> {
                asked.add(q.message());
                return java.util.Optional.empty();
            });
            return null;
        });
        var failed = fx(() -> w.viewModel().open(other));
        assertThrows(java.util.concurrent.ExecutionException.class, () -> failed.get(120, TimeUnit.SECONDS));
        assertEquals(1, asked.size());
        assertTrue(asked.get(0).contains("1.2.3.4"), asked.get(0));
        fx(() -> {
            w.viewModel().setSeriesAsker(q -> java.util.Optional.of(q.choices().get(0).seriesInstanceUid()));
            return null;
        });
        var opened = fx(() -> w.viewModel().open(other)).get(120, TimeUnit.SECONDS);
        assertEquals("1.2.3.4", opened.plan().seriesInstanceUid(), "the plan keeps its own series");
        assertTrue(opened.warnings().stream().anyMatch(x -> x.contains("instead of the plan's series 1.2.3.4")),
            opened.warnings().toString());
    }

    /** Waits on the FX thread's view of the running generation: completes when it is over. */
    private boolean waitGenerated() throws Exception {
        assertTrue(fx(() -> guide.runningProperty().get()), "generation runs in the background");
        assertTrue(fx(() -> w.window().lookup("#generate-guide").isDisabled()));
        // the FX thread stays responsive while the guide is built
        long worst = 0;
        while (fx(() -> guide.runningProperty().get())) {
            long t = System.nanoTime();
            fx(() -> null);
            worst = Math.max(worst, System.nanoTime() - t);
            Thread.sleep(50);
        }
        assertTrue(worst < 1_000_000_000L, "the FX thread was blocked for " + worst / 1e6 + " ms");
        return fx(() -> guide.guideProperty().get() != null);
    }

    @Test
    void aGuideThatCannotBeBuiltIsReportedInTheStatusLine() throws Exception {
        open();
        fx(() -> {
            planning.deleteMarker("M3");
            return null;
        });
        assertFalse(fx(guide::generate).get(60, TimeUnit.SECONDS));
        String status = fx(() -> w.viewModel().statusProperty().get());
        assertTrue(status.startsWith("Guide not generated") && status.contains("three skin markers"), status);
        assertEquals(status, fx(() -> guide.errorProperty().get()));
        assertNull(fx(() -> guide.guideProperty().get()));
        assertFalse(fx(() -> guide.runningProperty().get()));
        assertFalse(fx(() -> w.viewModel().busyProperty().get()));
    }

    private static boolean visibleInScene(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Pixels of the lit base colour: green clearly above red and blue (bone, skin, needles, background are not). */
    static int greenPixels(WritableImage img) {
        PixelReader pr = img.getPixelReader();
        int n = 0;
        for (int y = 0; y < (int) img.getHeight(); y++) {
            for (int x = 0; x < (int) img.getWidth(); x++) {
                int argb = pr.getArgb(x, y);
                int r = argb >> 16 & 0xFF, g = argb >> 8 & 0xFF, b = argb & 0xFF;
                if (g > 60 && g > r + 20 && g > b + 15) {
                    n++;
                }
            }
        }
        return n;
    }
}
