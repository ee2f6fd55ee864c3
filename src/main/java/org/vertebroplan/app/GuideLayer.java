package org.vertebroplan.app;

import javafx.scene.Group;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.MeshView;
import org.vertebroplan.guide.SleeveDesign;
import org.vertebroplan.plan.Side;

/**
 * The generated guide in the 3D view (a node group the {@link Viewport3DView} adds to its content):
 * the base as a light green solid ({@code #guide-base}) and one sleeve per needle in its needle's
 * colour ({@code #guide-sleeve-<id>}), built from the display meshes {@link GuideViewModel} prepared
 * off the FX thread. Follows the view model: rebuilt when a new guide arrives, hidden with "Show guide",
 * sleeves hidden with "Show sleeves", and the base turns grey and translucent while the guide is out
 * of date.
 */
final class GuideLayer extends Group {

    /** The base's colour: a light green, apart from the ivory bone, the skin and the needle colours. */
    static final Color BASE_COLOR = Color.rgb(170, 235, 180);
    static final Color STALE_COLOR = Color.rgb(150, 150, 150, 0.45);

    private final GuideViewModel vm;
    private final Group sleeves = new Group();
    private final PhongMaterial baseMaterial = new PhongMaterial(BASE_COLOR);

    GuideLayer(GuideViewModel vm) {
        this.vm = vm;
        setId("guide");
        baseMaterial.setSpecularColor(Color.gray(0.15));
        visibleProperty().bind(vm.guideShownBinding());
        sleeves.visibleProperty().bind(vm.showSleevesProperty());
        vm.guideProperty().addListener((obs, old, g) -> rebuild(g));
        vm.staleProperty().addListener((obs, old, s) -> baseMaterial.setDiffuseColor(s ? STALE_COLOR : BASE_COLOR));
        rebuild(vm.guideProperty().get());
    }

    private void rebuild(GuideViewModel.GuideResult g) {
        getChildren().clear();
        sleeves.getChildren().clear();
        if (g == null) {
            return;
        }
        baseMaterial.setDiffuseColor(vm.staleProperty().get() ? STALE_COLOR : BASE_COLOR);
        g.sleevesFx().forEach((id, mesh) -> {
            MeshView v = new MeshView(mesh);
            v.setId("guide-sleeve-" + id);
            SleeveDesign d = g.design().sleeveDesigns().get(id);
            boolean left = d != null && d.needle().side() == Side.LEFT;
            PhongMaterial m = new PhongMaterial(left ? Viewport3DView.LEFT_NEEDLE_COLOR : Viewport3DView.RIGHT_NEEDLE_COLOR);
            m.setSpecularColor(Color.gray(0.2));
            v.setMaterial(m);
            v.setCullFace(CullFace.BACK);
            sleeves.getChildren().add(v);
        });
        MeshView base = new MeshView(g.baseFx());
        base.setId("guide-base");
        base.setMaterial(baseMaterial);
        base.setCullFace(CullFace.BACK);
        getChildren().addAll(sleeves, base); // base last: drawn over the sleeves when it is translucent
    }
}
