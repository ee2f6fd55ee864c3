package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Makes the documentation's picture of the workstation on a real case folder (e.g. one written by
 * {@code vertebroplan phantom}); runs only with {@code -Dapp.picture.case=DIR -Dapp.picture.png=FILE}
 * ({@code -Dapp.picture.skin=false} hides the skin).
 */
@ExtendWith(ApplicationExtension.class)
class AppPhantomPictureTest {

    Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
    }

    @Test
    void picture() throws Exception {
        String dir = System.getProperty("app.picture.case");
        String png = System.getProperty("app.picture.png");
        Assumptions.assumeTrue(dir != null && png != null, "no -Dapp.picture.case / -Dapp.picture.png");
        Workstation w = WaitForAsyncUtils.asyncFx(() -> Workstation.show(stage, CaseServices.CORE, r -> {
            Thread t = new Thread(r, "picture-loader");
            t.setDaemon(true);
            t.start();
        }, false)).get();
        if ("false".equals(System.getProperty("app.picture.skin"))) {
            WaitForAsyncUtils.asyncFx(() -> w.viewModel().skinVisibleProperty().set(false)).get();
        }
        int code = WaitForAsyncUtils.asyncFx(() -> w.screenshot(Path.of(dir), Path.of(png))).get()
            .get(300, TimeUnit.SECONDS);
        assertEquals(0, code);
    }
}
