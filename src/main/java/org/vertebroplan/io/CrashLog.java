package org.vertebroplan.io;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The local crash log: an error nobody caught (on any thread, the window's included) and an internal error of a
 * command are written to a file of their own in the user's data folder ({@link UserFolders#crashLogs()}), with
 * the program's version, build and commit, the Java and the system, the thread and the stack trace. Nothing is
 * sent anywhere. A message may name a file or folder the user opened: the log stays on the machine.
 *
 * <p>At most {@value #KEEP} files are kept (the oldest are deleted), and one run writes at most
 * {@value #PER_RUN}, so that an error repeated on every frame does not fill the disk.
 */
public final class CrashLog {

    static final int KEEP = 20;
    static final int PER_RUN = 5;
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    private static final System.Logger LOG = System.getLogger(CrashLog.class.getName());

    private final Path folder;
    private final AtomicInteger written = new AtomicInteger();
    private final List<BiConsumer<Throwable, Path>> listeners = new CopyOnWriteArrayList<>();
    private static volatile CrashLog installed;

    public CrashLog(Path folder) {
        this.folder = folder;
    }

    /**
     * Makes the crash log in this folder the handler of every uncaught exception of this process (and
     * the one {@link #record} uses). Returns it.
     */
    public static synchronized CrashLog install(Path folder) {
        CrashLog log = new CrashLog(folder);
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> log.uncaught(thread, error));
        installed = log;
        return log;
    }

    /** The installed crash log, if {@link #install} was called. */
    public static java.util.Optional<CrashLog> installed() {
        return java.util.Optional.ofNullable(installed);
    }

    /** Tells a listener (the window's status bar) of each error written: the error and its file (null: not written). */
    public void addListener(BiConsumer<Throwable, Path> listener) {
        listeners.add(listener);
    }

    public Path folder() {
        return folder;
    }

    /** What the process does with an uncaught exception: write it, log one line where to find it, tell the listeners. */
    void uncaught(Thread thread, Throwable error) {
        Path file = write(thread, error);
        LOG.log(System.Logger.Level.ERROR, "uncaught " + error + " in thread " + thread.getName()
            + (file == null ? "" : " (details in " + file + ")"), error);
        for (BiConsumer<Throwable, Path> l : listeners) {
            try {
                l.accept(error, file);
            } catch (RuntimeException e) {
                // a failing listener must not hide the error
            }
        }
    }

    /** Writes an error to the crash log if one is installed; the file, or null. */
    public static Path record(Thread thread, Throwable error) {
        CrashLog log = installed;
        return log == null ? null : log.write(thread, error);
    }

    /** Writes one crash file and returns it; null when it cannot (the folder is not writable, too many this run). */
    public Path write(Thread thread, Throwable error) {
        int n = written.incrementAndGet();
        if (n > PER_RUN) {
            return null;
        }
        try {
            Files.createDirectories(folder);
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            // the run's count in the name: two errors in one millisecond get two files
            Path file = folder.resolve("crash-" + NAME.format(now) + "-" + ProcessHandle.current().pid() + "-" + n + ".log");
            Files.writeString(file, report(thread, error, now), StandardCharsets.UTF_8);
            prune();
            return file;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The text of a crash file. */
    static String report(Thread thread, Throwable error, ZonedDateTime when) {
        BuildInfo b = BuildInfo.current();
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return "VertebroPlan crash report (kept on this computer only; nothing is sent)\n"
            + "time: " + DateTimeFormatter.ISO_INSTANT.format(when) + "\n"
            + "program: " + Software.VERSION + ", built " + b.buildDate() + ", commit " + b.commit() + "\n"
            + "java: " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ") in "
            + System.getProperty("java.home") + "\n"
            + "javafx: " + System.getProperty("javafx.runtime.version", "not started") + "\n"
            + "system: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores, max heap "
            + (Runtime.getRuntime().maxMemory() >> 20) + " MB\n"
            + "thread: " + thread.getName() + "\n\n" + trace;
    }

    /** Deletes all but the newest {@value #KEEP} crash files. */
    private void prune() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> logs = files.filter(f -> f.getFileName().toString().matches("crash-.*\\.log"))
                .sorted(Comparator.comparing((Path f) -> f.getFileName().toString()).reversed()).toList();
            for (Path old : logs.subList(Math.min(KEEP, logs.size()), logs.size())) {
                Files.deleteIfExists(old);
            }
        }
    }
}
