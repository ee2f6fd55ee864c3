package org.vertebroplan.app;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.control.ChoiceDialog;
import javafx.stage.Window;

/**
 * Lets the user pick the series when a folder holds more than one: the folder is scanned in the
 * background (headers only), then a dialog lists the series with the default (the largest axial CT)
 * preselected. One series, or a scan that fails, opens straight away (the load reports the error).
 */
final class SeriesChooser {

    private SeriesChooser() {
    }

    /**
     * The question when a plan's series is not in its folder: which of the folder's series to open instead
     * (only the same scan under another UID makes sense), or cancel.
     */
    static java.util.Optional<String> askInstead(WorkstationViewModel.SeriesQuestion q, Window owner) {
        ChoiceDialog<String> dialog = new ChoiceDialog<>(null, q.choices().stream().map(CaseServices.SeriesChoice::label)
            .toList());
        dialog.initOwner(owner);
        dialog.setTitle("The plan's series is not here");
        dialog.setHeaderText(q.message() + "\nOpen one of this folder's series with the plan only if it is the same"
            + " scan (e.g. exported again). Cancel keeps the current case.");
        dialog.setContentText("Series:");
        return dialog.showAndWait().flatMap(label -> q.choices().stream().filter(c -> c.label().equals(label))
            .findFirst().map(CaseServices.SeriesChoice::seriesInstanceUid));
    }

    static void openWithChoice(WorkstationViewModel vm, Path dir, Window owner) {
        CompletableFuture.supplyAsync(() -> {
            try {
                return vm.seriesIn(dir);
            } catch (Exception e) {
                return List.<CaseServices.SeriesChoice>of();
            }
        }).thenAccept(series -> Platform.runLater(() -> {
            if (series.size() <= 1) {
                vm.open(dir);
                return;
            }
            CaseServices.SeriesChoice preselected = series.stream().filter(CaseServices.SeriesChoice::isDefault)
                .findFirst().orElse(series.get(0));
            ChoiceDialog<String> dialog = new ChoiceDialog<>(preselected.label(),
                series.stream().map(CaseServices.SeriesChoice::label).toList());
            dialog.initOwner(owner);
            dialog.setTitle("Choose a series");
            dialog.setHeaderText(series.size() + " image series in " + dir.getFileName());
            dialog.setContentText("Series:");
            dialog.showAndWait().ifPresent(label -> series.stream().filter(c -> c.label().equals(label)).findFirst()
                .ifPresent(c -> vm.open(dir, c.seriesInstanceUid())));
        }));
    }

}
