package org.vertebroplan.app;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Point3D;
import javafx.geometry.Pos;
import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.PerspectiveCamera;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SubScene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.PickResult;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.Cylinder;
import javafx.scene.shape.DrawMode;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.Sphere;
import javafx.scene.transform.Rotate;
import javafx.scene.transform.Translate;
import org.fxyz3d.utils.CameraTransformer;
import java.util.List;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.plan.Fiducial;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.Side;
import org.vertebroplan.volume.Volume;

/**
 * The 3D viewport: a depth-buffered {@link SubScene} with a perspective camera in an FXyz3D
 * {@link CameraTransformer} rig (orbit about a centre), ambient light plus a head light that moves
 * with the camera. Shows the bone, the skin, skin markers (small spheres), needles (cylinders from
 * entry to target, each with a label naming it) and the linked crosshair (a yellow dot).
 *
 * <p>What matters stays visible and true in colour: the planned levels' bone at full resolution in
 * ivory ({@link #showLevels}, from {@link LevelSurfaces}); the other bone (a coarse copy) in ivory until
 * then, afterwards dimmed (grey, see-through) or hidden ({@link WorkstationViewModel#otherBoneProperty()});
 * the skin, the body's outer boundary only, drawn twice: its far side as a clear outline behind
 * everything, its near side so faint that the needles and the bone under it keep their colours.
 * Opaque nodes come first in the scene graph, see-through ones last (JavaFX draws in that order).
 * Needles: blue on the patient's left, orange on the right, saturated red when unsafe or unchecked.
 *
 * <p>Mouse: left drag orbits, right/middle or shift drag pans, wheel zooms, a click on the bone, a
 * needle or a marker moves the crosshair there (a click on a needle also selects it, see
 * {@link #setOnNeedlePicked}); buttons A/P/L/R/S/I look from that side of the patient. The view centres
 * on the planned level after opening a case and on {@link #focusLevel}. Patient frame to scene:
 * {@link SceneAxes}. The view binds to {@link WorkstationViewModel} and {@link CameraViewModel}, and to a
 * {@link GuideViewModel} once {@link #attachGuide} is called (the generated guide, skin hidden meanwhile).
 */
public final class Viewport3DView extends StackPane {

    public static final Color BONE_COLOR = Color.rgb(238, 228, 200);
    /** Bone other than the planned levels, when dimmed: grey and see-through. */
    public static final Color DIMMED_BONE_COLOR = Color.rgb(150, 160, 175, 0.2);
    /** The skin's near side: faint, so that what lies under it keeps its colour. */
    public static final Color SKIN_COLOR = Color.rgb(225, 185, 165, 0.12);
    /** The skin's far side (seen from inside the body): the body's outline behind everything. */
    public static final Color SKIN_FAR_COLOR = Color.rgb(200, 150, 130, 0.35);
    public static final Color MARKER_COLOR = Color.rgb(255, 64, 200);
    /** The patient's left needle: a saturated blue, apart from the bone, the skin and the right needle. */
    public static final Color LEFT_NEEDLE_COLOR = Color.rgb(30, 110, 255);
    /** An unsafe needle (breach, in the canal, tip outside the body): a saturated red. */
    public static final Color UNSAFE_NEEDLE_COLOR = Color.rgb(230, 0, 0);
    /** The patient's right needle: a saturated orange. */
    public static final Color RIGHT_NEEDLE_COLOR = Color.rgb(255, 150, 20);
    public static final Color BACKGROUND = Color.rgb(22, 26, 34);
    /** How far the camera stands from a level it centres on, as the radius it frames (mm). */
    public static final double LEVEL_VIEW_RADIUS_MM = 48;

    private final WorkstationViewModel vm;
    private final CameraViewModel cam;
    private final SubScene subScene;
    /** Opaque nodes first, see-through ones last (drawn in that order). */
    private final Group content = new Group();
    private final Group levelGroup = new Group();
    private final Group planGroup = new Group();
    private final Pane labels = new Pane();
    private double markerRadius = 1.5;
    private final Translate centering = new Translate();
    private final PerspectiveCamera camera = new PerspectiveCamera(true);
    private final Sphere crosshairDot = new Sphere(1.5);
    private final OrientationCue cue = new OrientationCue();
    private final PhongMaterial ivory = material(BONE_COLOR);
    private final PhongMaterial dimmed = seeThrough(DIMMED_BONE_COLOR);
    private MeshView boneView;
    private MeshView skinView;
    private MeshView skinFarView;
    private GuideLayer guideLayer;
    private boolean levelsShown;
    private java.util.Map<String, org.vertebroplan.plan.NeedleSafety> verdicts;
    private java.util.function.Consumer<String> onNeedlePicked = id -> { };
    private double lastX;
    private double lastY;

    public Viewport3DView(WorkstationViewModel vm, CameraViewModel cam) {
        this.vm = vm;
        this.cam = cam;
        CameraTransformer rig = OrbitRig.of(camera, cam);

        crosshairDot.setMaterial(new PhongMaterial(Color.YELLOW));
        crosshairDot.setMouseTransparent(true);
        Group world = new Group(content);
        world.getTransforms().add(centering);
        Group root = new Group(world, rig, new AmbientLight(Color.gray(0.35)));
        subScene = new SubScene(root, 400, 300, true, SceneAntialiasing.DISABLED);
        subScene.setId("viewport3d");
        subScene.setFill(BACKGROUND);
        subScene.setCamera(camera);
        Pane holder = new Pane(subScene);
        holder.setMinSize(0, 0);
        holder.setPrefSize(400, 300);
        subScene.setManaged(false);
        subScene.widthProperty().bind(holder.widthProperty());
        subScene.heightProperty().bind(holder.heightProperty());
        camera.localToSceneTransformProperty().addListener((obs, old, t) -> cue.update(t));
        cue.update(camera.getLocalToSceneTransform());
        labels.setMouseTransparent(true);
        labels.setId("needle-labels");
        labels.setMinSize(0, 0);

        Label title = new Label("3D");
        title.getStyleClass().add("view-title");
        Label placeholder = new Label();
        placeholder.getStyleClass().add("placeholder");
        placeholder.setId("placeholder");
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(vm.placeholderProperty());
        placeholder.visibleProperty().bind(Bindings.isNotEmpty(vm.placeholderProperty()));
        HBox buttons = new HBox(2);
        for (ViewDirection d : ViewDirection.values()) {
            Button b = new Button(d.letter());
            b.setId("view-" + d.letter());
            b.setTooltip(new Tooltip("Look from the patient's " + d.name().toLowerCase() + " side"));
            b.setOnAction(e -> cam.look(d));
            b.getStyleClass().add("view-button");
            // no focus ring: a highlighted "A" would read as "looking from anterior"
            b.setFocusTraversable(false);
            buttons.getChildren().add(b);
        }
        buttons.setMaxSize(HBox.USE_PREF_SIZE, HBox.USE_PREF_SIZE);
        getChildren().addAll(holder, labels, title, buttons, cue, placeholder);
        setAlignment(title, Pos.TOP_LEFT);
        setAlignment(buttons, Pos.TOP_RIGHT);
        setAlignment(cue, Pos.BOTTOM_LEFT);
        setMargin(title, new Insets(4, 6, 4, 6));
        setMargin(buttons, new Insets(4));
        setMinSize(0, 0);

        installMouse();
        vm.loadedCaseProperty().addListener((obs, old, c) -> showCase(c));
        vm.crosshairProperty().addListener((obs, old, p) -> placeCrosshair(p));
        vm.planProperty().addListener((obs, old, p) -> showPlan(p));
        vm.otherBoneProperty().addListener((obs, old, b) -> styleBone());
        for (javafx.beans.value.ObservableValue<?> o : List.of(cam.azimuthProperty(), cam.elevationProperty(),
            cam.distanceProperty(), cam.panXProperty(), cam.panYProperty(), centering.xProperty(), centering.yProperty(),
            centering.zProperty(), subScene.widthProperty(), subScene.heightProperty())) {
            o.addListener((obs, a, b) -> placeLabels());
        }
        if (vm.getLoadedCase() != null) {
            showCase(vm.getLoadedCase());
        }
    }

    private static PhongMaterial material(Color c) {
        PhongMaterial m = new PhongMaterial(c);
        m.setSpecularColor(Color.gray(0.12));
        return m;
    }

    /**
     * A see-through material that composites as "colour over what lies behind": JavaFX's 3D pipeline adds the
     * lit colour in full and only scales what lies behind by (1 - alpha), so a straight colour with alpha 0.25
     * turns everything behind it pale (the flat white bone under the skin). The colour is therefore given
     * premultiplied by its alpha, and without a specular highlight (which would be added in full too).
     */
    static PhongMaterial seeThrough(Color c) {
        double a = c.getOpacity();
        PhongMaterial m = new PhongMaterial(Color.color(c.getRed() * a, c.getGreen() * a, c.getBlue() * a, a));
        m.setSpecularColor(null);
        return m;
    }

    private void installMouse() {
        setOnMousePressed(e -> {
            lastX = e.getSceneX();
            lastY = e.getSceneY();
        });
        setOnMouseDragged(e -> {
            double dx = e.getSceneX() - lastX;
            double dy = e.getSceneY() - lastY;
            lastX = e.getSceneX();
            lastY = e.getSceneY();
            if (e.isSecondaryButtonDown() || e.isMiddleButtonDown() || e.isShiftDown()) {
                cam.pan(dx, dy);
            } else {
                cam.orbit(dx, dy);
            }
        });
        setOnScroll(e -> cam.zoom(Math.pow(1.002, e.getDeltaY())));
        subScene.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress()) {
                Node node = e.getPickResult().getIntersectedNode();
                Vec3 p = pickedLps(e.getPickResult());
                if (p != null) {
                    vm.crosshairProperty().set(p);
                }
                if (node != null && node.getId() != null && node.getId().startsWith("needle-")) {
                    onNeedlePicked.accept(node.getId().substring("needle-".length()));
                }
            }
        });
    }

    /** What to do when a needle is clicked (the window selects it for editing). */
    public void setOnNeedlePicked(java.util.function.Consumer<String> action) {
        onNeedlePicked = action == null ? id -> { } : action;
    }

    /**
     * The LPS point under a click: the surface point of the bone or a needle, or the centre of a
     * marker; null for the background. The skin and dimmed bone are transparent to clicks, so one can
     * pick the level's bone through them.
     */
    private Vec3 pickedLps(PickResult pick) {
        Node node = pick.getIntersectedNode();
        if (node == null || !(node.getParent() == content || node.getParent() == planGroup
            || node.getParent() == levelGroup)) {
            return null;
        }
        Point3D local = node.getId() != null && node.getId().startsWith("marker-") ? Point3D.ZERO
            : pick.getIntersectedPoint();
        return SceneAxes.toLps(node.localToParent(local));
    }

    private void showCase(LoadedCase c) {
        content.getChildren().clear();
        levelGroup.getChildren().clear();
        levelsShown = false;
        verdicts = null;
        if (c == null) {
            showPlan(null);
            return;
        }
        double radius = frame(frameBounds(c));

        boneView = new MeshView(c.boneFx());
        boneView.setId("bone");
        boneView.setCullFace(CullFace.BACK);
        boneView.setDrawMode(DrawMode.FILL);

        markerRadius = Math.max(1.5, Math.min(radius, 150) * 0.012);
        crosshairDot.setRadius(Math.max(1, Math.min(radius, 150) * 0.008));
        skinView = new MeshView(c.skinFx());
        skinView.setId("skin");
        skinView.setMaterial(seeThrough(SKIN_COLOR));
        skinView.setCullFace(CullFace.BACK);
        skinView.setMouseTransparent(true);
        skinFarView = new MeshView(c.skinFx());
        skinFarView.setId("skin-far");
        skinFarView.setMaterial(seeThrough(SKIN_FAR_COLOR));
        skinFarView.setCullFace(CullFace.FRONT);
        skinFarView.setMouseTransparent(true);
        bindSkinVisibility();
        // opaque first: the levels, the plan, the crosshair, the guide; then what one sees through
        content.getChildren().addAll(levelGroup, planGroup, crosshairDot);
        if (guideLayer != null) {
            content.getChildren().add(guideLayer);
        }
        content.getChildren().addAll(boneView, skinFarView, skinView);
        styleBone();
        showPlan(vm.planProperty().get());
    }

    /**
     * Shows the planned levels' bone at full resolution and the other bone without them (null: the
     * coarse bone of the whole CT alone, as loaded).
     */
    public void showLevels(LevelSurfaces.Shown shown) {
        LoadedCase c = vm.getLoadedCase();
        levelGroup.getChildren().clear();
        if (c == null || boneView == null) {
            return;
        }
        levelsShown = shown != null && !shown.levels().isEmpty();
        boneView.setMesh(levelsShown ? shown.contextFx() : c.boneFx());
        if (levelsShown) {
            int n = 0;
            for (LevelSurfaces.Level l : shown.levels()) {
                MeshView v = new MeshView(l.fx());
                v.setId(n++ == 0 ? "level-bone" : "level-bone-" + n);
                v.setMaterial(ivory);
                v.setCullFace(CullFace.BACK);
                levelGroup.getChildren().add(v);
            }
        }
        styleBone();
    }

    /** Ivory while it is all the bone there is; else as the user chose (shown, dimmed, hidden). */
    private void styleBone() {
        if (boneView == null) {
            return;
        }
        WorkstationViewModel.OtherBone mode = vm.otherBoneProperty().get();
        boolean dim = levelsShown && mode == WorkstationViewModel.OtherBone.DIMMED;
        boneView.setMaterial(dim ? dimmed : ivory);
        boneView.setVisible(!levelsShown || mode != WorkstationViewModel.OtherBone.HIDDEN);
        // dimmed bone lets clicks through to the level's bone
        boneView.setMouseTransparent(dim);
    }

    /** Centres the view on a box (LPS min xyz, max xyz) and fits the camera to it; returns its radius. */
    private double frame(double[] box) {
        Vec3 a = new Vec3(box[0], box[1], box[2]);
        Vec3 b = new Vec3(box[3], box[4], box[5]);
        Point3D center = SceneAxes.toScene(a.lerp(b, 0.5));
        centering.setX(-center.getX());
        centering.setY(-center.getY());
        centering.setZ(-center.getZ());
        double radius = Math.max(1, a.distance(b) / 2);
        cam.fit(aspectRadius(radius));
        return radius;
    }

    /** The field of view is vertical: a view taller than wide sees less across, so step back. */
    private double aspectRadius(double radius) {
        double w = subScene.getWidth();
        double h = subScene.getHeight();
        return radius * (w > 0 && h > w ? h / w : 1);
    }

    /**
     * Bounds (LPS min xyz, max xyz) to frame when a case opens: with planned needles, the level about their
     * targets with the needles; else the skin, else the bone, else the volume.
     */
    private static double[] frameBounds(LoadedCase c) {
        Vec3 mid = CaseLoadTask.targetMidpoint(c.plan());
        if (mid != null) {
            double r = LEVEL_VIEW_RADIUS_MM;
            double[] b = {mid.x() - r, mid.y() - r, mid.z() - r, mid.x() + r, mid.y() + r, mid.z() + r};
            for (Needle n : c.plan().needles()) {
                include(b, n.entryLps());
                include(b, n.targetLps());
            }
            return b;
        }
        if (c.skin().triangleCount() > 0) {
            return c.skin().bounds();
        }
        if (c.bone().triangleCount() > 0) {
            return c.bone().bounds();
        }
        Volume v = c.volume();
        Vec3 a = v.lpsOf(0, 0, 0);
        Vec3 b = v.lpsOf(v.nx() - 1, v.ny() - 1, v.nz() - 1);
        return new double[] {Math.min(a.x(), b.x()), Math.min(a.y(), b.y()), Math.min(a.z(), b.z()),
            Math.max(a.x(), b.x()), Math.max(a.y(), b.y()), Math.max(a.z(), b.z())};
    }

    private static void include(double[] box, Vec3 p) {
        double[] q = {p.x(), p.y(), p.z()};
        for (int a = 0; a < 3; a++) {
            box[a] = Math.min(box[a], q[a]);
            box[a + 3] = Math.max(box[a + 3], q[a]);
        }
    }

    /**
     * Marks needles by their safety verdict: an unsafe needle turns red, and so does a needle without a
     * verdict (a check that failed or left it out is never shown as safe); the others keep their side's
     * colour (warnings are shown in the planning panel). Verdicts of another plan than the one shown are
     * ignored by the caller.
     */
    public void markVerdicts(java.util.Map<String, org.vertebroplan.plan.NeedleSafety> verdicts) {
        this.verdicts = verdicts;
        for (Node node : planGroup.getChildren()) {
            if (!(node instanceof Cylinder cyl) || node.getId() == null || !node.getId().startsWith("needle-")) {
                continue;
            }
            boolean unsafe = unsafe(node.getId().substring("needle-".length()));
            Color base = (Color) node.getProperties().getOrDefault("sideColor", LEFT_NEEDLE_COLOR);
            cyl.setMaterial(new PhongMaterial(unsafe ? UNSAFE_NEEDLE_COLOR : base));
        }
        placeLabels();
    }

    private boolean unsafe(String id) {
        org.vertebroplan.plan.NeedleSafety s = verdicts == null ? null : verdicts.get(id);
        return verdicts != null && (s == null || s.verdict() == org.vertebroplan.plan.NeedleSafety.Verdict.UNSAFE);
    }

    /** Rebuilds the markers (spheres) and needles (cylinders) of the current plan. */
    private void showPlan(Plan plan) {
        planGroup.getChildren().clear();
        if (plan != null) {
            for (Fiducial m : plan.fiducials()) {
                Sphere s = new Sphere(markerRadius);
                s.setId("marker-" + m.id());
                s.setMaterial(new PhongMaterial(MARKER_COLOR));
                moveTo(s, m.lps());
                planGroup.getChildren().add(s);
            }
            for (Needle n : plan.needles()) {
                planGroup.getChildren().add(needle(n));
            }
        }
        placeLabels();
    }

    private static Cylinder needle(Needle n) {
        Point3D e = SceneAxes.toScene(n.entryLps());
        Point3D t = SceneAxes.toScene(n.targetLps());
        Point3D axis = t.subtract(e);
        Cylinder cyl = new Cylinder(Math.max(0.5, n.diameterMm() / 2), axis.magnitude(), 24);
        cyl.setId("needle-" + n.id());
        boolean left = n.side() == Side.LEFT;
        cyl.setMaterial(new PhongMaterial(left ? LEFT_NEEDLE_COLOR : RIGHT_NEEDLE_COLOR));
        cyl.getProperties().put("sideColor", left ? LEFT_NEEDLE_COLOR : RIGHT_NEEDLE_COLOR);
        cyl.getProperties().put("entry", n.entryLps());
        cyl.getProperties().put("left", left);
        Point3D mid = e.midpoint(t);
        Point3D yAxis = new Point3D(0, 1, 0);
        Point3D rotAxis = yAxis.crossProduct(axis);
        double angle = yAxis.angle(axis);
        cyl.getTransforms().add(new Translate(mid.getX(), mid.getY(), mid.getZ()));
        if (rotAxis.magnitude() > 1e-9) {
            cyl.getTransforms().add(new Rotate(angle, rotAxis));
        } else if (angle > 90) {
            cyl.getTransforms().add(new Rotate(180, Rotate.X_AXIS));
        }
        return cyl;
    }

    /**
     * Labels each needle at its entry on screen: "L" or "R" and its name, in its side's colour ("unsafe"
     * on red when it is), so left and right are told apart whatever lies behind them.
     */
    private void placeLabels() {
        labels.getChildren().clear();
        for (Node node : planGroup.getChildren()) {
            if (node.getId() == null || !node.getId().startsWith("needle-")) {
                continue;
            }
            String id = node.getId().substring("needle-".length());
            Vec3 entry = (Vec3) node.getProperties().get("entry");
            boolean left = Boolean.TRUE.equals(node.getProperties().get("left"));
            Point3D inScene = planGroup.localToScene(SceneAxes.toScene(entry), true);
            if (inScene == null) {
                continue;
            }
            Point2D at = labels.sceneToLocal(inScene.getX(), inScene.getY());
            if (at == null || !Double.isFinite(at.getX()) || !Double.isFinite(at.getY())) {
                continue;
            }
            boolean bad = unsafe(id);
            Label l = new Label((left ? "L" : "R") + (id.equals(left ? "left" : "right") ? "" : " " + id)
                + (bad ? " unsafe" : ""));
            l.setId("label-needle-" + id);
            Color c = bad ? UNSAFE_NEEDLE_COLOR : left ? LEFT_NEEDLE_COLOR : RIGHT_NEEDLE_COLOR;
            l.setStyle(String.format(java.util.Locale.ROOT, "-fx-background-color: rgba(%d,%d,%d,0.9);"
                    + " -fx-text-fill: %s; -fx-font-weight: bold; -fx-padding: 0 4 0 4; -fx-background-radius: 3;",
                (int) Math.round(c.getRed() * 255), (int) Math.round(c.getGreen() * 255),
                (int) Math.round(c.getBlue() * 255), left && !bad ? "white" : "black"));
            l.setManaged(false);
            labels.getChildren().add(l);
            l.applyCss();
            l.autosize();
            double x = Math.max(0, Math.min(labels.getWidth() - l.getWidth(), at.getX() + 6));
            double y = Math.max(0, Math.min(labels.getHeight() - l.getHeight(), at.getY() - l.getHeight() - 2));
            l.relocate(x, y);
        }
    }

    /**
     * Shows the guide of a {@link GuideViewModel} (base and sleeves, {@link GuideLayer}); the skin is
     * hidden while the guide is shown. Clicks pass through the guide to the bone.
     */
    public void attachGuide(GuideViewModel guide) {
        guideLayer = new GuideLayer(guide);
        guideLayer.setMouseTransparent(true);
        guide.guideShownBinding().addListener((obs, old, shown) -> bindSkinVisibility());
        guide.guideProperty().addListener((obs, old, g) -> {
            LoadedCase c = vm.getLoadedCase();
            if (g != null && c != null && g.design().base().vertexCount() > 0) {
                double[] box = frameBounds(c).clone();
                List<Mesh> parts = new java.util.ArrayList<>(g.design().sleeves().values());
                parts.add(g.design().base());
                for (Mesh m : parts) {
                    double[] b = m.bounds();
                    include(box, new Vec3(b[0], b[1], b[2]));
                    include(box, new Vec3(b[3], b[4], b[5]));
                }
                frame(box); // the whole guide in view
            }
        });
        if (boneView != null) {
            content.getChildren().add(content.getChildren().indexOf(boneView), guideLayer);
            bindSkinVisibility();
        }
    }

    private void bindSkinVisibility() {
        for (MeshView skin : new MeshView[] {skinView, skinFarView}) {
            if (skin == null) {
                continue;
            }
            skin.visibleProperty().unbind();
            if (guideLayer == null) {
                skin.visibleProperty().bind(vm.skinVisibleProperty());
            } else {
                skin.visibleProperty().bind(vm.skinVisibleProperty().and(guideLayer.visibleProperty().not()));
            }
        }
    }

    /** Turns the view about this point (e.g. a level's vertebra centre), keeping the zoom and the angles. */
    public void lookAt(Vec3 lps) {
        if (lps == null) {
            return;
        }
        Point3D c = SceneAxes.toScene(lps);
        centering.setX(-c.getX());
        centering.setY(-c.getY());
        centering.setZ(-c.getZ());
        cam.panXProperty().set(0);
        cam.panYProperty().set(0);
    }

    /**
     * Centres the view on a level's vertebra and steps the camera back so that the vertebra fills the view
     * ({@link #LEVEL_VIEW_RADIUS_MM}), keeping the angles.
     */
    public void focusLevel(Vec3 lps) {
        if (lps == null) {
            return;
        }
        lookAt(lps);
        cam.frame(aspectRadius(LEVEL_VIEW_RADIUS_MM));
    }

    /** The point the view turns about (LPS). */
    public Vec3 lookingAt() {
        return SceneAxes.toLps(new Point3D(-centering.getX(), -centering.getY(), -centering.getZ()));
    }

    private void placeCrosshair(Vec3 p) {
        if (p != null) {
            moveTo(crosshairDot, p);
        }
    }

    private static void moveTo(Node node, Vec3 lps) {
        Point3D s = SceneAxes.toScene(lps);
        node.setTranslateX(s.getX());
        node.setTranslateY(s.getY());
        node.setTranslateZ(s.getZ());
    }

    /** Looks up a node of the 3D scene by CSS selector (ids: bone, level-bone, skin, marker-M1, needle-left, ...). */
    public Node find(String selector) {
        return subScene.getRoot().lookup(selector);
    }

    /** The needle labels over the 3D view (ids {@code label-needle-<id>}). */
    public Pane needleLabels() {
        return labels;
    }

    /** The 3D sub-scene (for snapshots in tests). */
    public SubScene subScene() {
        return subScene;
    }

    public OrientationCue cue() {
        return cue;
    }
}
