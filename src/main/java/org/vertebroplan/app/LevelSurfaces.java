package org.vertebroplan.app;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.scene.shape.TriangleMesh;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.plan.LevelAnalysis;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Plan;

/**
 * The planned levels' bone at full resolution for the 3D view, refined in the background (MVVM: no
 * nodes). Whenever the safety check publishes its level analyses, the levels of the plan's needles are
 * compared with those shown (by their measured centres, within {@link #SAME_LEVEL_MM}); for a new set a
 * {@link Task} builds each new level's surface ({@link DisplaySurfaces#levelBone}; a level already built
 * is reused) and the context bone without them ({@link DisplaySurfaces#without}), with their JavaFX meshes,
 * and publishes them together in {@link #shownProperty()}. A result for another case or an older set is
 * dropped. Until then (and for a plan without needles) the view shows the coarse context bone alone.
 * FX thread only.
 */
final class LevelSurfaces {

    /** Two analyses whose vertebra centres are closer than this are the same level (mm). */
    static final double SAME_LEVEL_MM = 6;

    /** One level's bone at full resolution: its measured centre, the surface (LPS) and its JavaFX mesh. */
    record Level(Vec3 centreLps, Mesh mesh, TriangleMesh fx) {
    }

    /** The levels shown and the context bone without them. */
    record Shown(List<Level> levels, Mesh context, TriangleMesh contextFx) {
    }

    private final WorkstationViewModel main;
    private final PlanningViewModel planning;
    private final Executor executor;
    private final ReadOnlyObjectWrapper<Shown> shown = new ReadOnlyObjectWrapper<>(this, "shown");
    private final ReadOnlyBooleanWrapper building = new ReadOnlyBooleanWrapper(this, "building");
    /** The centres being built or shown, in order (null: nothing asked yet). */
    private List<Vec3> wanted;
    private List<LevelAnalysis> pending;

    LevelSurfaces(WorkstationViewModel main, PlanningViewModel planning, Executor executor) {
        this.main = main;
        this.planning = planning;
        this.executor = executor;
        main.loadedCaseProperty().addListener((o, a, c) -> {
            wanted = null;
            pending = null;
            shown.set(null);
        });
        planning.safetyProperty().addListener((o, a, s) -> update());
    }

    /** The analysed levels of the current plan's needles, one per vertebra. */
    private List<LevelAnalysis> analysedLevels() {
        Plan p = main.planProperty().get();
        Map<LevelAnalysis, Boolean> seen = new IdentityHashMap<>();
        List<LevelAnalysis> out = new ArrayList<>();
        if (p == null) {
            return out;
        }
        for (Needle n : p.needles()) {
            LevelAnalysis a = planning.levelAnalysisOf(n.id());
            if (a == null || seen.put(a, Boolean.TRUE) != null) {
                continue;
            }
            if (out.stream().noneMatch(b -> close(b.frame().centreLps(), a.frame().centreLps()))) {
                out.add(a);
            }
        }
        return out;
    }

    private static boolean close(Vec3 a, Vec3 b) {
        return a.distance(b) < SAME_LEVEL_MM;
    }

    private static boolean sameSet(List<Vec3> a, List<Vec3> b) {
        if (a == null || b == null || a.size() != b.size()) {
            return false;
        }
        for (Vec3 p : a) {
            if (b.stream().noneMatch(q -> close(p, q))) {
                return false;
            }
        }
        return true;
    }

    private void update() {
        LoadedCase c = main.getLoadedCase();
        if (c == null) {
            return;
        }
        List<LevelAnalysis> levels = analysedLevels();
        if (levels.isEmpty() && planning.checkedPlanProperty().get() != null
            && !planning.checkedPlanProperty().get().needles().isEmpty()) {
            return; // a check that measured nothing (failed): keep what is shown
        }
        List<Vec3> centres = levels.stream().map(l -> l.frame().centreLps()).toList();
        if (sameSet(centres, wanted)) {
            return;
        }
        wanted = centres;
        if (building.get()) {
            pending = levels; // built after the running task
            return;
        }
        build(c, levels);
    }

    private void build(LoadedCase c, List<LevelAnalysis> levels) {
        List<Vec3> centres = levels.stream().map(l -> l.frame().centreLps()).toList();
        if (levels.isEmpty()) {
            shown.set(null);
            return;
        }
        List<Level> reuse = shown.get() == null ? List.of() : shown.get().levels();
        Task<Shown> task = new Task<>() {
            @Override
            protected Shown call() {
                List<Level> out = new ArrayList<>();
                Mesh context = c.bone();
                for (LevelAnalysis a : levels) {
                    Vec3 centre = a.frame().centreLps();
                    Level done = reuse.stream().filter(l -> close(l.centreLps(), centre)).findFirst().orElse(null);
                    if (done == null) {
                        Mesh m = DisplaySurfaces.levelBone(c.volume(), a);
                        done = new Level(centre, m, FxMeshMapper.toTriangleMesh(m));
                    }
                    out.add(done);
                    context = DisplaySurfaces.without(context, a);
                }
                return new Shown(List.copyOf(out), context, FxMeshMapper.toTriangleMesh(context));
            }
        };
        building.set(true);
        task.setOnSucceeded(e -> finish(c, centres, task.getValue()));
        task.setOnFailed(e -> {
            main.report("Could not build the level's bone surface: "
                + WorkstationViewModel.describe(task.getException()), WorkstationViewModel.Severity.WARNING);
            finish(c, centres, null);
        });
        executor.execute(task);
    }

    private void finish(LoadedCase c, List<Vec3> centres, Shown result) {
        building.set(false);
        if (main.getLoadedCase() != c) {
            return;
        }
        if (result != null && sameSet(centres, wanted)) {
            shown.set(result);
        }
        if (pending != null) {
            List<LevelAnalysis> next = pending;
            pending = null;
            if (!sameSet(centres, wanted)) {
                build(c, next);
            }
        }
    }

    /** The full-resolution levels and the context without them (null: the coarse context bone alone). */
    ReadOnlyObjectProperty<Shown> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** A level surface is being built. */
    ReadOnlyBooleanProperty buildingProperty() {
        return building.getReadOnlyProperty();
    }
}
