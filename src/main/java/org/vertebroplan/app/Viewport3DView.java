package org.vertebroplan.app;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Point3D;
import javafx.geometry.Pos;
import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.PerspectiveCamera;
import javafx.scene.PointLight;
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
 * {@link CameraTransformer} rig (orbit about the volume centre), ambient light plus a head light
 * that moves with the camera. Shows the bone surface (ivory), the skin (semi-transparent, can be
 * hidden), skin markers (small spheres), needles (cylinders from entry to target) and the linked
 * crosshair (a yellow dot). Mouse: left drag orbits, right/middle or shift drag pans, wheel zooms,
 * a click on the bone, a needle or a marker moves the crosshair there;
 * buttons A/P/L/R/S/I look from that side of the patient. Patient frame to scene: {@link SceneAxes}.
 * The view only binds to {@link WorkstationViewModel} and {@link CameraViewModel}, and to a
 * {@link GuideViewModel} once {@link #attachGuide} is called (the generated guide, skin hidden meanwhile).
 */
public final class Viewport3DView extends StackPane {

    public static final Color BONE_COLOR = Color.rgb(238, 228, 200);
    public static final Color SKIN_COLOR = Color.rgb(230, 175, 150, 0.25);
    public static final Color MARKER_COLOR = Color.rgb(255, 64, 200);
    public static final Color LEFT_NEEDLE_COLOR = Color.rgb(80, 200, 255);
    /** An unsafe needle (breach, in the canal, tip outside the body). */
    public static final Color UNSAFE_NEEDLE_COLOR = Color.rgb(235, 40, 40);
    public static final Color RIGHT_NEEDLE_COLOR = Color.rgb(255, 170, 60);
    public static final Color BACKGROUND = Color.rgb(22, 26, 34);

    private final WorkstationViewModel vm;
    private final CameraViewModel cam;
    private final SubScene subScene;
    private final Group content = new Group();
    private final Group planGroup = new Group();
    private double markerRadius = 1.5;
    private final Translate centering = new Translate();
    private final PerspectiveCamera camera = new PerspectiveCamera(true);
    private final Sphere crosshairDot = new Sphere(1.5);
    private final OrientationCue cue = new OrientationCue();
    private MeshView boneView;
    private MeshView skinView;
    private GuideLayer guideLayer;
    private double lastX;
    private double lastY;

    public Viewport3DView(WorkstationViewModel vm, CameraViewModel cam) {
        this.vm = vm;
        this.cam = cam;
        camera.setNearClip(1);
        camera.setFarClip(20000);
        camera.setFieldOfView(30);
        PointLight headLight = new PointLight(Color.gray(0.65));
        CameraTransformer rig = new CameraTransformer();
        rig.getChildren().addAll(camera, headLight);
        rig.ry.angleProperty().bind(cam.azimuthProperty());
        rig.rx.angleProperty().bind(cam.elevationProperty());
        camera.translateZProperty().bind(cam.distanceProperty().negate());
        headLight.translateZProperty().bind(cam.distanceProperty().negate());
        camera.translateXProperty().bind(cam.panXProperty());
        camera.translateYProperty().bind(cam.panYProperty());

        crosshairDot.setMaterial(new PhongMaterial(Color.YELLOW));
        crosshairDot.setMouseTransparent(true);
        Group world = new Group(content, crosshairDot);
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
        getChildren().addAll(holder, title, buttons, cue, placeholder);
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
        if (vm.getLoadedCase() != null) {
            showCase(vm.getLoadedCase());
        }
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
                Vec3 p = pickedLps(e.getPickResult());
                if (p != null) {
                    vm.crosshairProperty().set(p);
                }
            }
        });
    }

    /**
     * The LPS point under a click: the surface point of the bone or a needle, or the centre of a
     * marker; null for the background. The skin is transparent to clicks, so one can pick the bone
     * through it.
     */
    private Vec3 pickedLps(PickResult pick) {
        Node node = pick.getIntersectedNode();
        if (node == null || (node.getParent() != content && node.getParent() != planGroup)) {
            return null;
        }
        Point3D local = node.getId() != null && node.getId().startsWith("marker-") ? Point3D.ZERO
            : pick.getIntersectedPoint();
        return SceneAxes.toLps(node.localToParent(local));
    }

    private void showCase(LoadedCase c) {
        content.getChildren().clear();
        if (c == null) {
            return;
        }
        double radius = frame(frameBounds(c));

        boneView = new MeshView(c.boneFx());
        boneView.setId("bone");
        PhongMaterial bone = new PhongMaterial(BONE_COLOR);
        bone.setSpecularColor(Color.gray(0.12));
        boneView.setMaterial(bone);
        boneView.setCullFace(CullFace.BACK);
        boneView.setDrawMode(DrawMode.FILL);
        content.getChildren().add(boneView);

        markerRadius = Math.max(1.5, radius * 0.012);
        content.getChildren().add(planGroup);
        showPlan(vm.planProperty().get());
        crosshairDot.setRadius(Math.max(1, radius * 0.008));

        skinView = new MeshView(c.skinFx());
        skinView.setId("skin");
        skinView.setMaterial(new PhongMaterial(SKIN_COLOR));
        skinView.setCullFace(CullFace.BACK);
        bindSkinVisibility();
        skinView.setMouseTransparent(true);
        if (guideLayer != null) {
            content.getChildren().add(guideLayer);
        }
        content.getChildren().add(skinView); // last: drawn over the opaque parts
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
        // the field of view is vertical: a view taller than wide sees less across, so step back
        double w = subScene.getWidth();
        double h = subScene.getHeight();
        cam.fit(radius * (w > 0 && h > w ? h / w : 1));
        return radius;
    }

    /**
     * Bounds (LPS min xyz, max xyz) to frame: with planned needles, the bone (the planned vertebra)
     * with the needles and markers; else the skin, else the bone, else the volume.
     */
    private static double[] frameBounds(LoadedCase c) {
        if (c.bone().triangleCount() > 0 && !c.plan().needles().isEmpty()) {
            double[] b = c.bone().bounds().clone();
            for (Needle n : c.plan().needles()) {
                include(b, n.entryLps());
                include(b, n.targetLps());
            }
            for (Fiducial f : c.plan().fiducials()) {
                include(b, f.lps());
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
        for (javafx.scene.Node node : planGroup.getChildren()) {
            if (!(node instanceof Cylinder cyl) || node.getId() == null || !node.getId().startsWith("needle-")) {
                continue;
            }
            org.vertebroplan.plan.NeedleSafety s = verdicts == null ? null
                : verdicts.get(node.getId().substring("needle-".length()));
            Color base = (Color) node.getProperties().getOrDefault("sideColor", LEFT_NEEDLE_COLOR);
            boolean unsafe = s == null || s.verdict() == org.vertebroplan.plan.NeedleSafety.Verdict.UNSAFE;
            cyl.setMaterial(new PhongMaterial(unsafe ? UNSAFE_NEEDLE_COLOR : base));
        }
    }

    /** Rebuilds the markers (spheres) and needles (cylinders) of the current plan. */
    private void showPlan(Plan plan) {
        planGroup.getChildren().clear();
        if (plan == null) {
            return;
        }
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

    private static Cylinder needle(Needle n) {
        Point3D e = SceneAxes.toScene(n.entryLps());
        Point3D t = SceneAxes.toScene(n.targetLps());
        Point3D axis = t.subtract(e);
        Cylinder cyl = new Cylinder(Math.max(0.5, n.diameterMm() / 2), axis.magnitude(), 24);
        cyl.setId("needle-" + n.id());
        boolean left = n.side() == Side.LEFT;
        cyl.setMaterial(new PhongMaterial(left ? LEFT_NEEDLE_COLOR : RIGHT_NEEDLE_COLOR));
        cyl.getProperties().put("sideColor", left ? LEFT_NEEDLE_COLOR : RIGHT_NEEDLE_COLOR);
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
        if (skinView != null) {
            content.getChildren().add(content.getChildren().indexOf(skinView), guideLayer);
            bindSkinVisibility();
        }
    }

    private void bindSkinVisibility() {
        if (skinView == null) {
            return;
        }
        skinView.visibleProperty().unbind();
        if (guideLayer == null) {
            skinView.visibleProperty().bind(vm.skinVisibleProperty());
        } else {
            skinView.visibleProperty().bind(vm.skinVisibleProperty().and(guideLayer.visibleProperty().not()));
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

    /** Looks up a node of the 3D scene by CSS selector (ids: bone, skin, marker-M1, needle-left, ...). */
    public Node find(String selector) {
        return subScene.getRoot().lookup(selector);
    }

    /** The 3D sub-scene (for snapshots in tests). */
    public SubScene subScene() {
        return subScene;
    }

    public OrientationCue cue() {
        return cue;
    }
}
