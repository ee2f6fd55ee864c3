package org.vertebroplan.app;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.Window;
import org.vertebroplan.io.BuildInfo;
import org.vertebroplan.io.CrashLog;
import org.vertebroplan.io.Software;
import org.vertebroplan.io.UserFolders;

/**
 * Help &gt; About: the version, build date and commit (from the build, {@link BuildInfo}), the Java and
 * JavaFX the program runs on, and where it keeps the user's files and its crash logs, as selectable text
 * (to paste into a bug report).
 */
final class AboutBox {

    private AboutBox() {
    }

    /** The text shown (no patient data: versions and folders). */
    static String text(UserFiles files) {
        BuildInfo b = BuildInfo.current();
        return Software.VERSION + "\n"
            + "Built " + b.buildDate() + " from commit " + b.commit() + "\n"
            + "Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")\n"
            + "JavaFX " + System.getProperty("javafx.runtime.version", b.javafxVersion()) + "\n"
            + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch")
            + "\n\n"
            + "Settings: " + files.settingsDir() + "\n"
            + "Autosaved plans: " + files.dataDir().resolve("autosave") + "\n"
            + "Crash logs (kept on this computer, nothing is sent): "
            + CrashLog.installed().map(CrashLog::folder).orElse(UserFolders.current().crashLogs()) + "\n"
            + "Plans folder: " + files.plansDirPath() + "\n\n"
            + "Vertebroplasty planning workstation with patient-specific guide templates.\n"
            + "Apache License 2.0.";
    }

    static void show(Window owner, UserFiles files) {
        TextArea body = new TextArea(text(files));
        body.setId("about-text");
        body.setEditable(false);
        body.setWrapText(true);
        body.setPrefRowCount(14);
        body.setPrefColumnCount(60);
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.OK);
        alert.setTitle("About VertebroPlan");
        alert.setHeaderText(Software.VERSION);
        alert.getDialogPane().setContent(body);
        alert.getDialogPane().setId("about-box");
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.show();
    }
}
