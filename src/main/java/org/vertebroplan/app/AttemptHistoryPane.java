package org.vertebroplan.app;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.rehearsal.Attempt;
import org.vertebroplan.rehearsal.AttemptMode;
import org.vertebroplan.rehearsal.Scorer;
import org.vertebroplan.volume.Volume;

/**
 * A trainee's progress: the attempt files beside the plan ({@link AttemptHistory}), oldest first, one
 * row each (number, date, trainee, mode, score, shots, dose, time, breaches on the way; an unreadable
 * file with its reason) and the scores over the attempts, freehand and template apart. The scores are
 * computed on the CT against the plan as it is now ({@link Scorer#scoreOnCt}, as {@code score --dicom}
 * does), in the background.
 */
public final class AttemptHistoryPane extends BorderPane {

    /** One attempt as listed. */
    public record Row(int number, String date, String trainee, String mode, String score, int shots, String dose,
                      String time, int breaches, String file) {
    }

    private final TableView<Row> table = new TableView<>();
    private final LineChart<Number, Number> chart;
    private final Label status = new Label();
    private volatile boolean done;

    AttemptHistoryPane(Path planFile, Plan reference, Volume ct, Runnable onBack) {
        setId("attempt-history");
        Label title = new Label("Attempt history: " + planFile.toAbsolutePath().getParent());
        title.setStyle("-fx-font-weight: bold; -fx-font-size: 14px;");
        Button back = Controls.button("history-back", "Back", onBack);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(12, title, spacer, back);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(6, 8, 6, 8));
        top.setStyle("-fx-background-color: #1b1e23;");
        setTop(top);

        table.setId("history-table");
        table.setPlaceholder(new Label("No attempt beside this plan yet."));
        table.getColumns().add(column("#", r -> String.valueOf(r.number()), 40));
        table.getColumns().add(column("date", Row::date, 130));
        table.getColumns().add(column("trainee", Row::trainee, 110));
        table.getColumns().add(column("mode", Row::mode, 80));
        table.getColumns().add(column("score", Row::score, 60));
        table.getColumns().add(column("shots", r -> String.valueOf(r.shots()), 50));
        table.getColumns().add(column("dose", Row::dose, 75));
        table.getColumns().add(column("time", Row::time, 60));
        table.getColumns().add(column("breaches", r -> String.valueOf(r.breaches()), 70));
        table.getColumns().add(column("file", Row::file, 260));
        NumberAxis x = new NumberAxis();
        x.setLabel("attempt");
        x.setAutoRanging(false);
        x.setTickUnit(1);
        x.setMinorTickVisible(false);
        x.setTickLabelFormatter(new javafx.util.converter.NumberStringConverter("0"));
        NumberAxis y = new NumberAxis(0, 100, 10);
        y.setLabel("score");
        chart = new LineChart<>(x, y);
        chart.setId("history-chart");
        chart.setTitle("Score over the attempts");
        chart.setAnimated(false);
        chart.setPrefHeight(330);
        table.setPrefHeight(230);
        status.setId("history-status");
        status.setPadding(new Insets(3, 8, 3, 8));
        VBox centre = new VBox(6, table, chart);
        VBox.setVgrow(chart, Priority.ALWAYS);
        centre.setPadding(new Insets(6));
        setCenter(centre);
        setBottom(status);
        load(planFile, reference, ct);
    }

    private static TableColumn<Row, String> column(String name, Function<Row, String> value, double width) {
        TableColumn<Row, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    private void load(Path planFile, Plan reference, Volume ct) {
        status.setText("Reading and scoring the attempts on the CT...");
        Task<List<Row>> task = new Task<>() {
            @Override
            protected List<Row> call() throws Exception {
                List<Row> rows = new ArrayList<>();
                for (AttemptHistory.Entry e : AttemptHistory.list(planFile)) {
                    rows.add(row(e, reference, ct));
                }
                return rows;
            }
        };
        task.setOnSucceeded(e -> {
            List<Row> rows = task.getValue();
            table.setItems(FXCollections.observableArrayList(rows));
            XYChart.Series<Number, Number> freehand = new XYChart.Series<>();
            freehand.setName("freehand");
            XYChart.Series<Number, Number> template = new XYChart.Series<>();
            template.setName("template");
            for (Row r : rows) {
                if (!r.score().isEmpty() && Character.isDigit(r.score().charAt(0))) {
                    (r.mode().equals(AttemptMode.TEMPLATE.jsonName()) ? template : freehand).getData()
                        .add(new XYChart.Data<>(r.number(), Double.parseDouble(r.score())));
                }
            }
            chart.getData().setAll(List.of(freehand, template));
            NumberAxis axis = (NumberAxis) chart.getXAxis();
            axis.setLowerBound(0);
            axis.setUpperBound(rows.stream().mapToInt(Row::number).max().orElse(0) + 1);
            status.setText(rows.size() + (rows.size() == 1 ? " attempt" : " attempts")
                + ", scored against " + planFile.getFileName() + " as it is now");
            done = true;
        });
        task.setOnFailed(e -> {
            status.setText("Could not read the attempts: " + WorkstationViewModel.describe(task.getException()));
            done = true;
        });
        Thread t = new Thread(task, "attempt-history");
        t.setDaemon(true);
        t.start();
    }

    private static Row row(AttemptHistory.Entry e, Plan reference, Volume ct) {
        String name = e.file().getFileName().toString();
        if (e.attempt() == null) {
            return new Row(e.number(), "", "", "", "unreadable", 0, "", "", 0, name + ": " + e.error());
        }
        Attempt a = e.attempt();
        String score;
        try {
            score = String.format(Locale.ROOT, "%.1f", Scorer.scoreOnCt(reference, a.plan(), ct).score());
        } catch (RuntimeException ex) {
            score = "not scored: " + WorkstationViewModel.describe(ex);
        }
        return new Row(e.number(), date(a.startedAt()), a.trainee() == null ? "" : a.trainee(), a.mode().jsonName(),
            score, a.shots().size(), String.format(Locale.ROOT, "%.1f mGy", a.doseMGy()),
            RehearsalViewModel.clock(a.durationSeconds()), a.breaches().size(), name);
    }

    /** An ISO-8601 instant as local date and time ("2026-01-05 14:03"); other text as it is. */
    static String date(String iso) {
        if (iso == null) {
            return "";
        }
        try {
            return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault())
                .format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /** The rows once read and scored (empty before). */
    public List<Row> rows() {
        return List.copyOf(table.getItems());
    }

    /** Reading and scoring are done. */
    public boolean done() {
        return done;
    }

    LineChart<Number, Number> chart() {
        return chart;
    }
}
