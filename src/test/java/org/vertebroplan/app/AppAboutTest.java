package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vertebroplan.io.BuildInfo;
import org.vertebroplan.io.Software;

/** Help > About in the menu bar opens a dialog with the version, build date and commit of the build. */
@ExtendWith(ApplicationExtension.class)
class AppAboutTest {

    Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
    }

    @Test
    void helpAboutShowsVersionBuildDateAndCommit() throws Exception {
        AppFx.fx(() -> AppFx.show(stage, CaseServices.CORE));
        FxRobot robot = new FxRobot();
        robot.clickOn("Help").clickOn("About VertebroPlan");
        WaitForAsyncUtils.waitForFxEvents();
        TextArea text = robot.lookup("#about-text").queryAs(TextArea.class);
        BuildInfo b = BuildInfo.current();
        String shown = AppFx.fx(text::getText);
        assertTrue(shown.startsWith(Software.VERSION + "\n"), shown);
        assertTrue(shown.contains("Built " + b.buildDate() + " from commit " + b.commit()), shown);
        AppFx.fx(() -> {
            for (Window w : Window.getWindows().stream().toList()) {
                if (w != stage && w instanceof Stage dialog) {
                    dialog.close();
                }
            }
            return null;
        });
    }
}
