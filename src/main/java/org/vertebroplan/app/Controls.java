package org.vertebroplan.app;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;

/** Small factories for the side panels' controls, so every panel looks and is looked up alike. */
final class Controls {

    private Controls() {
    }

    static TextField field(String id, int columns) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(columns);
        return f;
    }

    static Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    /** A bold section heading. */
    static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section");
        return l;
    }

    /** An orange wrapped warning showing {@code text}, taking no room while it is empty. */
    static Label warning(String id, javafx.beans.value.ObservableStringValue text) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("warning");
        l.setWrapText(true);
        l.textProperty().bind(text);
        l.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(text));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /** A small wrapped explanation. */
    static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("caption");
        l.setWrapText(true);
        return l;
    }
}
