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
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleSafety;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.SafetyAnalyzer;
import org.vertebroplan.plan.SafetyOptions;

/**
 * The safety verdicts that follow the plan: {@link #schedule()} (after each change of the needles)
 * restarts a pause; when it ends, {@link SafetyAnalyzer#check} runs on the background executor for
 * the needles of that moment. The verdicts are published only if the shown plan still has those
 * needles (else the check runs again), together with the plan they belong to, so a view never shows
 * a verdict of an older needle. One check at a time. FX thread only.
 */
final class LiveSafetyCheck {

    private final WorkstationViewModel main;
    private final Executor executor;
    private final Consumer<String> onError;
    private final PauseTransition debounce;
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking");
    private final ReadOnlyObjectWrapper<Map<String, NeedleSafety>> safety =
        new ReadOnlyObjectWrapper<>(this, "safety", Map.of());
    private final ReadOnlyObjectWrapper<Plan> checkedPlan = new ReadOnlyObjectWrapper<>(this, "checkedPlan");

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
        safety.set(Map.of());
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
            publish(p, Map.of());
            return;
        }
        List<SafetyAnalyzer.Input> inputs = new ArrayList<>();
        for (Needle n : p.needles()) {
            inputs.add(SafetyAnalyzer.Input.of(n));
        }
        Task<List<NeedleSafety>> task = new Task<>() {
            @Override
            protected List<NeedleSafety> call() {
                return SafetyAnalyzer.check(c.volume(), inputs, SafetyOptions.defaults());
            }
        };
        checking.set(true);
        task.setOnSucceeded(e -> {
            checking.set(false);
            if (main.getLoadedCase() == c && p.needles().equals(needlesNow())) {
                Map<String, NeedleSafety> m = new LinkedHashMap<>();
                task.getValue().forEach(s -> m.put(s.id(), s));
                publish(main.planProperty().get(), m);
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
            publish(p, m);
            onError.accept("Safety check failed: " + why);
        });
        executor.execute(task);
    }

    private List<Needle> needlesNow() {
        Plan now = main.planProperty().get();
        return now == null ? null : now.needles();
    }

    private void publish(Plan plan, Map<String, NeedleSafety> verdicts) {
        checkedPlan.set(plan); // first: views read it when the verdicts change
        safety.set(Map.copyOf(verdicts));
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
