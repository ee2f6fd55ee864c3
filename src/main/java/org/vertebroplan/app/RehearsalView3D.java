package org.vertebroplan.app;

import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Point3D;
import javafx.geometry.Pos;
import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.PerspectiveCamera;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SubScene;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.Cylinder;
import javafx.scene.shape.MeshView;
import javafx.scene.transform.Affine;
import javafx.scene.transform.Translate;
import org.fxyz3d.utils.CameraTransformer;
import org.vertebroplan.fluoro.CArm;
import org.vertebroplan.geom.Vec3;

/**
 * The rehearsal's 3D view: what the trainee sees of the patient and, at the end, the attempt against
 * the plan. During the rehearsal: the skin, opaque (the bone is not shown: one sees the back, not
 * through it), the needles' steel from hub to tip (the part in the body hidden by the skin, as in the
 * room) and the C-arm's beam through its centre; a click on the skin reports the picked point. At
 * the end: the bone, the reference and attempt needles in their own colours, no skin.
 *
 * <p>Its own small scene (not the planning's {@link Viewport3DView}, which draws the plan): a
 * perspective camera on an orbit rig ({@link CameraViewModel}; left drag orbits, right or shift drag
 * pans, the wheel zooms), ambient light and a head light. Patient frame to scene: {@link SceneAxes}.
 */
final class RehearsalView3D extends StackPane {

    /** The skin as the trainee sees it. */
    static final Color SKIN = Color.rgb(214, 164, 140);
    static final Color BEAM = Color.rgb(255, 230, 90, 0.85);

    /** A straight piece of steel to draw: a needle from {@code from} to {@code to}. */
    record Rod(String id, Vec3 from, Vec3 to, double radiusMm, Color color) {
    }

    private final CameraViewModel cam = new CameraViewModel();
    private final SubScene subScene;
    private final Group content = new Group();
    private final Group rods = new Group();
    private final Group carm = new Group();
    private final Translate centering = new Translate();
    private final MeshView skin;
    private Consumer<Vec3> onSkinPicked;
    private double lastX;
    private double lastY;

    /**
     * @param withSkin show the skin (opaque) and let a click on it pick a point
     * @param withBone show the bone surface
     */
    RehearsalView3D(LoadedCase c, boolean withSkin, boolean withBone, String title) {
        PerspectiveCamera camera = new PerspectiveCamera(true);
        CameraTransformer rig = OrbitRig.of(camera, cam);

        if (withBone) {
            MeshView bone = new MeshView(c.boneFx());
            bone.setId("bone");
            bone.setMaterial(new PhongMaterial(Viewport3DView.BONE_COLOR.deriveColor(0, 1, 1, 0.35)));
            bone.setCullFace(CullFace.BACK);
            bone.setMouseTransparent(true);
            content.getChildren().add(rods); // steel first: seen through the translucent bone
            content.getChildren().add(bone);
        } else {
            content.getChildren().add(rods);
        }
        if (withSkin) {
            skin = new MeshView(c.skinFx());
            skin.setId("skin");
            skin.setMaterial(new PhongMaterial(SKIN));
            skin.setCullFace(CullFace.BACK);
            content.getChildren().add(skin);
        } else {
            skin = null;
        }
        content.getChildren().add(carm);
        carm.setMouseTransparent(true);
        Group world = new Group(content);
        world.getTransforms().add(centering);
        Group root = new Group(world, rig, new AmbientLight(Color.gray(0.3)));
        subScene = new SubScene(root, 400, 300, true, SceneAntialiasing.DISABLED);
        subScene.setId("rehearsal-3d");
        subScene.setFill(Viewport3DView.BACKGROUND);
        subScene.setCamera(camera);
        Pane holder = new Pane(subScene);
        holder.setMinSize(0, 0);
        holder.setPrefSize(400, 300);
        subScene.setManaged(false);
        subScene.widthProperty().bind(holder.widthProperty());
        subScene.heightProperty().bind(holder.heightProperty());
        Label name = new Label(title);
        name.getStyleClass().add("view-title");
        getChildren().addAll(holder, name);
        setAlignment(name, Pos.TOP_LEFT);
        setMargin(name, new Insets(4, 6, 4, 6));
        setMinSize(0, 0);
        installMouse();
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
            if (e.isSecondaryButtonDown() || e.isShiftDown()) {
                cam.pan(dx, dy);
            } else {
                cam.orbit(dx, dy);
            }
        });
        setOnScroll(e -> cam.zoom(Math.pow(1.002, e.getDeltaY())));
        subScene.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress() && onSkinPicked != null
                && skin != null && e.getPickResult().getIntersectedNode() == skin) {
                onSkinPicked.accept(SceneAxes.toLps(e.getPickResult().getIntersectedPoint()));
            }
        });
    }

    /** Called with the LPS point of a click on the skin. */
    void setOnSkinPicked(Consumer<Vec3> action) {
        onSkinPicked = action;
    }

    /**
     * Turns the view about {@code centreLps}, seeing {@code radiusMm} around it, from these orbit angles
     * (degrees, {@link ViewDirection}'s: 180, 0 is from the patient's back).
     */
    void frame(Vec3 centreLps, double radiusMm, double azimuthDeg, double elevationDeg) {
        Point3D c = SceneAxes.toScene(centreLps);
        centering.setX(-c.getX());
        centering.setY(-c.getY());
        centering.setZ(-c.getZ());
        cam.fit(radiusMm);
        cam.azimuthProperty().set(azimuthDeg);
        cam.elevationProperty().set(elevationDeg);
    }

    CameraViewModel camera() {
        return cam;
    }

    /** Shows these rods (and only these). */
    void setRods(List<Rod> list) {
        rods.getChildren().clear();
        for (Rod r : list) {
            Cylinder cyl = new Cylinder(Math.max(0.5, r.radiusMm()), Math.max(1e-3, r.from().distance(r.to())), 16);
            cyl.setId("rod-" + r.id());
            cyl.setMaterial(new PhongMaterial(r.color()));
            cyl.getTransforms().add(along(r.from(), r.to()));
            rods.getChildren().add(cyl);
        }
    }

    /** Shows the C-arm's beam: its central ray through the C-arm's centre (null hides it). */
    void setCArm(CArm c) {
        carm.getChildren().clear();
        if (c == null) {
            return;
        }
        Cylinder axis = new Cylinder(0.6, 400, 8);
        axis.setId("carm-beam");
        axis.setMaterial(new PhongMaterial(BEAM));
        axis.getTransforms().add(along(c.isoLps().plusScaled(c.beam(), -200), c.isoLps().plusScaled(c.beam(), 200)));
        carm.getChildren().add(axis);
    }

    /**
     * The transform that takes a JavaFX cylinder (centred, along its y axis) onto the segment {@code a}
     * to {@code b} (LPS): its y axis along the segment, the other two completing a right-handed frame.
     */
    static Affine along(Vec3 a, Vec3 b) {
        Vec3 y = b.minus(a).normalized();
        Vec3 helper = Math.abs(y.x()) < 0.9 ? Vec3.X : Vec3.Y;
        Vec3 x = y.cross(helper).normalized();
        Vec3 z = x.cross(y);
        return basis(a.lerp(b, 0.5), x, y, z);
    }

    /** The transform whose local x, y, z axes are these LPS directions (right-handed) and whose origin is {@code at}. */
    private static Affine basis(Vec3 at, Vec3 x, Vec3 y, Vec3 z) {
        Point3D sx = SceneAxes.toScene(x), sy = SceneAxes.toScene(y), sz = SceneAxes.toScene(z);
        Point3D o = SceneAxes.toScene(at);
        return new Affine(sx.getX(), sy.getX(), sz.getX(), o.getX(),
            sx.getY(), sy.getY(), sz.getY(), o.getY(),
            sx.getZ(), sy.getZ(), sz.getZ(), o.getZ());
    }

    /** Looks up a node of the 3D scene (ids: skin, bone, rod-&lt;id&gt;, carm-beam). */
    Node find(String selector) {
        return subScene.getRoot().lookup(selector);
    }

    SubScene subScene() {
        return subScene;
    }
}
