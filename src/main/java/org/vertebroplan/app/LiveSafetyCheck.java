package org.vertebroplan.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.util.Duration;
import org.vertebroplan.plan.LevelAnalysis;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleSafety;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.SafetyAnalyzer;
import org.vertebroplan.plan.SafetyOptions;
import org.vertebroplan.volume.Volume;

/**
 * The safety verdicts that follow the plan: {@link #schedule()} (after each change of the needles)
 * restarts a pause; when it ends, {@link SafetyAnalyzer#checkAll} runs on the background executor for
 * the needles of that moment. The verdicts are published only if the shown plan still has those
 * needles (else the check runs again), together with the plan they belong to and each needle's level
 * analysis (its measured vertebra frame, canal, segmentation; for the views), so a view never shows
 * a verdict of an older needle. A check that fails publishes "not checked" verdicts, which are unsafe.
 * One check at a time. FX thread only.
 */
final class LiveSafetyCheck {

    /** The check itself (the core's; tests substitute one that fails). */
    interface Checker {
        SafetyAnalyzer.Result check(Volume ct, List<SafetyAnalyzer.Input> needles) throws Exception;
    }

    static final Checker CORE = (ct, needles) -> SafetyAnalyzer.checkAll(ct, needles, SafetyOptions.defaults());

    private final WorkstationViewModel main;
    private final Executor executor;
    private final Consumer<String> onError;
    private final PauseTransition debounce;
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking");
    private final ReadOnlyObjectWrapper<Map<String, NeedleSafety>> safety =
        new ReadOnlyObjectWrapper<>(this, "safety", Map.of());
    private final ReadOnlyObjectWrapper<Plan> checkedPlan = new ReadOnlyObjectWrapper<>(this, "checkedPlan");
    private Map<String, LevelAnalysis> analyses = Map.of();
    private Checker checker = CORE;

    LiveSafetyCheck(WorkstationViewModel main, Executor executor, Duration delay, Consumer<String> onError) {
        this.main = main;
        this.executor = executor;
        this.onError = onError;
        debounce = new PauseTransition(delay);
        debounce.setOnFinished(e -> run());
    }

    /** Forgets the verdicts (a new case). */
    void reset() {
        checkedPlan.set(null);
        analyses = Map.of();
        safety.set(Map.of());
    }

    /** Replaces the check (tests). */
    void setChecker(Checker c) {
        checker = c;
    }

    /** Checks again after the pause (restarted by every call). */
    void schedule() {
        debounce.playFromStart();
    }

    /** No check pending or running, and the verdicts belong to the shown needles. */
    boolean settled() {
        Plan p = main.planProperty().get();
        Plan c = checkedPlan.get();
        return !checking.get() && debounce.getStatus() != Animation.Status.RUNNING
            && (p == null || (c != null && c.needles().equals(p.needles())));
    }

    private void run() {
        LoadedCase c = main.getLoadedCase();
        Plan p = main.planProperty().get();
        if (c == null || p == null || checking.get()) {
            return;
        }
        if (p.needles().isEmpty()) {
            publish(p, Map.of(), Map.of());
            return;
        }
        List<SafetyAnalyzer.Input> inputs = new ArrayList<>();
        for (Needle n : p.needles()) {
            inputs.add(SafetyAnalyzer.Input.of(n));
        }
        Checker using = checker;
        Task<SafetyAnalyzer.Result> task = new Task<>() {
            @Override
            protected SafetyAnalyzer.Result call() throws Exception {
                return using.check(c.volume(), inputs);
            }
        };
        checking.set(true);
        task.setOnSucceeded(e -> {
            checking.set(false);
            if (main.getLoadedCase() == c && p.needles().equals(needlesNow())) {
                Map<String, NeedleSafety> m = new LinkedHashMap<>();
                task.getValue().needles().forEach(s -> m.put(s.id(), s));
                Map<String, LevelAnalysis> a = new LinkedHashMap<>();
                for (SafetyAnalyzer.Level l : task.getValue().levels()) {
                    if (l.analysis() != null) {
                        l.needleIds().forEach(id -> a.put(id, l.analysis()));
                    }
                }
                publish(main.planProperty().get(), m, a);
            } else {
                run(); // the needles changed meanwhile
            }
        });
        task.setOnFailed(e -> {
            checking.set(false);
            // a check that failed is never shown as safe: every needle is "not checked", unsafe
            String why = WorkstationViewModel.describe(task.getException());
            Map<String, NeedleSafety> m = new LinkedHashMap<>();
            p.needles().forEach(n -> m.put(n.id(), NeedleSafety.notChecked(n.id(), "the safety check failed: " + why)));
            publish(p, m, Map.of());
            onError.accept("Safety check failed: " + why);
        });
        executor.execute(task);
    }

    private List<Needle> needlesNow() {
        Plan now = main.planProperty().get();
        return now == null ? null : now.needles();
    }

    private void publish(Plan plan, Map<String, NeedleSafety> verdicts, Map<String, LevelAnalysis> levels) {
        checkedPlan.set(plan); // first: views read it when the verdicts change
        analyses = Map.copyOf(levels);
        safety.set(Map.copyOf(verdicts));
    }

    /**
     * The analysis of a needle's level from the latest published check (its vertebra frame, canal and
     * segmentation), or null (not checked, or the level could not be analysed).
     */
    LevelAnalysis analysisOf(String needleId) {
        return analyses.get(needleId);
    }

    ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Map<String, NeedleSafety>> safetyProperty() {
        return safety.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Plan> checkedPlanProperty() {
        return checkedPlan.getReadOnlyProperty();
    }
}
