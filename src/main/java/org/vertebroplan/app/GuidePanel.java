package org.vertebroplan.app;

import java.io.File;
import java.math.BigDecimal;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;
import org.vertebroplan.guide.GuideSpec;
import org.vertebroplan.guide.PrinterPreset;

/**
 * The Guide tab (view of {@link GuideViewModel}): printer preset, gap, thickness and margin (Enter or
 * Apply; the fields are refilled from the plan after every change, including undo), the live error
 * budget per needle, "Generate guide", show/hide toggles for the guide and its sleeves, a warning when
 * the shown guide is out of date, and "Export vendor package..." (a folder chooser), enabled only for
 * a current guide.
 */
public final class GuidePanel extends VBox {

    private final GuideViewModel vm;
    private final ChoiceBox<PrinterPreset> printer =
        new ChoiceBox<>(FXCollections.observableArrayList(PrinterPreset.values()));
    private final TextField gap = Controls.field("guide-gap", 4);
    private final TextField thickness = Controls.field("guide-thickness", 4);
    private final TextField margin = Controls.field("guide-margin", 4);
    private final String[] shown = new String[3];
    private boolean filling;

    public GuidePanel(GuideViewModel vm) {
        super(5);
        this.vm = vm;
        setId("guide-panel");
        setPadding(new Insets(8));

        printer.setId("guide-printer");
        printer.setConverter(new StringConverter<>() {
            @Override
            public String toString(PrinterPreset p) {
                return p == null ? "" : String.format(java.util.Locale.ROOT, "%s (clearance %.2f mm, wall >= %.1f mm)",
                    p.word().toUpperCase(java.util.Locale.ROOT), p.clearanceMm(), p.minWallMm());
            }

            @Override
            public PrinterPreset fromString(String s) {
                return null;
            }
        });
        printer.setOnAction(e -> {
            if (!filling && printer.getValue() != null) {
                vm.setPrinter(printer.getValue());
            }
        });
        GridPane grid = new GridPane();
        grid.setHgap(4);
        grid.setVgap(3);
        grid.addRow(0, new Label("Gap mm"), gap, new Label("Thickness mm"), thickness);
        grid.addRow(1, new Label("Margin mm"), margin);
        for (TextField f : List.of(gap, thickness, margin)) {
            f.setOnAction(e -> apply());
        }
        Button apply = Controls.button("guide-apply", "Apply", this::apply);

        Label budget = new Label();
        budget.setId("guide-budget");
        budget.setWrapText(true);
        budget.textProperty().bind(vm.budgetTextProperty());
        vm.budgetErrorProperty().addListener((obs, old, m) -> styleBudget(budget));
        styleBudget(budget);
        Label budgetNote = Controls.caption("Worst case, every play at its limit: needle in bore and collar in socket (tilt),"
            + " seat depth, print tolerance, skin gap; the entry, tip and depth errors at the planned depth. Follows every change.");

        Button generate = Controls.button("generate-guide", "Generate guide", () -> vm.generate());
        generate.setTooltip(new Tooltip("Build the base and the sleeves from the CT and the plan (a few seconds)"));
        generate.disableProperty().bind(vm.runningProperty().or(vm.main().busyProperty())
            .or(vm.main().loadedCaseProperty().isNull()).or(Bindings.isNotEmpty(vm.levelWarningProperty())));
        Label levelWarning = Controls.warning("guide-level-warning", vm.levelWarningProperty());
        CheckBox showGuide = new CheckBox("Show guide (hides the skin)");
        showGuide.setId("show-guide");
        showGuide.selectedProperty().bindBidirectional(vm.showGuideProperty());
        showGuide.disableProperty().bind(vm.guideProperty().isNull());
        CheckBox showSleeves = new CheckBox("Show sleeves");
        showSleeves.setId("show-sleeves");
        showSleeves.selectedProperty().bindBidirectional(vm.showSleevesProperty());
        showSleeves.disableProperty().bind(vm.guideProperty().isNull());
        Label stale = new Label("Out of date: the plan or the guide parameters changed since this guide was"
            + " generated. Generate it again before exporting.");
        stale.setId("guide-stale");
        stale.getStyleClass().add("warning");
        stale.setWrapText(true);
        stale.visibleProperty().bind(vm.staleProperty());
        stale.managedProperty().bind(stale.visibleProperty());
        Button export = Controls.button("export-guide", "Export vendor package...", this::chooseAndExport);
        export.disableProperty().bind(vm.canExportBinding().not());
        Label message = new Label();
        message.setId("guide-message");
        message.setWrapText(true);
        message.getStyleClass().add("caption");
        message.textProperty().bind(vm.messageProperty());

        getChildren().addAll(Controls.section("Printer and base"), printer, grid, new HBox(4, apply),
            Controls.caption("Gap: skin to the base's inner surface. Thickness: the base shell. Margin: how far the base"
                + " reaches beyond the markers and entry points. Saved in the plan; Ctrl+Z undoes."),
            Controls.section("Error budget (live)"), budget, budgetNote, Controls.section("Guide"), levelWarning, generate,
            new HBox(8, showGuide, showSleeves), stale, export, message);

        vm.setUnsafeConfirmer(this::confirmUnsafe);
        vm.specProperty().addListener((obs, old, s) -> refresh());
        refresh();
    }

    private void styleBudget(Label budget) {
        budget.getStyleClass().remove("warning");
        if (!vm.budgetErrorProperty().get().isEmpty()) {
            budget.getStyleClass().add("warning");
        }
    }

    private void refresh() {
        filling = true;
        try {
            GuideSpec s = vm.specProperty().get();
            printer.setValue(s == null ? GuideViewModel.printerOf(vm.main().planProperty().get()) : s.printer());
            double[] v = s == null ? null : new double[] {s.gapMm(), s.thicknessMm(), s.marginMm()};
            TextField[] f = {gap, thickness, margin};
            for (int i = 0; i < 3; i++) {
                shown[i] = v == null ? "" : fmt(v[i]);
                f[i].setText(shown[i]);
            }
        } finally {
            filling = false;
        }
    }

    /** Applies the fields the user changed (a field left as shown is not re-applied). */
    private void apply() {
        if (filling) {
            return;
        }
        TextField[] f = {gap, thickness, margin};
        for (int i = 0; i < 3; i++) {
            if (f[i].getText().equals(shown[i])) {
                continue;
            }
            double mm;
            try {
                mm = Double.parseDouble(f[i].getText().trim().replace(',', '.'));
            } catch (NumberFormatException e) {
                vm.messageProperty().set("Not applied: \"" + f[i].getText() + "\" is not a number");
                continue;
            }
            boolean ok = switch (i) {
                case 0 -> vm.setGapMm(mm);
                case 1 -> vm.setThicknessMm(mm);
                default -> vm.setMarginMm(mm);
            };
            if (!ok) {
                f[i].setText(shown[i]);
            }
        }
    }

    private void chooseAndExport() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Folder for the vendor package (STL, 3MF, manifest, report)");
        File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir != null) {
            vm.export(dir.toPath());
        }
    }

    /** The confirmation dialog for a plan with unsafe needles: the reason to print it anyway, or empty. */
    private java.util.Optional<String> confirmUnsafe(String why) {
        javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog();
        d.initOwner(getScene() == null ? null : getScene().getWindow());
        d.setTitle("Unsafe plan");
        d.setHeaderText("The safety check finds an unsafe needle. A guide for this plan is only for a deliberate"
            + " choice (e.g. a teaching model).");
        Label text = new Label(why);
        text.setWrapText(true);
        text.setMaxWidth(520);
        d.getDialogPane().setContent(new VBox(6, text, new Label("Reason to export it anyway (written on the sheet"
            + " and in the manifest):"), d.getEditor()));
        d.getDialogPane().lookupButton(javafx.scene.control.ButtonType.OK).disableProperty()
            .bind(d.getEditor().textProperty().isEmpty());
        return d.showAndWait().map(String::strip).filter(r -> !r.isEmpty());
    }

    static String fmt(double v) {
        return BigDecimal.valueOf(Math.round(v * 100) / 100.0).stripTrailingZeros().toPlainString();
    }




}
