package org.vertebroplan.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local crash log: an uncaught exception is written to a file in the user's data folder, nothing else happens. */
class CrashLogTest {

    private static List<Path> logs(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().matches("crash-.*\\.log")).toList();
        }
    }

    @Test
    void anUncaughtExceptionOnAThreadIsWrittenToAFile(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("data").resolve("crash"); // made when first needed
        CrashLog log = new CrashLog(folder);
        List<Path> told = new ArrayList<>();
        log.addListener((error, file) -> told.add(file));
        Thread t = new Thread(() -> {
            throw new IllegalStateException("boom in the worker");
        }, "worker-7");
        t.setUncaughtExceptionHandler(log::uncaught); // what install() sets for every thread
        t.start();
        t.join();
        List<Path> files = logs(folder);
        assertEquals(1, files.size(), files.toString());
        assertEquals(files, told);
        String text = Files.readString(files.get(0));
        assertTrue(text.contains("java.lang.IllegalStateException: boom in the worker"), text);
        assertTrue(text.contains("thread: worker-7"), text);
        assertTrue(text.contains("program: " + Software.VERSION), text);
        assertTrue(text.contains("commit " + BuildInfo.current().commit()), text);
        assertTrue(text.contains("at org.vertebroplan.io.CrashLogTest"), "the stack trace: " + text);
    }

    @Test
    void installMakesItTheDefaultHandlerAndRecordFindsIt(@TempDir Path dir) throws Exception {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        try {
            CrashLog log = CrashLog.install(dir);
            assertNotNull(Thread.getDefaultUncaughtExceptionHandler());
            assertEquals(log, CrashLog.installed().orElseThrow());
            Path f = CrashLog.record(Thread.currentThread(), new RuntimeException("internal error of a command"));
            assertNotNull(f);
            assertEquals(dir, f.getParent());
            assertTrue(Files.readString(f).contains("internal error of a command"));
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }

    @Test
    void aRunWritesFewFilesAndTheFolderKeepsTheNewest(@TempDir Path dir) throws Exception {
        for (int i = 0; i < CrashLog.KEEP + 3; i++) {
            Files.writeString(dir.resolve(String.format("crash-20200101-000000-%03d-1.log", i)), "old");
        }
        CrashLog log = new CrashLog(dir);
        for (int i = 0; i < CrashLog.PER_RUN; i++) {
            assertNotNull(log.write(Thread.currentThread(), new RuntimeException("again " + i)));
        }
        assertNull(log.write(Thread.currentThread(), new RuntimeException("once too often")), "one run writes a few only");
        List<Path> files = logs(dir);
        assertEquals(CrashLog.KEEP, files.size());
        assertEquals(CrashLog.PER_RUN, files.stream().filter(f -> !f.getFileName().toString().startsWith("crash-2020"))
            .count(), "the newest are kept");
    }

    @Test
    void anUnwritableFolderIsNoSecondFailure(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        assertNull(new CrashLog(file.resolve("crash")).write(Thread.currentThread(), new RuntimeException("x")));
    }
}
