package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.vertebroplan.io.BuildInfo;
import org.vertebroplan.io.Software;

/** Help > About states the build (version, date, commit) and where the user's files are. */
class AboutBoxTest {

    @Test
    void statesVersionBuildDateCommitAndFolders() {
        UserFiles files = new UserFiles(Path.of("/u/settings"), Path.of("/u/data"), Path.of("/u/plans"));
        String text = AboutBox.text(files);
        BuildInfo b = BuildInfo.current();
        assertTrue(text.startsWith(Software.VERSION + "\n"), text);
        assertTrue(text.contains("Built " + b.buildDate() + " from commit " + b.commit()), text);
        assertTrue(text.contains("Settings: " + Path.of("/u/settings").toAbsolutePath()), text);
        assertTrue(text.contains("Autosaved plans: " + Path.of("/u/data/autosave").toAbsolutePath()), text);
        assertTrue(text.contains("Crash logs"), text);
    }
}
