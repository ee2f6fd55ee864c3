package org.vertebroplan.io;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The user's own folders for the program, where each platform keeps them (docs/install.md, "Your files"):
 * {@code settings} (the recent cases) and {@code data} (autosaved plans, crash logs).
 *
 * <ul>
 * <li>Linux and other Unix: {@code $XDG_CONFIG_HOME/vertebroplan} (default {@code ~/.config/vertebroplan})
 * and {@code $XDG_DATA_HOME/vertebroplan} (default {@code ~/.local/share/vertebroplan});</li>
 * <li>Windows: {@code %APPDATA%\VertebroPlan} and {@code %LOCALAPPDATA%\VertebroPlan};</li>
 * <li>macOS: {@code ~/Library/Application Support/VertebroPlan} for both.</li>
 * </ul>
 * The system property {@value #DIR_PROPERTY} puts both in one folder (tests, a portable install).
 *
 * @param settings the folder of the settings
 * @param data     the folder of the data the program keeps for the user
 */
public record UserFolders(Path settings, Path data) {

    /** One folder for everything instead (the workstation's {@code UserFiles} reads it too). */
    public static final String DIR_PROPERTY = "vertebroplan.userDir";

    /** This user's folders on this platform. */
    public static UserFolders current() {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir != null && !dir.isBlank()) {
            Path d = Path.of(dir);
            return new UserFolders(d, d);
        }
        return of(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The folders for an operating system's name, environment and home folder. */
    public static UserFolders of(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            Path roaming = absolute(env.get("APPDATA"), home.resolve("AppData").resolve("Roaming"));
            Path local = absolute(env.get("LOCALAPPDATA"), home.resolve("AppData").resolve("Local"));
            return new UserFolders(roaming.resolve("VertebroPlan"), local.resolve("VertebroPlan"));
        }
        if (os.startsWith("mac")) {
            Path support = home.resolve("Library").resolve("Application Support").resolve("VertebroPlan");
            return new UserFolders(support, support);
        }
        // the XDG base directories: a relative path in the variable is invalid and is ignored
        return new UserFolders(absolute(env.get("XDG_CONFIG_HOME"), home.resolve(".config")).resolve("vertebroplan"),
            absolute(env.get("XDG_DATA_HOME"), home.resolve(".local").resolve("share")).resolve("vertebroplan"));
    }

    /** Where uncaught errors are written ({@link CrashLog}). */
    public Path crashLogs() {
        return data.resolve("crash");
    }

    private static Path absolute(String value, Path otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            Path p = Path.of(value);
            return p.isAbsolute() ? p : otherwise;
        } catch (java.nio.file.InvalidPathException e) {
            return otherwise;
        }
    }
}
