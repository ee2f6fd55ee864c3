package org.vertebroplan.app;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;

/**
 * The C-arm's monitor in the rehearsal: the last shot as the fluoroscope shows it (square, as large
 * as the cell allows), its title (shot number and C-arm angles), "exposing..." while a shot renders.
 * A left click on the shot marks the entry on the skin of the back under that point
 * ({@link RehearsalViewModel#markEntryOnShot}). It draws nothing of its own over the image: no hint.
 */
final class FluoroMonitor extends StackPane {

    private final ImageView view = new ImageView();

    FluoroMonitor(RehearsalViewModel vm) {
        setId("fluoro-monitor");
        setStyle("-fx-background-color: black;");
        setMinSize(0, 0);
        view.setId("fluoro-image");
        view.setPreserveRatio(true);
        view.setSmooth(true);
        view.imageProperty().bind(vm.shotImageProperty());
        layoutBoundsProperty().addListener((o, a, b) -> {
            double side = Math.max(10, Math.min(b.getWidth(), b.getHeight()) - 8);
            view.setFitWidth(side);
            view.setFitHeight(side);
        });
        Label title = new Label();
        title.setId("shot-title");
        title.getStyleClass().add("view-title");
        title.textProperty().bind(vm.shotTitleProperty());
        Label exposing = new Label("exposing...");
        exposing.setId("exposing");
        exposing.getStyleClass().add("view-title");
        exposing.visibleProperty().bind(vm.renderingProperty());
        Label empty = new Label("No shot yet.\nTurn the C-arm (sliders, Q/E, R/F) and press X to take one.");
        empty.getStyleClass().add("placeholder");
        empty.visibleProperty().bind(Bindings.isNull(vm.shotImageProperty()));
        empty.setMouseTransparent(true);
        getChildren().addAll(view, empty, title, exposing);
        setAlignment(title, Pos.TOP_LEFT);
        setAlignment(exposing, Pos.TOP_RIGHT);
        setMargin(title, new Insets(4, 6, 4, 6));
        setMargin(exposing, new Insets(4, 6, 4, 6));
        view.setOnMouseClicked(e -> {
            Image img = view.getImage();
            if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress() && img != null) {
                double[] px = pixelAt(e.getX(), e.getY());
                vm.markEntryOnShot(px[0], px[1]);
            }
        });
    }

    /** The shot's pixel {column, row} (centres at integers) under a point of the image view. */
    double[] pixelAt(double x, double y) {
        double scale = view.getImage().getWidth() / view.getBoundsInLocal().getWidth();
        return new double[] {x * scale - 0.5, y * scale - 0.5};
    }

    /** The screen point over the shot's pixel (column, row) (for the robot in tests). */
    Point2D screenPointOf(double column, double row) {
        double scale = view.getBoundsInLocal().getWidth() / view.getImage().getWidth();
        return view.localToScreen((column + 0.5) * scale, (row + 0.5) * scale);
    }

    ImageView imageView() {
        return view;
    }
}
