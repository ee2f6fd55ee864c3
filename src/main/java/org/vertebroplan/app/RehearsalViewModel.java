package org.vertebroplan.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.concurrent.Task;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;
import org.vertebroplan.base.Parallel;
import org.vertebroplan.fluoro.Attenuation;
import org.vertebroplan.fluoro.CArm;
import org.vertebroplan.fluoro.DrrRenderer;
import org.vertebroplan.fluoro.FluoroDisplay;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.LevelAnalysis;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleSafety;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.SafetyAnalyzer;
import org.vertebroplan.plan.SafetyOptions;
import org.vertebroplan.plan.Side;
import org.vertebroplan.rehearsal.Attempt;
import org.vertebroplan.rehearsal.AttemptJson;
import org.vertebroplan.rehearsal.AttemptMode;
import org.vertebroplan.rehearsal.AttemptScore;
import org.vertebroplan.rehearsal.Scorer;

/**
 * State of a rehearsal on the screen (MVVM; FX thread only): wraps a {@link RehearsalSession} and
 * publishes what the trainee may see: the last shot (rendered by {@link DrrRenderer} on a background
 * thread, the CT's attenuation computed once at the start), the shot count, the dose, the running
 * time, the C-arm's angles, the needles (their steel, for the outside view) and a message. The
 * reference plan is never published before the end.
 *
 * <p>Every state of the needles goes to the {@link RehearsalBreachWatch} on its own thread, in order;
 * its findings stay hidden until {@link #finish}: that waits for the watch, checks and scores the
 * attempt on the CT as {@link Scorer#scoreOnCt} (and {@code score --dicom}) does, keeps the breaches
 * that check's analysis confirms ({@link RehearsalBreachWatch#confirmed}), writes the attempt file beside the plan
 * ({@link AttemptHistory#nextFile}, atomically) and publishes the {@link RehearsalOutcome}.
 *
 * <p>Shots: each request is counted and dosed at once; while one renders, only the latest request
 * waits (the monitor shows the last exposure).
 */
public final class RehearsalViewModel {

    private final LoadedCase loaded;
    private final Plan reference;
    private final Path planFile;
    private final String trainee;
    private final String startedAt;
    private final RehearsalSession session;
    private final RehearsalBreachWatch watch;
    private final ExecutorService renderThread = daemonThread("rehearsal-shot");
    private final ExecutorService watchThread = daemonThread("rehearsal-breach-watch");
    private final CompletableFuture<Attenuation> attenuation;
    private final AtomicInteger watching = new AtomicInteger();
    private final long startNanos = System.nanoTime();
    private final Timeline ticker;

    private final ReadOnlyIntegerWrapper shotCount = new ReadOnlyIntegerWrapper(this, "shotCount");
    private final ReadOnlyDoubleWrapper dose = new ReadOnlyDoubleWrapper(this, "dose");
    private final ReadOnlyStringWrapper elapsed = new ReadOnlyStringWrapper(this, "elapsed", "0:00");
    private final ReadOnlyObjectWrapper<Image> shotImage = new ReadOnlyObjectWrapper<>(this, "shotImage");
    private final ReadOnlyObjectWrapper<CArm> shotCarm = new ReadOnlyObjectWrapper<>(this, "shotCarm");
    private final ReadOnlyStringWrapper shotTitle = new ReadOnlyStringWrapper(this, "shotTitle",
        "No shot yet: press X to take one");
    private final ReadOnlyBooleanWrapper rendering = new ReadOnlyBooleanWrapper(this, "rendering");
    private final DoubleProperty orbital = new SimpleDoubleProperty(this, "orbital");
    private final DoubleProperty angular = new SimpleDoubleProperty(this, "angular");
    private final ReadOnlyStringWrapper carmInfo = new ReadOnlyStringWrapper(this, "carmInfo");
    private final ReadOnlyObjectWrapper<Side> side = new ReadOnlyObjectWrapper<>(this, "side", Side.LEFT);
    private final ReadOnlyStringWrapper level = new ReadOnlyStringWrapper(this, "level");
    private final ReadOnlyObjectWrapper<List<RehearsalNeedle>> needles =
        new ReadOnlyObjectWrapper<>(this, "needles", List.of());
    private final ReadOnlyStringWrapper needleInfo = new ReadOnlyStringWrapper(this, "needleInfo");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper guideSeated = new ReadOnlyBooleanWrapper(this, "guideSeated");
    private final ReadOnlyBooleanWrapper finishing = new ReadOnlyBooleanWrapper(this, "finishing");
    private final ReadOnlyObjectWrapper<RehearsalOutcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome");
    private PendingShot pending;
    private boolean closed;

    private record PendingShot(int number, CArm carm, List<Needle> rods) {
    }

    /**
     * Starts a rehearsal of {@code loaded} against {@code reference} (read from {@code planFile}, beside
     * which the attempt is saved).
     */
    public RehearsalViewModel(LoadedCase loaded, Plan reference, Path planFile, AttemptMode mode, String trainee) {
        this.loaded = loaded;
        this.reference = reference;
        this.planFile = planFile;
        this.trainee = trainee == null || trainee.isBlank() ? null : trainee.trim();
        this.startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        session = new RehearsalSession(reference, mode, this::seconds);
        watch = new RehearsalBreachWatch(loaded.volume(), session::levelCentre);
        attenuation = CompletableFuture.supplyAsync(() -> Attenuation.of(loaded.volume(), Parallel.defaultThreads()),
            renderThread);
        orbital.set(session.carm().orbitalDeg());
        angular.set(session.carm().angularDeg());
        orbital.addListener((o, a, b) -> turn());
        angular.addListener((o, a, b) -> turn());
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> elapsed.set(clock(seconds()))));
        ticker.setCycleCount(Animation.INDEFINITE);
        ticker.play();
        level.set(session.level());
        message.set(mode == AttemptMode.TEMPLATE
            ? "Template-guided: take shots to find the level, then seat the guide (G) and advance each needle."
            : "Freehand: find the pedicle on an AP shot, click there on the shot (or on the skin in 3D) to mark the"
                + " entry, then aim and advance the needle.");
        refresh();
    }

    private static ExecutorService daemonThread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    private double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static String clock(double seconds) {
        long s = (long) Math.floor(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    // ---- the trainee's actions -------------------------------------------------------------------

    /** Marks the entry where the ray through pixel (column, row) of the shown shot reaches the back. */
    public void markEntryOnShot(double column, double row) {
        if (session.entryRefusal() != null) {
            say(session.entryRefusal());
            return;
        }
        CArm c = shotCarm.get();
        if (c == null) {
            say("Take a shot first");
            return;
        }
        Optional<Vec3> skin = RehearsalGeometry.entryOnShot(loaded.volume(), c, column, row);
        if (skin.isEmpty()) {
            say(Math.abs(c.beam().y()) < RehearsalGeometry.MIN_BEAM_AP
                ? "Mark the entry on an AP or oblique shot: a lateral shot does not show where the back is"
                : "No skin of the back under that point of the shot");
            return;
        }
        markEntry(skin.get());
    }

    /** Marks the entry where the 3D skin was picked (snapped to the CT's skin). */
    public void markEntryOnSkin(Vec3 pickedLps) {
        if (session.entryRefusal() != null) {
            say(session.entryRefusal());
            return;
        }
        Optional<Vec3> skin = RehearsalGeometry.entryOnSkin(loaded.volume(), session.levelCentre(session.level()),
            pickedLps);
        if (skin.isEmpty()) {
            say("No skin there");
            return;
        }
        markEntry(skin.get());
    }

    /** Marks the entry of the current needle at this skin point (LPS). */
    public void markEntry(Vec3 skinLps) {
        act(session.markEntry(skinLps), String.format(Locale.ROOT, "%s needle: entry marked on the skin",
            capital(session.side().jsonName())));
    }

    /** Turns the current needle (degrees; positive: the tip cranially, medially). */
    public void tilt(double cranialDeg, double medialDeg) {
        act(session.tilt(cranialDeg, medialDeg), "");
    }

    /** Advances (positive) or withdraws the current needle, mm. */
    public void advance(double mm) {
        act(session.advance(mm), "");
    }

    /** Template mode: seats the guide; the needles then run in their sleeves. */
    public void seatGuide() {
        act(session.seatGuide(), "Guide seated: each needle runs in its sleeve; advance it (W) and check the depth on"
            + " lateral shots.");
    }

    public void selectSide(Side s) {
        session.selectSide(s);
        refresh();
    }

    public void selectLevel(String label) {
        String problem = session.selectLevel(label);
        if (problem != null) {
            say(problem);
        }
        refresh();
    }

    /** "ap", "lateral" or "oblique" (towards the current needle's side). */
    public void preset(String view) {
        session.preset(view);
        orbital.set(session.carm().orbitalDeg());
        angular.set(session.carm().angularDeg());
    }

    /** Moves the C-arm's centre cranially (positive) or caudally, mm. */
    public void moveTable(double cranialMm) {
        session.moveTable(cranialMm);
        refresh();
    }

    /** Takes a shot: counted and dosed now, rendered in the background and then shown. */
    public void takeShot() {
        if (closed) {
            return;
        }
        session.takeShot();
        shotCount.set(session.shots().size());
        dose.set(session.doseMGy());
        PendingShot p = new PendingShot(session.shots().size(), session.carm(), session.rods());
        if (rendering.get()) {
            pending = p;
        } else {
            render(p);
        }
    }

    private void render(PendingShot p) {
        rendering.set(true);
        Task<int[]> task = new Task<>() {
            @Override
            protected int[] call() throws Exception {
                byte[] grey = FluoroDisplay.show(DrrRenderer.render(attenuation.get(), p.carm(), p.rods(),
                    Parallel.defaultThreads()));
                int[] argb = new int[grey.length];
                for (int i = 0; i < grey.length; i++) {
                    int g = grey[i] & 0xff;
                    argb[i] = 0xff000000 | g << 16 | g << 8 | g;
                }
                return argb;
            }
        };
        task.setOnSucceeded(e -> {
            int n = p.carm().sizePx();
            WritableImage img = new WritableImage(n, n);
            img.getPixelWriter().setPixels(0, 0, n, n, PixelFormat.getIntArgbInstance(), task.getValue(), 0, n);
            shotCarm.set(p.carm());
            shotImage.set(img);
            shotTitle.set(String.format(Locale.ROOT, "Shot %d: %s", p.number(), describe(p.carm())));
            nextRender();
        });
        task.setOnFailed(e -> {
            say("The shot could not be rendered: " + WorkstationViewModel.describe(task.getException()));
            nextRender();
        });
        renderThread.execute(task);
    }

    private void nextRender() {
        PendingShot next = pending;
        pending = null;
        if (next != null && !closed) {
            render(next);
        } else {
            rendering.set(false);
        }
    }

    /**
     * Ends the rehearsal: waits for the breach watch, scores the needles on the CT, saves the attempt
     * file beside the plan; the outcome appears in {@link #outcomeProperty()}.
     */
    public void finish() {
        if (finishing.get() || outcome.get() != null) {
            return;
        }
        if (session.attemptPlan().needles().isEmpty()) {
            say("No needle went in yet: advance a needle (W) before finishing, or abandon the rehearsal");
            return;
        }
        finishing.set(true);
        ticker.stop();
        Attempt bare = session.attempt(trainee, startedAt, planFile.getFileName().toString());
        int beforeEntry = session.shotsBeforeEntry();
        Task<RehearsalOutcome> task = new Task<>() {
            @Override
            protected RehearsalOutcome call() throws Exception {
                watchThread.submit(() -> { }).get(); // every state checked
                // the final check, as Scorer.scoreOnCt (and score --dicom) runs it; its analyses confirm the breaches
                List<SafetyAnalyzer.Input> inputs = bare.plan().needles().stream().map(SafetyAnalyzer.Input::of).toList();
                SafetyAnalyzer.Result check = SafetyAnalyzer.checkAll(loaded.volume(), inputs, SafetyOptions.defaults());
                Map<String, NeedleSafety> verdicts = new LinkedHashMap<>();
                check.needles().forEach(s -> verdicts.put(s.id(), s));
                Map<String, LevelAnalysis> analyses = new HashMap<>();
                for (SafetyAnalyzer.Level l : check.levels()) {
                    if (l.analysis() != null) {
                        analyses.put(l.label() == null ? "" : l.label(), l.analysis());
                    }
                }
                Attempt attempt = bare.withBreaches(watch.confirmed(analyses));
                AttemptScore score = Scorer.score(reference, attempt.plan(), verdicts);
                Path file = null;
                String saveError = null;
                try {
                    file = AttemptHistory.save(attempt, planFile);
                } catch (IOException e) {
                    saveError = WorkstationViewModel.describe(e);
                }
                return new RehearsalOutcome(loaded, reference, planFile, attempt, score, beforeEntry, file, saveError);
            }
        };
        task.setOnSucceeded(e -> {
            finishing.set(false);
            outcome.set(task.getValue());
            close();
        });
        task.setOnFailed(e -> {
            finishing.set(false);
            ticker.play();
            say("Could not score the attempt: " + WorkstationViewModel.describe(task.getException()));
        });
        Thread t = new Thread(task, "rehearsal-finish");
        t.setDaemon(true);
        t.start();
    }

    /** Stops the clock and the background threads (finished or abandoned). */
    public void close() {
        closed = true;
        ticker.stop();
        renderThread.shutdown();
        watchThread.shutdown();
    }

    /** No shot is rendering or waiting and every needle state has been checked (tests). */
    public boolean settled() {
        return !rendering.get() && pending == null && watching.get() == 0 && !finishing.get();
    }

    // ---- publishing ------------------------------------------------------------------------------

    private void act(String problem, String done) {
        if (problem != null) {
            say(problem);
            return;
        }
        say(done);
        refresh();
        List<RehearsalBreachWatch.State> states = new ArrayList<>();
        for (RehearsalNeedle n : session.needles()) {
            states.add(new RehearsalBreachWatch.State(session.idOf(n), n));
        }
        double at = seconds();
        watching.incrementAndGet();
        watchThread.execute(() -> {
            try {
                watch.check(at, states);
            } finally {
                watching.decrementAndGet();
            }
        });
    }

    private void turn() {
        session.setAngles(orbital.get(), angular.get());
        // the C-arm's reach: the sliders come back within it
        if (orbital.get() != session.carm().orbitalDeg()) {
            orbital.set(session.carm().orbitalDeg());
        }
        if (angular.get() != session.carm().angularDeg()) {
            angular.set(session.carm().angularDeg());
        }
        refresh();
    }

    private void say(String text) {
        message.set(text == null ? "" : text);
    }

    private void refresh() {
        side.set(session.side());
        level.set(session.level());
        guideSeated.set(session.guideSeated());
        needles.set(session.needles());
        carmInfo.set(describe(session.carm()) + String.format(Locale.ROOT, ", centre %.0f mm from the level",
            session.carm().isoLps().z() - session.levelCentre(session.level()).z()));
        RehearsalNeedle n = session.current();
        String who = capital(session.side().jsonName()) + " needle" + (session.level() == null ? "" : " (" + session.level() + ")");
        if (n == null) {
            needleInfo.set(who + ": " + (session.mode() == AttemptMode.TEMPLATE
                ? (session.guideSeated() ? "no sleeve on this side" : "the guide is not seated yet")
                : "no entry yet"));
        } else {
            needleInfo.set(String.format(Locale.ROOT, "%s%s: depth %.0f mm, cranial %+.1f°, medial %+.1f° (patient frame)", who,
                n.sleeved() ? " in its sleeve" : "", n.depthMm(), n.cranialDeg(), n.abductionDeg()));
        }
    }

    static String describe(CArm c) {
        String name = Math.abs(c.orbitalDeg()) < 0.5 ? "AP" : Math.abs(Math.abs(c.orbitalDeg()) - 90) < 0.5 ? "lateral"
            : "oblique";
        return String.format(Locale.ROOT, "%s (orbital %+.0f°, angular %+.0f°)", name, c.orbitalDeg(), c.angularDeg());
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    // ---- properties --------------------------------------------------------------------------------

    public AttemptMode mode() {
        return session.mode();
    }

    /** The levels the trainee may pick (the reference plan's labels). */
    public List<String> levels() {
        return session.levels();
    }

    /** The case being rehearsed (CT and surfaces; its plan is the reference and is not to be shown). */
    LoadedCase loadedCase() {
        return loaded;
    }

    String trainee() {
        return trainee;
    }

    RehearsalSession session() {
        return session;
    }

    public ReadOnlyIntegerProperty shotCountProperty() {
        return shotCount.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty doseProperty() {
        return dose.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty elapsedProperty() {
        return elapsed.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Image> shotImageProperty() {
        return shotImage.getReadOnlyProperty();
    }

    /** The C-arm of the shot on the monitor (null before the first). */
    public ReadOnlyObjectProperty<CArm> shotCarmProperty() {
        return shotCarm.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty shotTitleProperty() {
        return shotTitle.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty renderingProperty() {
        return rendering.getReadOnlyProperty();
    }

    public DoubleProperty orbitalProperty() {
        return orbital;
    }

    public DoubleProperty angularProperty() {
        return angular;
    }

    public ReadOnlyStringProperty carmInfoProperty() {
        return carmInfo.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Side> sideProperty() {
        return side.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty levelProperty() {
        return level.getReadOnlyProperty();
    }

    /** The trainee's needles as they stand (for the outside view). */
    public ReadOnlyObjectProperty<List<RehearsalNeedle>> needlesProperty() {
        return needles.getReadOnlyProperty();
    }

    /** The C-arm as it stands (not yet shot). */
    public CArm carm() {
        return session.carm();
    }

    public ReadOnlyStringProperty needleInfoProperty() {
        return needleInfo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty guideSeatedProperty() {
        return guideSeated.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty finishingProperty() {
        return finishing.getReadOnlyProperty();
    }

    /** The result, once {@link #finish} is done (null before). */
    public ReadOnlyObjectProperty<RehearsalOutcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }
}
