package org.vertebroplan.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The user's folders where each platform keeps them. */
class UserFoldersTest {

    private static final Path HOME = Path.of("/home/ana");

    @Test
    void linuxFollowsXdgAndItsDefaults() {
        assertEquals(new UserFolders(Path.of("/home/ana/.config/vertebroplan"), Path.of("/home/ana/.local/share/vertebroplan")),
            UserFolders.of("Linux", Map.of(), HOME));
        assertEquals(new UserFolders(Path.of("/cfg/vertebroplan"), Path.of("/data/vertebroplan")),
            UserFolders.of("Linux", Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "/data"), HOME));
        // a relative path in an XDG variable is invalid and ignored
        assertEquals(Path.of("/home/ana/.config/vertebroplan"),
            UserFolders.of("Linux", Map.of("XDG_CONFIG_HOME", "relative/cfg"), HOME).settings());
        assertEquals(Path.of("/home/ana/.local/share/vertebroplan/crash"), UserFolders.of("Linux", Map.of(), HOME).crashLogs());
    }

    @Test
    void windowsUsesAppData() {
        UserFolders w = UserFolders.of("Windows 11", Map.of("APPDATA", "/users/ana/AppData/Roaming",
            "LOCALAPPDATA", "/users/ana/AppData/Local"), HOME);
        assertEquals(Path.of("/users/ana/AppData/Roaming/VertebroPlan"), w.settings());
        assertEquals(Path.of("/users/ana/AppData/Local/VertebroPlan"), w.data());
        assertEquals(HOME.resolve("AppData/Roaming/VertebroPlan"), UserFolders.of("Windows 10", Map.of(), HOME).settings());
    }

    @Test
    void macOsUsesApplicationSupport() {
        Path support = HOME.resolve("Library/Application Support/VertebroPlan");
        assertEquals(new UserFolders(support, support), UserFolders.of("Mac OS X", Map.of(), HOME));
    }

    @Test
    void thePropertyPutsBothInOneFolder() {
        String before = System.getProperty(UserFolders.DIR_PROPERTY);
        try {
            System.setProperty(UserFolders.DIR_PROPERTY, "/tmp/vp-user");
            assertEquals(new UserFolders(Path.of("/tmp/vp-user"), Path.of("/tmp/vp-user")), UserFolders.current());
        } finally {
            if (before == null) {
                System.clearProperty(UserFolders.DIR_PROPERTY);
            } else {
                System.setProperty(UserFolders.DIR_PROPERTY, before);
            }
        }
    }
}
