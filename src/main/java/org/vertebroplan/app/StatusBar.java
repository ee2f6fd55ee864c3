package org.vertebroplan.app;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The status bar: the outcome of the last action or the step of the work in progress, in colour by its
 * severity (red with a mark for a failure, orange for a warning; the whole text in a tooltip when it is
 * too long for the bar), the point under the mouse in a slice view (LPS and HU), and a progress bar while
 * a case loads or a guide is generated.
 */
public final class StatusBar extends HBox {

    public StatusBar(WorkstationViewModel vm) {
        super(8);
        setId("status-bar");
        setPadding(new Insets(3, 8, 3, 8));
        setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(vm.statusProperty());
        status.setMaxWidth(Double.MAX_VALUE);
        status.setMinWidth(0);
        Tooltip full = new Tooltip();
        full.textProperty().bind(vm.statusProperty());
        full.setWrapText(true);
        full.setMaxWidth(700);
        status.setTooltip(full);
        Runnable style = () -> {
            status.getStyleClass().removeAll("status-error", "status-warning");
            WorkstationViewModel.Severity s = vm.statusSeverityProperty().get();
            if (s == WorkstationViewModel.Severity.ERROR) {
                status.getStyleClass().add("status-error");
            } else if (s == WorkstationViewModel.Severity.WARNING) {
                status.getStyleClass().add("status-warning");
            }
            status.setGraphic(s == WorkstationViewModel.Severity.ERROR ? mark("\u2716", "status-mark-error")
                : s == WorkstationViewModel.Severity.WARNING ? mark("\u26a0", "status-mark-warning") : null);
        };
        vm.statusSeverityProperty().addListener((obs, old, s) -> style.run());
        style.run();
        HBox.setHgrow(status, Priority.ALWAYS);
        Label cursor = new Label();
        cursor.setId("cursor-info");
        cursor.textProperty().bind(vm.cursorInfoProperty());
        cursor.setMinWidth(Label.USE_PREF_SIZE);
        ProgressBar bar = new ProgressBar();
        bar.setId("progress");
        bar.setPrefWidth(160);
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.busyProperty());
        bar.managedProperty().bind(vm.busyProperty());
        getChildren().addAll(status, cursor, bar);
    }

    private static Label mark(String symbol, String styleClass) {
        Label l = new Label(symbol);
        l.getStyleClass().addAll("status-mark", styleClass);
        return l;
    }
}
